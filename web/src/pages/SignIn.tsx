import { useEffect, useState, type FormEvent } from "react";
import { Navigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useAuth } from "../auth.js";
import { api, ApiError, type SecondFactorChallenge } from "../api.js";
import type { SignInOptions } from "../../../shared/schemas/auth.js";
import { FactorForm } from "../mfa/FactorForm.js";
import { mfaApi } from "../mfa/mfaApi.js";
import { Field } from "../components.js";
import { useTitle } from "../format.js";

/** Why sign-in failed, in the reader's words (the server's wording is English). */
function signInProblem(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  if (err.status === 400) return t("signin:enterValid");
  if (err.status === 401) return t("signin:wrong");
  if (err.status === 403) return t("signin:passwordOff");
  if (err.status === 429) return t("signin:throttled");
  if (err.status === 0) return t("signin:network");
  return err.message;
}

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/signin") ? next : "/";
}

export function SignInPage() {
  const { t } = useTranslation();
  useTitle(t("signin:title"));
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
      setError(t("signin:enterBoth"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setChallenge(await signIn(email, password));
    } catch (err) {
      setPassword("");
      setError(signInProblem(err, t));
    } finally {
      setBusy(false);
    }
  };

  const passwordless = async () => {
    setError(null);
    try {
      accept(await mfaApi.passwordless());
    } catch (err) {
      setError(err instanceof ApiError ? signInProblem(err, t) : t("signin:passkeyFailed"));
    }
  };

  if (challenge)
    return (
      <main id="main" className="signin">
        <div className="signin-card">
          <p className="brand signin-brand"><span aria-hidden="true" className="brand-mark">◆</span> Vakt</p>
          <h1>{t("signin:secondStep")}</h1>
          <p>{t("signin:secondStepText")}</p>
          <FactorForm methods={challenge.methods} submitLabel={t("signin:title")}
            submit={async (proof) => accept(await mfaApi.secondStep(challenge.pendingToken, proof))}
            passkey={async () => accept(await mfaApi.secondStepWithPasskey(challenge.pendingToken))} />
          <button type="button" className="link" onClick={() => { setChallenge(null); setPassword(""); }}>{t("signin:startAgain")}</button>
        </div>
      </main>
    );

  return (
    <main id="main" className="signin">
      <div className="signin-card">
        <p className="brand signin-brand"><span aria-hidden="true" className="brand-mark">◆</span> Vakt</p>
        <h1>{t("signin:title")}</h1>
        {params.get("expired") && !error && (
          <p className="alert alert-info" role="status">{t("signin:expired")}</p>
        )}
        <SsoButtons options={options} />
        <form onSubmit={submit} noValidate aria-describedby={error ? "signin-error" : undefined}>
          <Field label={t("signin:email")}>
            {(p) => (
              <input {...p} type="email" name="email" autoComplete="username" required autoFocus
                value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
          <Field label={t("signin:password")}>
            {(p) => (
              <input {...p} type="password" name="password" autoComplete="current-password" required
                value={password} onChange={(e) => setPassword(e.target.value)} />
            )}
          </Field>
          <div aria-live="assertive" id="signin-error">
            {error && <p className="alert alert-error" role="alert">{error}</p>}
          </div>
          <button type="submit" className="primary wide" disabled={busy}>
            {busy ? t("signin:signingIn") : t("signin:title")}
          </button>
        </form>
        <button type="button" className="wide" onClick={() => void passwordless()}>{t("signin:passkey")}</button>
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
  const { t } = useTranslation();
  if (!options || options.providers.length === 0) return null;
  const sorted = [...options.providers].sort((a, b) => Number(b.matchesEmail) - Number(a.matchesEmail));
  return (
    <div className="signin-sso">
      {sorted.map((p) => (
        <a key={p.id} className={`button wide${p.matchesEmail ? " primary" : ""}`} href={p.loginUrl}>{t("signin:ssoWith", { provider: p.label })}</a>
      ))}
      {options.passwordLogin !== "on" && (
        <p className="hint">
          {options.passwordLogin === "off"
            ? t("signin:ssoOff")
            : t("signin:ssoBreakGlass")}
        </p>
      )}
      <p className="signin-or" aria-hidden="true">{t("signin:or")}</p>
    </div>
  );
}
