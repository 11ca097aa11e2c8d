import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { ApiError } from "../api.js";
import { ErrorMessage, Field } from "../components.js";
import { accountApi } from "./accountApi.js";

const fieldError = (error: unknown, field: string) =>
  error instanceof ApiError ? error.issues.find((i) => i.field === field)?.message : undefined;

/** The server's reason for refusing the new password, in the reader's words (server/auth/passwordPolicy.ts says which rule). */
function newPasswordProblem(error: unknown, t: TFunction): string | undefined {
  const reason = fieldError(error, "newPassword");
  if (!reason) return undefined;
  const rule = /at least/.test(reason) ? "short" : /at most/.test(reason) ? "long" : /e-mail/.test(reason) ? "email"
    : /guess/.test(reason) ? "guessable" : /differ/.test(reason) ? "same" : "other";
  return t(`account:password.refused.${rule}`);
}

/** Change my own password; my other sessions end, and my API tokens too when I ask for it. */
export function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
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
      setDone(t("account:password.changed", {
        sessions: t("account:password.sessionsEnded", { count: r.endedSessions }), tokens: t("account:password.tokensRevoked", { count: r.revokedTokens }),
      }));
      onChanged();
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t("account:password.title")}</h2>
      <form onSubmit={submit} noValidate>
        <Field label={t("account:password.current")} error={fieldError(error, "currentPassword") && t("account:password.wrongCurrent")}>
          {(p) => <input {...p} type="password" name="currentPassword" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />}
        </Field>
        <Field label={t("account:password.new")} hint={t("account:password.newHint")} error={newPasswordProblem(error, t)}>
          {(p) => <input {...p} type="password" name="newPassword" autoComplete="new-password" required value={newPassword} onChange={(e) => setNew(e.target.value)} />}
        </Field>
        <Field label={t("account:password.again")} error={mismatch ? t("account:password.mismatch") : undefined}>
          {(p) => <input {...p} type="password" name="repeatPassword" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" name="revokeTokens" checked={revokeTokens} onChange={(e) => setRevoke(e.target.checked)} />
          {t("account:password.revokeTokens")}
        </label>
        <p className="hint">{t("account:password.othersEnd")}</p>
        {error instanceof ApiError && error.status === 400
          ? <p role="alert" className="alert alert-error">{t("account:password.notChanged")}</p>
          : <ErrorMessage error={error} title={t("account:password.notChanged")} />}
        <p role="status">{done}</p>
        <button type="submit" className="primary" disabled={busy || mismatch}>{t("account:password.submit")}</button>
      </form>
    </section>
  );
}
