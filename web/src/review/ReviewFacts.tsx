/** The generated part of a review: what Vakt already knew about the incident (a snapshot). */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { currentLanguage } from "../i18n.js";
import type { ReviewDraft } from "../../../shared/review/draft.js";
import { ACTION_STATUS_LABELS, SERIOUSNESS_LABELS, SEVERITY_LABELS, formatDateTime, formatHours } from "../format.js";
import type { ActionStatus, Seriousness, Severity } from "../api.js";

const count = (n: number) => n.toLocaleString(currentLanguage());

function margin(o: ReviewDraft["obligations"][number], t: TFunction): string {
  if (o.marginHours === null) return o.waivedReason ? t("review:facts.waivedBecause", { reason: o.waivedReason }) : "—";
  const h = Math.abs(o.marginHours).toLocaleString(currentLanguage(), { maximumFractionDigits: 1 });
  if (o.marginHours >= 0) return t("review:facts.margin.before", { h });
  return o.outcome === "missed" ? t("review:facts.margin.late", { h }) : t("review:facts.margin.past", { h });
}

export function ReviewFacts({ draft }: { draft: ReviewDraft }) {
  const { t } = useTranslation();
  const { impact } = draft;
  const s = draft.obligationSummary;
  return (
    <div className="review-facts">
      <h3>{t("review:facts.milestones")}</h3>
      <Table caption={t("review:facts.milestones")} head={[t("review:facts.milestone"), t("review:facts.when")]}
        rows={draft.milestones.map((m) => [m.label, <time dateTime={m.at}>{formatDateTime(m.at)}</time>])} empty={t("review:facts.noMilestones")} />

      <h3>{t("review:facts.durations")}</h3>
      <Table caption={t("review:facts.durations")} head={[t("review:facts.duration"), t("review:facts.hours")]}
        rows={draft.durations.map((d) => [d.label, formatHours(d.hours)])} empty={t("review:facts.noDurations")} />

      <h3>{t("review:facts.obligations")}</h3>
      <p className="hint">{t("review:facts.summary", { total: s.total, met: s.met, missed: s.missed, overdue: s.overdue, pending: s.pending, waived: s.waived })}</p>
      <Table caption={t("review:facts.obligations")} empty={t("review:facts.noObligations")}
        head={[t("review:facts.obligation"), t("review:facts.due"), t("review:facts.outcome"), t("review:facts.byHowMuch")]}
        rows={draft.obligations.map((o) => [
          <>{o.title} <span className="muted">{t("review:facts.articleTo", { article: o.article, creditor: o.creditor })}</span></>,
          formatDateTime(o.dueAt),
          <span className={`badge outcome-${o.outcome}`}>{t(`review:facts.outcomes.${o.outcome}`)}</span>,
          margin(o, t),
        ])} />

      <h3>{t("review:facts.impact")}</h3>
      <dl className="facts">
        <div><dt>{t("review:facts.summaryLabel")}</dt><dd className="prewrap">{impact.summary ?? "—"}</dd></div>
        <div><dt>{t("review:facts.seriousness")}</dt><dd>{impact.seriousness ? SERIOUSNESS_LABELS[impact.seriousness as Seriousness] ?? impact.seriousness : "—"}</dd></div>
        <div><dt>{t("review:facts.severity")}</dt><dd>{impact.severity ? SEVERITY_LABELS[impact.severity as Severity] ?? impact.severity : "—"}</dd></div>
        <div><dt>{t("review:facts.systems")}</dt><dd>{impact.affectedSystems.join(", ") || "—"}</dd></div>
        {impact.affectedServices.length > 0 && <div><dt>{t("review:facts.services")}</dt><dd>{impact.affectedServices.join(", ")}</dd></div>}
        {impact.affectedUsers !== null && <div><dt>{t("review:facts.usersAffected")}</dt><dd>{count(impact.affectedUsers)}</dd></div>}
        {impact.affectedRecords !== null && <div><dt>{t("review:facts.recordsAffected")}</dt><dd>{count(impact.affectedRecords)}</dd></div>}
        {impact.affectedOrganizations.length > 0 && <div><dt>{t("review:facts.controllers")}</dt><dd>{impact.affectedOrganizations.join(", ")}</dd></div>}
        {impact.breach && (
          <div><dt>{t("review:facts.breach")}</dt><dd>
            {t("review:facts.breachBand", { band: t(`review:facts.band.${impact.breach.band}`, { defaultValue: impact.breach.band }), score: impact.breach.score })}
            {impact.breach.decision ? t(impact.breach.decision.notifyAuthority ? "review:facts.authorityNotified" : "review:facts.authorityNotNotified") : ""}
          </dd></div>
        )}
        <div><dt>{t("review:facts.cause")}</dt><dd className="prewrap">{draft.cause ?? "—"}</dd></div>
      </dl>

      <h3>{t("review:facts.actionPlan")}</h3>
      <Table caption={t("review:facts.actionPlan")} empty={t("review:facts.noActions")}
        head={[t("review:facts.action"), t("review:facts.status"), t("review:facts.outcome"), t("review:facts.completed"), t("review:facts.onTime")]}
        rows={draft.actionPlan.map((a) => [
          <>{a.title}{a.assignee && <span className="muted"> ({a.assignee})</span>}</>,
          ACTION_STATUS_LABELS[a.status as ActionStatus] ?? a.status, a.outcome ?? "—", formatDateTime(a.completedAt),
          a.onTime === null ? "—" : a.onTime ? t("review:facts.yes") : t("review:facts.no"),
        ])} />

      <h3>{t("review:facts.communications")}</h3>
      <Table caption={t("review:facts.communications")} empty={t("review:facts.noCommunications")}
        head={[t("review:facts.when"), t("review:facts.to"), t("review:facts.channel"), t("review:facts.what")]}
        rows={draft.communications.map((c) => [formatDateTime(c.at), c.audience, c.channel ?? "—", c.summary || "—"])} />
    </div>
  );
}

function Table({ caption, head, rows, empty }: { caption: string; head: string[]; rows: ReactNode[][]; empty: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="review-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead><tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}
