import { useTranslation } from "react-i18next";
import { Section } from "../components.js";
import { formatDateTime } from "../format.js";
import { scoreSeverity, type DpcAdjustment, type DpcFactor } from "../../../shared/breach/severity.js";
import { DPC_FACTORS } from "../../../shared/schemas/breach.js";
import type { RoleRecommendation } from "../../../shared/breach/roleRecommendation.js";
import { BAND_LABELS, DPC_FACTOR_LABELS, EASE_LABELS, signed, yesNo } from "./labels.js";
import { RecommendationView } from "./RecommendationView.js";
import type { Assessment, Band, Decision } from "./types.js";

export function BandBadge({ band, score }: { band: Band; score?: number }) {
  return <span className={`badge band-${band}`}>{BAND_LABELS[band]}{score !== undefined && <> · {score}</>}</span>;
}

/** The ENISA severity factor by factor, then what the law asks and why. */
export function SeveritySection({ assessment: a, byRole }: { assessment: Assessment; byRole: RoleRecommendation | null }) {
  const { t } = useTranslation();
  const { dpc, ei, cb } = a.severity.factors;
  return (
    <Section id="severity" title={t("breach:severity.title")} aside={<BandBadge band={a.band} score={a.score} />}>
      <p className="section-lead">
        {t("breach:severity.enisa")} <strong>SE = DPC × EI + CB = {dpc.value} × {ei.value} + {cb.total} = {a.score}</strong>:{" "}
        <strong>{BAND_LABELS[a.band]}</strong> <span className="muted">{t("breach:severity.bands")}</span>.
      </p>
      <div className="table-wrap">
        <table className="factors">
          <caption className="visually-hidden">{t("breach:severity.factors")}</caption>
          <thead><tr><th scope="col">{t("breach:severity.factor")}</th><th scope="col">{t("breach:severity.why")}</th><th scope="col">{t("breach:severity.value")}</th></tr></thead>
          <tbody>
            <tr>
              <th scope="row">{t("breach:severity.dpc")}</th>
              <td>
                {t("breach:severity.base", { base: dpc.base, reason: dpc.baseReason })}
                {dpc.adjustments.length > 0 && (
                  <ul className="adjustments">
                    {dpc.adjustments.map((x) => (
                      <li key={x.factor}>{signed(x.delta)} {DPC_FACTOR_LABELS[x.factor].toLowerCase()}{x.source === "assessor" ? ` ${t("breach:severity.assessorJudgement")}` : ""}: {x.reason}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="num">{dpc.value}</td>
            </tr>
            <tr>
              <th scope="row">{t("breach:severity.ei")}</th>
              <td>{t("breach:severity.eiLevel", { level: EASE_LABELS[ei.level].toLowerCase() })}</td>
              <td className="num">× {ei.value}</td>
            </tr>
            <tr>
              <th scope="row">{t("breach:severity.cb")}</th>
              <td>
                {t("breach:severity.cbText", {
                  confidentiality: signed(cb.confidentiality), integrity: signed(cb.integrity), availability: signed(cb.availability), malicious: signed(cb.malicious),
                })}
              </td>
              <td className="num">+ {cb.total}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <ContextFactors assessment={a} />

      <RecommendationView recorded={a.recommendation} byRole={byRole} />
      <p className="hint">{t("breach:severity.neverDecides")}</p>
    </Section>
  );
}

/** What the facts alone would adjust, per ENISA factor: the assessment without the assessor's judgements. */
function derivedAdjustments(input: Assessment["input"]): DpcAdjustment[] {
  return scoreSeverity({ ...input, contextAdjustments: [] }).factors.dpc.adjustments;
}

/** ENISA's context factors one by one: derived from the facts, set by the assessor, and what the score used. */
function ContextFactors({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const derived = new Map(derivedAdjustments(a.input).map((x) => [x.factor, x]));
  const assessor = new Map(a.input.contextAdjustments.map((x) => [x.factor, x]));
  const applied = new Map(a.severity.factors.dpc.adjustments.map((x) => [x.factor, x]));
  const factors = DPC_FACTORS.filter((f: DpcFactor) => derived.has(f) || assessor.has(f));
  if (factors.length === 0) return <p className="hint">{t("breach:severity.noContext")}</p>;
  return (
    <>
      <h3 className="recommendation-title">{t("breach:severity.contextTitle")}</h3>
      <p className="hint">{t("breach:severity.contextLead")}</p>
      <div className="table-wrap">
        <table className="factors context-factors">
          <caption className="visually-hidden">{t("breach:severity.contextCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("breach:severity.factor")}</th><th scope="col">{t("breach:severity.derived")}</th>
              <th scope="col">{t("breach:severity.assessorAdjustment")}</th><th scope="col">{t("breach:severity.applied")}</th>
            </tr>
          </thead>
          <tbody>
            {factors.map((f) => {
              const d = derived.get(f);
              const x = assessor.get(f);
              return (
                <tr key={f} className={x ? "is-adjusted" : undefined}>
                  <th scope="row">{DPC_FACTOR_LABELS[f]}</th>
                  <td>{d ? <>{signed(d.delta)}: {d.reason}</> : <span className="muted">{t("breach:severity.none")}</span>}</td>
                  <td>{x ? <>{signed(x.delta)}: <span className="prewrap">{x.reason}</span>{d && <span className="muted"> {t("breach:severity.replaces", { derived: signed(d.delta) })}</span>}</> : <span className="muted">{t("breach:severity.none")}</span>}</td>
                  <td className="num">{applied.has(f) ? signed(applied.get(f)!.delta) : "0"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Every version of the assessment, newest first; the one the latest decision was taken on is marked. */
export function AssessmentHistory({ history, decision }: { history: Assessment[]; decision: Decision | null }) {
  const { t } = useTranslation();
  return (
    <Section id="assessment-history" title={t("breach:history.title")} aside={<span className="muted">{t("breach:history.versions", { count: history.length })}</span>}>
      <div className="table-wrap">
        <table className="history">
          <caption className="visually-hidden">{t("breach:history.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("breach:history.version")}</th><th scope="col">{t("breach:history.saved")}</th><th scope="col">{t("breach:assessment.awareSince")}</th>
              <th scope="col">{t("breach:history.severity")}</th><th scope="col">{t("breach:history.authorityPeople")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{h.version}{decision?.assessmentId === h.id && <> <span className="badge decided-on">{t("breach:history.decidedOn")}</span></>}</td>
                <td className="nowrap"><time dateTime={h.createdAt}>{formatDateTime(h.createdAt)}</time></td>
                <td className="nowrap"><time dateTime={h.awareAt}>{formatDateTime(h.awareAt)}</time></td>
                <td><BandBadge band={h.band} score={h.score} /></td>
                <td>{yesNo(h.recommendation.notifyAuthority)} / {yesNo(h.recommendation.notifyDataSubjects)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
