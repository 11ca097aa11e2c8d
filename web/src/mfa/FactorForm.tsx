import { useState, type FormEvent } from "react";
import { ApiError } from "../api.js";
import { Field } from "../components.js";
import type { Proof } from "./mfaApi.js";

/**
 * Asks for one proof of a second factor: the authenticator code, a passkey, or a recovery code.
 * `submit` sends it; `passkey` runs the browser's passkey ceremony. Used at sign-in, after SSO and for step-up.
 */
export function FactorForm({ methods, submit, passkey, submitLabel = "Continue" }: {
  methods: string[];
  submit: (proof: Proof) => Promise<void>;
  passkey: () => Promise<void>;
  submitLabel?: string;
}) {
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
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return setError(useRecovery ? "Enter one of your recovery codes." : "Enter the 6-digit code from your authenticator app.");
    void run(() => submit(useRecovery ? { method: "recovery", code } : { method: "totp", code }));
  };

  return (
    <div className="factor-form">
      {methods.includes("passkey") && (
        <button type="button" className="primary wide" disabled={busy} onClick={() => void run(passkey)}>Use a passkey or security key</button>
      )}
      {(methods.includes("totp") || useRecovery) && (
        <form onSubmit={onSubmit} noValidate>
          <Field label={useRecovery ? "Recovery code" : "Authentication code"}>
            {(p) => (
              <input {...p} name="code" autoComplete="one-time-code" inputMode={useRecovery ? "text" : "numeric"} autoFocus
                value={code} onChange={(e) => setCode(e.target.value)} />
            )}
          </Field>
          <button type="submit" className="wide" disabled={busy}>{busy ? "Checking…" : submitLabel}</button>
        </form>
      )}
      <div aria-live="assertive">{error && <p className="alert alert-error" role="alert">{error}</p>}</div>
      {methods.includes("recovery") && (
        <button type="button" className="link" onClick={() => { setUseRecovery(!useRecovery); setCode(""); setError(null); }}>
          {useRecovery ? "Use my authenticator app instead" : "Use a recovery code instead"}
        </button>
      )}
    </div>
  );
}
