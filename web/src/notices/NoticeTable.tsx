import i18next from "i18next";
import { useTranslation } from "react-i18next";
import type { User } from "../api.js";
import { formatDateTime } from "../format.js";
import type { Notice } from "./api.js";
import { NoticeStatusBadge, useLanguageLabel, usePhaseLabel } from "./labels.js";

/** A user id as a name (the privacy team sees who edited and approved). */
export function nameOf(users: User[], id: string | null): string | null {
  if (!id) return null;
  return users.find((u) => u.id === id)?.name ?? i18next.t("notices:table.anotherUser");
}

/** Why a notice is not delivered yet, or why it failed (the mail server's own words kept as they are). */
export function deliveryProblem(n: Notice): string | null {
  if (n.status === "failed") return n.lastError ?? n.delivery?.lastError ?? i18next.t("notices:table.notDelivered");
  if (n.status === "queued" && n.delivery?.lastError)
    return i18next.t("notices:table.attemptFailed", { attempts: n.delivery.attempts, error: n.delivery.lastError });
  return null;
}

function Who({ label, at }: { label: string | null; at: string | null }) {
  if (!label) return null;
  return <div>{label}{at && <span className="muted"> · {formatDateTime(at)}</span>}</div>;
}

/** Every notice of the incident, one row each, grouped by controller (drafting order within). */
export function NoticeTable({ notices, users, openId, onOpen }: { notices: Notice[]; users: User[]; openId: string | null; onOpen(id: string | null): void }) {
  const { t } = useTranslation();
  const phaseLabel = usePhaseLabel();
  const languageLabel = useLanguageLabel();
  const rows = [...notices].sort((a, b) => a.organization.localeCompare(b.organization) || a.sequence - b.sequence);
  const columns = [t("notices:table.controller"), t("notices:table.notice"), t("notices:table.status"), t("notices:table.editedApproved"), t("notices:table.sentAcknowledged")];
  const by = (key: "notices:table.editedBy" | "notices:table.approvedBy", id: string | null) => {
    const name = nameOf(users, id);
    return name ? t(key, { name }) : null;
  };
  return (
    <div className="table-wrap">
      <table className="notices">
        <caption className="visually-hidden">{t("notices:table.caption")}</caption>
        <thead>
          <tr>
            {columns.map((c) => <th key={c} scope="col">{c}</th>)}
            <th scope="col"><span className="visually-hidden">{t("notices:table.open")}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => {
            const problem = deliveryProblem(n);
            const isOpen = openId === n.id;
            return (
              <tr key={n.id} className={isOpen ? "selected" : undefined} data-notice-id={n.id}>
                <th scope="row">{n.organization}</th>
                <td>
                  {phaseLabel(n.phase)} <span className="muted mono nowrap">{n.reference}</span>
                  <div className="muted small-text">{languageLabel(n.language)}</div>
                </td>
                <td>
                  <NoticeStatusBadge status={n.status} />
                  {problem && <p className="field-error notice-problem">{problem}</p>}
                </td>
                <td className="small-text">
                  <Who label={by("notices:table.editedBy", n.editedById)} at={n.editedAt} />
                  <Who label={by("notices:table.approvedBy", n.approvedById)} at={n.approvedAt} />
                </td>
                <td className="small-text">
                  {n.sentAt ? <div><time dateTime={n.sentAt}>{t("notices:table.sent", { at: formatDateTime(n.sentAt) })}</time></div>
                    : n.queuedAt ? <div>{t("notices:table.queued", { at: formatDateTime(n.queuedAt) })}</div> : "—"}
                  {!n.acknowledgedAt && n.remindedAt && <div className="muted">{t("notices:table.reminded", { at: formatDateTime(n.remindedAt) })}</div>}
                  {!n.acknowledgedAt && n.escalatedAt && <div className="overdue">{t("notices:table.escalated", { at: formatDateTime(n.escalatedAt) })}</div>}
                  {n.acknowledgedAt && (
                    <div>
                      {t(n.acknowledgedVia === "portal" ? "notices:table.acknowledgedPortal" : "notices:table.acknowledgedLink",
                        { at: formatDateTime(n.acknowledgedAt), by: n.acknowledgedBy ?? "" })}
                    </div>
                  )}
                </td>
                <td>
                  <button type="button" className="small secondary" aria-expanded={isOpen}
                    aria-label={t(isOpen ? "notices:table.closeLabel" : "notices:table.openLabel", { notice: phaseLabel(n.phase).toLowerCase(), organization: n.organization })}
                    onClick={() => onOpen(isOpen ? null : n.id)}>
                    {isOpen ? t("notices:table.close") : t("notices:table.open")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
