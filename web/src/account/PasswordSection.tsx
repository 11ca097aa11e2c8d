import { useState, type FormEvent } from "react";
import { ApiError } from "../api.js";
import { ErrorMessage, Field } from "../components.js";
import { accountApi } from "./accountApi.js";

const fieldError = (error: unknown, field: string) =>
  error instanceof ApiError ? error.issues.find((i) => i.field === field)?.message : undefined;

/** Change my own password; my other sessions end, and my API tokens too when I ask for it. */
export function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [repeat, setRepeat] = useState("");
  const [revokeTokens, setRevoke] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const mismatch = repeat !== "" && repeat !== newPassword;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await accountApi.changePassword({ currentPassword, newPassword, revokeTokens });
      setCurrent(""); setNew(""); setRepeat(""); setRevoke(false);
      setDone(`Password changed. ${r.endedSessions} other sessions signed out, ${r.revokedTokens} API tokens revoked.`);
      onChanged();
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <form onSubmit={submit} noValidate>
        <Field label="Current password" error={fieldError(error, "currentPassword")}>
          {(p) => <input {...p} type="password" name="currentPassword" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />}
        </Field>
        <Field label="New password" hint="At least 12 characters. Not a common or leaked password, and not your e-mail address." error={fieldError(error, "newPassword")}>
          {(p) => <input {...p} type="password" name="newPassword" autoComplete="new-password" required value={newPassword} onChange={(e) => setNew(e.target.value)} />}
        </Field>
        <Field label="New password again" error={mismatch ? "does not match the new password" : undefined}>
          {(p) => <input {...p} type="password" name="repeatPassword" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" name="revokeTokens" checked={revokeTokens} onChange={(e) => setRevoke(e.target.checked)} />
          Also revoke all my API tokens (do this if you think someone else knew your password)
        </label>
        <p className="hint">Your other sessions are signed out; this one stays signed in.</p>
        <ErrorMessage error={error} title="The password was not changed." />
        <p role="status">{done}</p>
        <button type="submit" className="primary" disabled={busy || mismatch}>Change password</button>
      </form>
    </section>
  );
}
