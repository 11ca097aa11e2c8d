/** The written part of a review, read-only (approved, or a role that cannot edit). */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate } from "../format.js";
import type { ReviewView } from "./api.js";

export function WrittenPart({ review: r }: { review: ReviewView }) {
  const { t } = useTranslation();
  const notWritten = <p className="muted">{t("review:written.notWritten")}</p>;
  const text = (s: string) => (s.trim() ? <p className="prewrap">{s}</p> : notWritten);
  return (
    <div className="written">
      <h3>{t("review:written.rootCause")}</h3>
      {r.rootCause.length ? <ol className="whys-read">{r.rootCause.map((w, i) => <li key={i}>{w}</li>)}</ol> : notWritten}
      <h3>{t("review:written.wentWell")}</h3>
      {text(r.wentWell)}
      <h3>{t("review:written.wentBadly")}</h3>
      {text(r.wentBadly)}
      <h3>{t("review:written.lessons")}</h3>
      {text(r.lessons)}
      <h3>{t("review:written.followUps")}</h3>
      {r.followUps.length === 0 ? <p className="muted">{t("review:written.none")}</p> : (
        <ul className="records">
          {r.followUps.map((f) => (
            <li key={f.id}>
              <strong>{f.title}</strong> — {t("review:written.ownerDue", { name: f.owner?.name ?? t("review:written.unknown"), due: formatDate(f.dueAt) })}
              {f.status === "done" ? <span className="badge followup-done"> {t("review:followUps.done")}</span> : f.overdue ? <span className="badge overdue"> {t("review:followUps.overdue")}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <p><Link to={`/follow-ups?incidentId=${r.incidentId}`}>{t("review:written.ofThisIncident")}</Link></p>
    </div>
  );
}
