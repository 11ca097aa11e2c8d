import { useCallback, useEffect, useState, type FormEvent } from "react";
import { TOKEN_SCOPES, type TokenScope } from "../../../shared/tokenScopes.js";
import type { TokenView } from "../../../shared/schemas/token.js";
import { ErrorMessage, Field, useAnnounce } from "../components.js";
import { formatDateTime, relativeTime, useNow } from "../format.js";
import { accountApi } from "./accountApi.js";

const STATUS_LABELS: Record<TokenView["status"], string> = { active: "Active", revoked: "Revoked", expired: "Expired", idle: "Stopped (unused too long)" };

/** My API tokens: create one (shown once), see when each was last used, revoke. */
export function TokensSection() {
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
      const t = await accountApi.createToken({ name, scopes });
      setCreated({ name: t.name, token: t.token });
      setName("");
      await load();
    } catch (err) { setError(err); }
  };
  const revoke = async (t: TokenView) => {
    setError(null);
    try { await accountApi.revokeToken(t.id); announce(`Token ${t.name} revoked.`); await load(); } catch (err) { setError(err); }
  };
  const toggle = (s: TokenScope) => setScopes((list) => (list.includes(s) ? list.filter((x) => x !== s) : [...list, s]));
  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <ErrorMessage error={error} />
      {created && (
        <div className="alert" role="status">
          <p>Copy the token <strong>{created.name}</strong> now: it is not shown again.</p>
          <p><code data-testid="new-token">{created.token}</code></p>
          <button type="button" className="secondary" onClick={() => setCreated(null)}>I have copied it</button>
        </div>
      )}
      {items && items.length > 0 && (
        <table>
          <thead><tr><th scope="col">Name</th><th scope="col">Scopes</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.scopes.join(", ")}</td>
                <td>{t.lastUsedAt ? <time dateTime={t.lastUsedAt} title={formatDateTime(t.lastUsedAt)}>{relativeTime(t.lastUsedAt, now)}</time> : "Never"}</td>
                <td>{t.expiresAt ? formatDateTime(t.expiresAt) : "Never"}</td>
                <td>{STATUS_LABELS[t.status]}</td>
                <td>{t.status === "active" && (
                  <button type="button" className="secondary" onClick={() => void revoke(t)}>Revoke<span className="visually-hidden"> {t.name}</span></button>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items && items.length === 0 && <p className="muted">You have no API tokens.</p>}
      <form onSubmit={create} noValidate>
        <h3>New token</h3>
        <Field label="What it is for" hint="For example: alerting webhook">
          {(p) => <input {...p} name="tokenName" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <fieldset>
          <legend>Scopes (your own role still limits what the token can do)</legend>
          {TOKEN_SCOPES.map((s) => (
            <label key={s} className="checkbox"><input type="checkbox" checked={scopes.includes(s)} onChange={() => toggle(s)} /> {s}</label>
          ))}
        </fieldset>
        <button type="submit" className="primary">Create token</button>
      </form>
    </section>
  );
}
