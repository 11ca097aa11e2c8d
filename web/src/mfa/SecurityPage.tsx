import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { mfaApi, type MyFactorsView, type TotpSetup } from "./mfaApi.js";

/** Recovery codes are shown once, right after they are made. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t("mfa:recovery.yourCodes")}</h2>
      <p>{t("mfa:recovery.storeNow")}</p>
      <ul className="recovery-codes" aria-label={t("mfa:recovery.title")}>{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
      <button type="button" onClick={onDone}>{t("mfa:recovery.stored")}</button>
    </section>
  );
}

function TotpEnrolment({ onEnrolled }: { onEnrolled: (codes: string[] | null) => void }) {
  const { t } = useTranslation();
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
  if (!setup) return <><button type="button" onClick={() => void start()}>{t("mfa:totp.setUp")}</button>{error ? <ErrorMessage error={error} /> : null}</>;
  return (
    <form onSubmit={confirm} noValidate>
      <p>{t("mfa:totp.scan")}</p>
      <img src={setup.qrDataUrl} alt={t("mfa:totp.qrAlt")} width={240} height={240} />
      <p>{t("mfa:totp.key")} <code data-testid="totp-secret">{setup.secret}</code></p>
      <Field label={t("mfa:totp.code")}>
        {(p) => <input {...p} name="code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="primary">{t("mfa:totp.confirm")}</button>
    </form>
  );
}

/** The signed-in user's own second factors: authenticator app, passkeys and recovery codes. */
export function SecurityPage() {
  const { t } = useTranslation();
  useTitle(t("mfa:title"));
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
      const r = await mfaApi.addPasskey(name.trim() || t("mfa:passkeys.defaultName"));
      setName("");
      enrolled(r.recoveryCodes);
    });
  };
  const pending = state.status === "signedIn" ? state.mfa?.pending : null;

  return (
    <div className="page">
      <h1>{t("mfa:title")}</h1>
      {pending === "enrol" && (
        <p className="alert alert-info" role="status">{t("mfa:enrolRequired")}</p>
      )}
      {codes && <RecoveryCodes codes={codes} onDone={() => { setCodes(null); void refresh(); }} />}
      {error ? <ErrorMessage error={error} /> : null}
      {factors && (
        <>
          <section aria-labelledby="totp-title">
            <h2 id="totp-title">{t("mfa:totp.title")}</h2>
            {factors.totp ? (
              <p>{t("mfa:totp.setUpAt", { at: formatDateTime(factors.totp.confirmedAt) })}{" "}
                <button type="button" className="danger" onClick={() => void act(mfaApi.totpRemove)}>{t("mfa:totp.remove")}</button></p>
            ) : <TotpEnrolment onEnrolled={enrolled} />}
          </section>
          <section aria-labelledby="passkeys-title">
            <h2 id="passkeys-title">{t("mfa:passkeys.title")}</h2>
            {factors.passkeys.length === 0 ? <p className="muted">{t("mfa:passkeys.none")}</p> : (
              <ul className="passkeys">
                {factors.passkeys.map((p) => (
                  <li key={p.id}>
                    <strong>{p.name}</strong>{" "}
                    <span className="muted">
                      {p.lastUsedAt
                        ? t("mfa:passkeys.addedUsed", { added: formatDateTime(p.createdAt), used: formatDateTime(p.lastUsedAt) })
                        : t("mfa:passkeys.added", { added: formatDateTime(p.createdAt) })}
                    </span>{" "}
                    <button type="button" onClick={() => { const n = window.prompt(t("mfa:passkeys.newName"), p.name); if (n) void act(() => mfaApi.renamePasskey(p.id, n)); }}>{t("mfa:passkeys.rename")}</button>{" "}
                    <button type="button" className="danger" onClick={() => void act(() => mfaApi.removePasskey(p.id))}>{t("mfa:passkeys.removeNamed", { name: p.name })}</button>
                  </li>
                ))}
              </ul>
            )}
            <form onSubmit={addPasskey} noValidate>
              <Field label={t("mfa:passkeys.name")} hint={t("mfa:passkeys.nameHint")}>
                {(p) => <input {...p} name="passkeyName" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
              </Field>
              <button type="submit">{t("mfa:passkeys.add")}</button>
            </form>
          </section>
          {(factors.totp || factors.passkeys.length > 0) && (
            <section aria-labelledby="codes-title">
              <h2 id="codes-title">{t("mfa:recovery.title")}</h2>
              <p>{t("mfa:recovery.unused", { count: factors.recoveryCodesLeft })}{" "}
                <button type="button" onClick={() => void act(async () => setCodes((await mfaApi.newRecoveryCodes()).recoveryCodes))}>{t("mfa:recovery.makeNew")}</button></p>
            </section>
          )}
          {pending === "enrol" || !(factors.totp || factors.passkeys.length) ? null : (
            <p className="muted">{t("mfa:stepUpAfter", { count: factors.state.stepUpMinutes })}</p>
          )}
        </>
      )}
    </div>
  );
}
