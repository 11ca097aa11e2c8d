import { useCallback, useEffect, useState } from "react";
import type { SecurityEvent } from "../../../shared/schemas/securityEvents.js";
import { request } from "../api.js";
import { ErrorMessage } from "../components.js";
import { formatDateTime } from "../format.js";

const LABELS: Record<string, string> = {
  "auth.login": "Signed in", "auth.login_failed": "Sign-in refused", "auth.logout": "Signed out",
  "auth.factor_verified": "Second factor proven", "auth.factor_failed": "Second factor refused",
  "auth.password_changed": "Password changed", "auth.password_change_failed": "Password change refused",
  "mfa.totp_enrolled": "Authenticator app added", "mfa.totp_removed": "Authenticator app removed", "mfa.passkey_added": "Passkey added",
  "mfa.passkey_removed": "Passkey removed", "mfa.reset": "Second factors reset", "mfa.recovery_code_used": "Recovery code used",
  "session.ended": "Session ended", "session.ended_all": "Sessions ended", "token.created": "API token created",
  "token.revoked": "API token revoked", "token.used": "API token used (first use that day)",
  "user.created": "Account created", "user.updated": "Account changed", "user.deactivated_unused": "Deactivated (unused)",
  "user.anonymised": "Anonymised", "scim.user_access_changed": "Access changed by the identity provider",
};

type EventsPage = { items: SecurityEvent[]; nextBeforeSeq: number | null };

function detail(e: SecurityEvent): string {
  return [e.method && `method ${e.method}`, e.factor && `factor ${e.factor}`, e.reason && `reason ${e.reason.replaceAll("_", " ")}`, e.ipAddress && `from ${e.ipAddress}`]
    .filter(Boolean).join(", ");
}

/** The security events of the audit log (GET /api/access-review/events), newest first, older on request. */
export function SecurityEvents() {
  const [items, setItems] = useState<SecurityEvent[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async (beforeSeq?: number) => {
    try {
      const page = await request<EventsPage>("GET", `/api/access-review/events?limit=50${beforeSeq ? `&beforeSeq=${beforeSeq}` : ""}`);
      setItems((old) => [...(beforeSeq ? old ?? [] : []), ...page.items]);
      setNext(page.nextBeforeSeq);
    } catch (e) { setError(e); }
  }, []);
  useEffect(() => { void load(); }, [load]);
  return (
    <section className="card" aria-labelledby="security-events-title">
      <h2 id="security-events-title">Security events</h2>
      <p className="hint">Sign-ins and refusals, second factors, sessions, API tokens, account and identity-provider (SCIM) changes.</p>
      <ErrorMessage error={error} />
      {!items ? <p className="muted loading" role="status">Loading security events…</p> : (
        <table>
          <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">By</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.seq}>
                <td><time dateTime={e.at}>{formatDateTime(e.at)}</time></td>
                <td>{LABELS[e.action] ?? e.action}</td>
                <td>{e.actorLabel}</td>
                <td>{detail(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && <button type="button" className="secondary" onClick={() => void load(next)}>Show older events</button>}
    </section>
  );
}
