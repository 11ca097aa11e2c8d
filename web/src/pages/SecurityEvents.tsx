import { useCallback, useEffect, useState } from "react";
import type { SecurityEvent } from "../../../shared/schemas/securityEvents.js";
import { useTranslation } from "react-i18next";
import i18next from "i18next";
import { request } from "../api.js";
import { ErrorMessage } from "../components.js";
import { formatDateTime } from "../format.js";

type EventsPage = { items: SecurityEvent[]; nextBeforeSeq: number | null };

/** "password", "wrong_password": a code in words when it is known, else with its underscores as spaces. */
const word = (family: string, code: string) => i18next.t(`admin:security.${family}.${code}`, { defaultValue: code.replaceAll("_", " ") });

function detail(e: SecurityEvent): string {
  return [
    e.method && i18next.t("admin:security.detail.method", { method: word("methods", e.method) }),
    e.factor && i18next.t("admin:security.detail.factor", { factor: word("factors", e.factor) }),
    e.reason && i18next.t("admin:security.detail.reason", { reason: word("reasons", e.reason) }),
    e.ipAddress && i18next.t("admin:security.detail.from", { address: e.ipAddress }),
  ].filter(Boolean).join(", ");
}

/** The security events of the audit log (GET /api/access-review/events), newest first, older on request. */
export function SecurityEvents() {
  const { t } = useTranslation();
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
      <h2 id="security-events-title">{t("admin:security.title")}</h2>
      <p className="hint">{t("admin:security.hint")}</p>
      <ErrorMessage error={error} />
      {!items ? <p className="muted loading" role="status">{t("admin:security.loading")}</p> : (
        <table>
          <thead><tr>{["when", "event", "by", "details"].map((c) => <th key={c} scope="col">{t(`admin:security.columns.${c}`)}</th>)}</tr></thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.seq}>
                <td><time dateTime={e.at}>{formatDateTime(e.at)}</time></td>
                <td>{t(`admin:security.events.${e.action}`, { defaultValue: e.action })}</td>
                <td>{e.actorLabel}</td>
                <td>{detail(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && <button type="button" className="secondary" onClick={() => void load(next)}>{t("admin:security.older")}</button>}
    </section>
  );
}
