import { useEffect, useState, type FormEvent } from "react";
import { Navigate, useSearchParams } from "react-router";
import { useAuth } from "../auth.js";
import { api, ApiError, type SecondFactorChallenge } from "../api.js";
import type { SignInOptions } from "../../../shared/schemas/auth.js";
import { FactorForm } from "../mfa/FactorForm.js";
import { mfaApi } from "../mfa/mfaApi.js";
import { Field } from "../components.js";
import { useTitle } from "../format.js";

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/signin") ? next : "/";
}

export function SignInPage() {
  useTitle("Sign in");
  const { state, signIn, accept } = useAuth();
  const [challenge, setChallenge] = useState<SecondFactorChallenge | null>(null);
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = useSignInOptions(email);

  if (state.status === "signedIn") return <Navigate to={next} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError("Enter your e-mail address and your password.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setChallenge(await signIn(email, password));
    } catch (err) {
      setPassword("");
      if (err instanceof ApiError && err.status === 400) setError("Enter a valid e-mail address and your password.");
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const passwordless = async () => {
    setError(null);
    try {
      accept(await mfaApi.passwordless());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  if (challenge)
    return (
      <main id="main" className="signin">
        <div className="signin-card">
          <p className="brand signin-brand"><span aria-hidden="true" className="brand-mark">◆</span> Vakt</p>
          <h1>Second step</h1>
          <p>Confirm it is you with your second factor.</p>
          <FactorForm methods={challenge.methods} submitLabel="Sign in"
            submit={async (proof) => accept(await mfaApi.secondStep(challenge.pendingToken, proof))}
            passkey={async () => accept(await mfaApi.secondStepWithPasskey(challenge.pendingToken))} />
          <button type="button" className="link" onClick={() => { setChallenge(null); setPassword(""); }}>Start again</button>
        </div>
      </main>
    );

  return (
    <main id="main" className="signin">
      <div className="signin-card">
        <p className="brand signin-brand"><span aria-hidden="true" className="brand-mark">◆</span> Vakt</p>
        <h1>Sign in</h1>
        {params.get("expired") && !error && (
          <p className="alert alert-info" role="status">Your session has ended. Sign in again to continue.</p>
        )}
        <SsoButtons options={options} />
        <form onSubmit={submit} noValidate aria-describedby={error ? "signin-error" : undefined}>
          <Field label="E-mail">
            {(p) => (
              <input {...p} type="email" name="email" autoComplete="username" required autoFocus
                value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
          <Field label="Password">
            {(p) => (
              <input {...p} type="password" name="password" autoComplete="current-password" required
                value={password} onChange={(e) => setPassword(e.target.value)} />
            )}
          </Field>
          <div aria-live="assertive" id="signin-error">
            {error && <p className="alert alert-error" role="alert">{error}</p>}
          </div>
          <button type="submit" className="primary wide" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
        <button type="button" className="wide" onClick={() => void passwordless()}>Use a passkey</button>
      </div>
    </main>
  );
}

/** Sign-in options for the address typed so far (home-realm discovery), looked up after a short pause. */
function useSignInOptions(email: string): SignInOptions | null {
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const domain = email.includes("@") ? email.trim() : "";
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.signInOptions(domain || undefined).then((o) => live && setOptions(o), () => live && setOptions(null));
    }, domain ? 300 : 0);
    return () => { live = false; clearTimeout(timer); };
  }, [domain]);
  return options;
}

/** A button per single sign-on provider; an organisation's own provider first when the e-mail's domain is its. */
function SsoButtons({ options }: { options: SignInOptions | null }) {
  if (!options || options.providers.length === 0) return null;
  const sorted = [...options.providers].sort((a, b) => Number(b.matchesEmail) - Number(a.matchesEmail));
  return (
    <div className="signin-sso">
      {sorted.map((p) => (
        <a key={p.id} className={`button wide${p.matchesEmail ? " primary" : ""}`} href={p.loginUrl}>Sign in with {p.label}</a>
      ))}
      {options.passwordLogin !== "on" && (
        <p className="hint">
          {options.passwordLogin === "off"
            ? "Staff sign in with single sign-on. The password form below is for customer contacts."
            : "Staff sign in with single sign-on. The password form below is for customer contacts and administrators (break-glass)."}
        </p>
      )}
      <p className="signin-or" aria-hidden="true">or</p>
    </div>
  );
}
