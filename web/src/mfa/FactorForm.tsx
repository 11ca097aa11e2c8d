import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api.js";
import { Field } from "../components.js";
import type { Proof } from "./mfaApi.js";

/**
 * Asks for one proof of a second factor: the authenticator code, a passkey, or a recovery code.
 * `submit` sends it; `passkey` runs the browser's passkey ceremony. Used at sign-in, after SSO and for step-up.
 */
export function FactorForm({ methods, submit, passkey, submitLabel }: {
  methods: string[];
  submit: (proof: Proof) => Promise<void>;
  passkey: () => Promise<void>;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(!methods.includes("totp") && !methods.includes("passkey"));
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setCode("");
      setError(e instanceof ApiError && (e.code === "factor_rejected" || e.status === 400) ? t("mfa:factor.refused") : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return setError(useRecovery ? t("mfa:factor.enterRecovery") : t("mfa:factor.enterCode"));
    void run(() => submit(useRecovery ? { method: "recovery", code } : { method: "totp", code }));
  };

  return (
    <div className="factor-form">
      {methods.includes("passkey") && (
        <button type="button" className="primary wide" disabled={busy} onClick={() => void run(passkey)}>{t("mfa:factor.usePasskey")}</button>
      )}
      {(methods.includes("totp") || useRecovery) && (
        <form onSubmit={onSubmit} noValidate>
          <Field label={useRecovery ? t("mfa:factor.recoveryCode") : t("mfa:factor.code")}>
            {(p) => (
              <input {...p} name="code" autoComplete="one-time-code" inputMode={useRecovery ? "text" : "numeric"} autoFocus
                value={code} onChange={(e) => setCode(e.target.value)} />
            )}
          </Field>
          <button type="submit" className="wide" disabled={busy}>{busy ? t("mfa:factor.checking") : submitLabel ?? t("mfa:factor.continue")}</button>
        </form>
      )}
      <div aria-live="assertive">{error && <p className="alert alert-error" role="alert">{error}</p>}</div>
      {methods.includes("recovery") && (
        <button type="button" className="link" onClick={() => { setUseRecovery(!useRecovery); setCode(""); setError(null); }}>
          {useRecovery ? t("mfa:factor.useApp") : t("mfa:factor.useRecovery")}
        </button>
      )}
    </div>
  );
}
