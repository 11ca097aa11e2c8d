/** The written part of a review, read-only (approved, or a role that cannot edit). */
import { Link } from "react-router";
import { formatDate } from "../format.js";
import type { ReviewView } from "./api.js";

export function WrittenPart({ review: r }: { review: ReviewView }) {
  const text = (s: string) => (s.trim() ? <p className="prewrap">{s}</p> : <p className="muted">Not written.</p>);
  return (
    <div className="written">
      <h3>Root cause</h3>
      {r.rootCause.length ? <ol className="whys-read">{r.rootCause.map((w, i) => <li key={i}>{w}</li>)}</ol> : <p className="muted">Not written.</p>}
      <h3>What went well</h3>
      {text(r.wentWell)}
      <h3>What went badly</h3>
      {text(r.wentBadly)}
      <h3>Lessons learned</h3>
      {text(r.lessons)}
      <h3>Follow-up actions</h3>
      {r.followUps.length === 0 ? <p className="muted">None.</p> : (
        <ul className="records">
          {r.followUps.map((f) => (
            <li key={f.id}>
              <strong>{f.title}</strong> — {f.owner?.name ?? "Unknown"}, due {formatDate(f.dueAt)}
              {f.status === "done" ? <span className="badge followup-done"> Done</span> : f.overdue ? <span className="badge overdue"> Overdue</span> : null}
            </li>
          ))}
        </ul>
      )}
      <p><Link to={`/follow-ups?incidentId=${r.incidentId}`}>Follow-up actions of this incident</Link></p>
    </div>
  );
}
