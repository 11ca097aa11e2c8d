import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TOKEN_SCOPES, type TokenScope } from "../../../shared/tokenScopes.js";
import type { TokenView } from "../../../shared/schemas/token.js";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { formatDateTime, relativeTime, useNow } from "../format.js";
import { accountApi } from "./accountApi.js";

/** My API tokens: create one (shown once), see when each was last used, revoke. */
export function TokensSection() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const now = useNow(60_000);
  const [items, setItems] = useState<TokenView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TokenScope[]>(["incidents:read"]);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const load = useCallback(() => accountApi.tokens().then((r) => setItems(r.items), setError), []);
  useEffect(() => { void load(); }, [load]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const made = await accountApi.createToken({ name, scopes });
      setCreated({ name: made.name, token: made.token });
      setName("");
      await load();
    } catch (err) { setError(err); }
  };
  const revoke = async (token: TokenView) => {
    setError(null);
    try { await accountApi.revokeToken(token.id); announce(t("account:tokens.revokedOne", { name: token.name })); await load(); } catch (err) { setError(err); }
  };
  const toggle = (s: TokenScope) => setScopes((list) => (list.includes(s) ? list.filter((x) => x !== s) : [...list, s]));
  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t("account:tokens.title")}</h2>
      {!fieldError(error, "name") && <ErrorMessage error={error} />}
      {created && (
        <div className="alert" role="status">
          <p>{t("account:tokens.copyNow", { name: created.name })}</p>
          <p><code data-testid="new-token">{created.token}</code></p>
          <button type="button" className="secondary" onClick={() => setCreated(null)}>{t("account:tokens.copied")}</button>
        </div>
      )}
      {items && items.length > 0 && (
        <table>
          <thead>
            <tr>
              {["name", "scopes", "lastUsed", "expires", "status"].map((c) => <th key={c} scope="col">{t(`account:tokens.columns.${c}`)}</th>)}
              <th scope="col"><span className="visually-hidden">{t("account:actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((tk) => (
              <tr key={tk.id}>
                <td>{tk.name}</td>
                <td>{tk.scopes.join(", ")}</td>
                <td>{tk.lastUsedAt ? <time dateTime={tk.lastUsedAt} title={formatDateTime(tk.lastUsedAt)}>{relativeTime(tk.lastUsedAt, now)}</time> : t("account:never")}</td>
                <td>{tk.expiresAt ? formatDateTime(tk.expiresAt) : t("account:never")}</td>
                <td>{t(`account:tokens.status.${tk.status}`)}</td>
                <td>{tk.status === "active" && (
                  <button type="button" className="secondary" onClick={() => void revoke(tk)}>
                    {t("account:tokens.revoke")}<span className="visually-hidden"> {tk.name}</span>
                  </button>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items && items.length === 0 && <p className="muted">{t("account:tokens.none")}</p>}
      <form onSubmit={create} noValidate>
        <h3>{t("account:tokens.newTitle")}</h3>
        <Field label={`${t("account:tokens.purpose")} *`} hint={t("account:tokens.purposeHint")} error={fieldError(error, "name") && t("account:tokens.purposeRequired")}>
          {(p) => <input {...p} name="tokenName" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <fieldset>
          <legend>{t("account:tokens.scopes")}</legend>
          {TOKEN_SCOPES.map((s) => (
            <label key={s} className="checkbox"><input type="checkbox" checked={scopes.includes(s)} onChange={() => toggle(s)} /> {s}</label>
          ))}
        </fieldset>
        <button type="submit" className="primary">{t("account:tokens.create")}</button>
      </form>
    </section>
  );
}
