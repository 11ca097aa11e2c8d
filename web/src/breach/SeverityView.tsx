import { Section } from "../components.js";
import { formatDateTime } from "../format.js";
import { scoreSeverity, type DpcAdjustment, type DpcFactor } from "../../../shared/breach/severity.js";
import { DPC_FACTORS } from "../../../shared/schemas/breach.js";
import type { RoleRecommendation } from "../../../shared/breach/roleRecommendation.js";
import { BAND_LABELS, DPC_FACTOR_LABELS, signed, yesNo } from "./labels.js";
import { RecommendationView } from "./RecommendationView.js";
import type { Assessment, Band, Decision } from "./types.js";

export function BandBadge({ band, score }: { band: Band; score?: number }) {
  return <span className={`badge band-${band}`}>{BAND_LABELS[band]}{score !== undefined && <> · {score}</>}</span>;
}

/** The ENISA severity factor by factor, then what the law asks and why. */
export function SeveritySection({ assessment: a, byRole }: { assessment: Assessment; byRole: RoleRecommendation | null }) {
  const { dpc, ei, cb } = a.severity.factors;
  return (
    <Section id="severity" title="Severity and recommendation" aside={<BandBadge band={a.band} score={a.score} />}>
      <p className="section-lead">
        ENISA severity <strong>SE = DPC × EI + CB = {dpc.value} × {ei.value} + {cb.total} = {a.score}</strong>:{" "}
        <strong>{BAND_LABELS[a.band]}</strong> <span className="muted">(low &lt; 2, medium &lt; 3, high &lt; 4, very high ≥ 4)</span>.
      </p>
      <div className="table-wrap">
        <table className="factors">
          <caption className="visually-hidden">Severity factors</caption>
          <thead><tr><th scope="col">Factor</th><th scope="col">Why</th><th scope="col">Value</th></tr></thead>
          <tbody>
            <tr>
              <th scope="row">Data processing context (DPC)</th>
              <td>
                Base {dpc.base}: {dpc.baseReason}.
                {dpc.adjustments.length > 0 && (
                  <ul className="adjustments">
                    {dpc.adjustments.map((x) => (
                      <li key={x.factor}>{signed(x.delta)} {DPC_FACTOR_LABELS[x.factor].toLowerCase()}{x.source === "assessor" ? " (assessor's judgement)" : ""}: {x.reason}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="num">{dpc.value}</td>
            </tr>
            <tr>
              <th scope="row">Ease of identification (EI)</th>
              <td>Identification is {ei.level}.</td>
              <td className="num">× {ei.value}</td>
            </tr>
            <tr>
              <th scope="row">Circumstances of the breach (CB)</th>
              <td>
                Confidentiality {signed(cb.confidentiality)}, integrity {signed(cb.integrity)}, availability {signed(cb.availability)},
                malicious intent {signed(cb.malicious)}.
              </td>
              <td className="num">+ {cb.total}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <ContextFactors assessment={a} />

      <RecommendationView recorded={a.recommendation} byRole={byRole} />
      <p className="hint">The recommendation never decides: the privacy officer records the decision below.</p>
    </Section>
  );
}

/** What the facts alone would adjust, per ENISA factor: the assessment without the assessor's judgements. */
function derivedAdjustments(input: Assessment["input"]): DpcAdjustment[] {
  return scoreSeverity({ ...input, contextAdjustments: [] }).factors.dpc.adjustments;
}

/** ENISA's context factors one by one: derived from the facts, set by the assessor, and what the score used. */
function ContextFactors({ assessment: a }: { assessment: Assessment }) {
  const derived = new Map(derivedAdjustments(a.input).map((x) => [x.factor, x]));
  const assessor = new Map(a.input.contextAdjustments.map((x) => [x.factor, x]));
  const applied = new Map(a.severity.factors.dpc.adjustments.map((x) => [x.factor, x]));
  const factors = DPC_FACTORS.filter((f: DpcFactor) => derived.has(f) || assessor.has(f));
  if (factors.length === 0) return <p className="hint">No ENISA context factor applies: neither the facts nor the assessor adjust the data processing context.</p>;
  return (
    <>
      <h3 className="recommendation-title">Context factors</h3>
      <p className="hint">ENISA's context factors of the DPC, one by one: what the facts derive, what the assessor set instead (with the reason), and what the score used.</p>
      <div className="table-wrap">
        <table className="factors context-factors">
          <caption className="visually-hidden">Context factors of the data processing context: derived from the facts and adjusted by the assessor</caption>
          <thead><tr><th scope="col">Factor</th><th scope="col">Derived from the facts</th><th scope="col">Assessor's adjustment</th><th scope="col">Applied</th></tr></thead>
          <tbody>
            {factors.map((f) => {
              const d = derived.get(f);
              const x = assessor.get(f);
              return (
                <tr key={f} className={x ? "is-adjusted" : undefined}>
                  <th scope="row">{DPC_FACTOR_LABELS[f]}</th>
                  <td>{d ? <>{signed(d.delta)}: {d.reason}</> : <span className="muted">None</span>}</td>
                  <td>{x ? <>{signed(x.delta)}: <span className="prewrap">{x.reason}</span>{d && <span className="muted"> (replaces the derived {signed(d.delta)})</span>}</> : <span className="muted">None</span>}</td>
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
  return (
    <Section id="assessment-history" title="Assessment history" aside={<span className="muted">{history.length} {history.length === 1 ? "version" : "versions"}</span>}>
      <div className="table-wrap">
        <table className="history">
          <caption className="visually-hidden">Assessment versions, newest first</caption>
          <thead><tr><th scope="col">Version</th><th scope="col">Saved</th><th scope="col">Aware since</th><th scope="col">Severity</th><th scope="col">Authority / people</th></tr></thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{h.version}{decision?.assessmentId === h.id && <> <span className="badge decided-on">Decided on</span></>}</td>
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
