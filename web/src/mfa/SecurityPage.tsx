import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { mfaApi, type MyFactorsView, type TotpSetup } from "./mfaApi.js";

/** Recovery codes are shown once, right after they are made. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <section className="card" aria-labelledby="recovery-title">
      <h2 id="recovery-title">Your recovery codes</h2>
      <p>Each code works once, if you lose your phone or key. Store them somewhere safe now: they will not be shown again.</p>
      <ul className="recovery-codes" aria-label="Recovery codes">{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
      <button type="button" onClick={onDone}>I have stored them</button>
    </section>
  );
}

function TotpEnrolment({ onEnrolled }: { onEnrolled: (codes: string[] | null) => void }) {
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    setError(null);
    try { setSetup(await mfaApi.totpSetup()); } catch (e) { setError(e); }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try { onEnrolled((await mfaApi.totpConfirm(code.trim())).recoveryCodes); } catch (err) { setCode(""); setError(err); }
  };
  if (!setup) return <><button type="button" onClick={() => void start()}>Set up an authenticator app</button>{error ? <ErrorMessage error={error} /> : null}</>;
  return (
    <form onSubmit={confirm} noValidate>
      <p>Scan the code with your authenticator app, or type the key in by hand.</p>
      <img src={setup.qrDataUrl} alt="QR code for your authenticator app" width={240} height={240} />
      <p>Key: <code data-testid="totp-secret">{setup.secret}</code></p>
      <Field label="Code from the app">
        {(p) => <input {...p} name="code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="primary">Confirm</button>
    </form>
  );
}

/** The signed-in user's own second factors: authenticator app, passkeys and recovery codes. */
export function SecurityPage() {
  useTitle("Sign-in security");
  const { state, refresh } = useAuth();
  const [factors, setFactors] = useState<MyFactorsView | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => mfaApi.factors().then(setFactors, setError), []);
  useEffect(() => { void load(); }, [load]);

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try { await fn(); } catch (e) { setError(e); }
    await load();
  };
  const enrolled = (newCodes: string[] | null) => {
    if (newCodes) setCodes(newCodes);
    void load();
  };
  const addPasskey = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const r = await mfaApi.addPasskey(name.trim() || "Passkey");
      setName("");
      enrolled(r.recoveryCodes);
    });
  };
  const pending = state.status === "signedIn" ? state.mfa?.pending : null;

  return (
    <main id="main" className="page">
      <h1>Sign-in security</h1>
      {pending === "enrol" && (
        <p className="alert alert-info" role="status">Vakt requires a second factor for your account. Set up an authenticator app or a passkey to continue.</p>
      )}
      {codes && <RecoveryCodes codes={codes} onDone={() => { setCodes(null); void refresh(); }} />}
      {error ? <ErrorMessage error={error} /> : null}
      {factors && (
        <>
          <section aria-labelledby="totp-title">
            <h2 id="totp-title">Authenticator app</h2>
            {factors.totp ? (
              <p>Set up {formatDateTime(factors.totp.confirmedAt)}.{" "}
                <button type="button" className="danger" onClick={() => void act(mfaApi.totpRemove)}>Remove</button></p>
            ) : <TotpEnrolment onEnrolled={enrolled} />}
          </section>
          <section aria-labelledby="passkeys-title">
            <h2 id="passkeys-title">Passkeys and security keys</h2>
            {factors.passkeys.length === 0 ? <p className="muted">None yet.</p> : (
              <ul className="passkeys">
                {factors.passkeys.map((p) => (
                  <li key={p.id}>
                    <strong>{p.name}</strong> <span className="muted">added {formatDateTime(p.createdAt)}{p.lastUsedAt ? `, last used ${formatDateTime(p.lastUsedAt)}` : ""}</span>{" "}
                    <button type="button" onClick={() => { const n = window.prompt("New name", p.name); if (n) void act(() => mfaApi.renamePasskey(p.id, n)); }}>Rename</button>{" "}
                    <button type="button" className="danger" onClick={() => void act(() => mfaApi.removePasskey(p.id))}>Remove {p.name}</button>
                  </li>
                ))}
              </ul>
            )}
            <form onSubmit={addPasskey} noValidate>
              <Field label="Name of the new passkey" hint="e.g. Work laptop, YubiKey">
                {(p) => <input {...p} name="passkeyName" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
              </Field>
              <button type="submit">Add a passkey</button>
            </form>
          </section>
          {(factors.totp || factors.passkeys.length > 0) && (
            <section aria-labelledby="codes-title">
              <h2 id="codes-title">Recovery codes</h2>
              <p>{factors.recoveryCodesLeft} unused.{" "}
                <button type="button" onClick={() => void act(async () => setCodes((await mfaApi.newRecoveryCodes()).recoveryCodes))}>Make new codes</button></p>
            </section>
          )}
          {pending === "enrol" || !(factors.totp || factors.passkeys.length) ? null : (
            <p className="muted">Sensitive actions ask for your second factor again after {factors.state.stepUpMinutes} minutes.</p>
          )}
        </>
      )}
    </main>
  );
}
