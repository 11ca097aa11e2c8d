import type { User } from "../api.js";
import { formatDateTime } from "../format.js";
import type { Notice } from "./api.js";
import { languageLabel, NoticeStatusBadge, PHASE_LABELS } from "./labels.js";

/** A user id as a name (the privacy team sees who edited and approved). */
export function nameOf(users: User[], id: string | null): string | null {
  if (!id) return null;
  return users.find((u) => u.id === id)?.name ?? "another user";
}

/** Why a notice is not delivered yet, or why it failed. */
export function deliveryProblem(n: Notice): string | null {
  if (n.status === "failed") return n.lastError ?? n.delivery?.lastError ?? "Not delivered.";
  if (n.status === "queued" && n.delivery?.lastError) return `Attempt ${n.delivery.attempts} failed: ${n.delivery.lastError}; retried automatically.`;
  return null;
}

function Who({ label, name, at }: { label: string; name: string | null; at: string | null }) {
  if (!name) return null;
  return <div>{label} by {name}{at && <span className="muted"> · {formatDateTime(at)}</span>}</div>;
}

/** Every notice of the incident, one row each, grouped by controller (drafting order within). */
export function NoticeTable({ notices, users, openId, onOpen }: { notices: Notice[]; users: User[]; openId: string | null; onOpen(id: string | null): void }) {
  const rows = [...notices].sort((a, b) => a.organization.localeCompare(b.organization) || a.sequence - b.sequence);
  return (
    <div className="table-wrap">
      <table className="notices">
        <caption className="visually-hidden">Notices to controllers</caption>
        <thead>
          <tr>
            {["Controller", "Notice", "Status", "Edited / approved", "Sent / acknowledged", ""].map((c) => <th key={c} scope="col">{c}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => {
            const problem = deliveryProblem(n);
            return (
              <tr key={n.id} className={openId === n.id ? "selected" : undefined} data-notice-id={n.id}>
                <th scope="row">{n.organization}</th>
                <td>
                  {PHASE_LABELS[n.phase]} <span className="muted mono nowrap">{n.reference}</span>
                  <div className="muted small-text">{languageLabel(n.language)}</div>
                </td>
                <td>
                  <NoticeStatusBadge status={n.status} />
                  {problem && <p className="field-error notice-problem">{problem}</p>}
                </td>
                <td className="small-text">
                  <Who label="Edited" name={nameOf(users, n.editedById)} at={n.editedAt} />
                  <Who label="Approved" name={nameOf(users, n.approvedById)} at={n.approvedAt} />
                </td>
                <td className="small-text">
                  {n.sentAt ? <div>Sent <time dateTime={n.sentAt}>{formatDateTime(n.sentAt)}</time></div> : n.queuedAt ? <div>Queued {formatDateTime(n.queuedAt)}</div> : "—"}
                  {!n.acknowledgedAt && n.remindedAt && <div className="muted">Reminded {formatDateTime(n.remindedAt)}</div>}
                  {!n.acknowledgedAt && n.escalatedAt && <div className="overdue">Escalated {formatDateTime(n.escalatedAt)}</div>}
                  {n.acknowledgedAt && (
                    <div>
                      Acknowledged <time dateTime={n.acknowledgedAt}>{formatDateTime(n.acknowledgedAt)}</time>{" "}
                      by {n.acknowledgedBy} ({n.acknowledgedVia === "portal" ? "in the portal" : "by link"})
                    </div>
                  )}
                </td>
                <td>
                  <button type="button" className="small secondary" aria-expanded={openId === n.id}
                    aria-label={`${openId === n.id ? "Close" : "Open"} ${PHASE_LABELS[n.phase].toLowerCase()} to ${n.organization}`}
                    onClick={() => onOpen(openId === n.id ? null : n.id)}>
                    {openId === n.id ? "Close" : "Open"}
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
