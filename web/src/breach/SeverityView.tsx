import { Section } from "../components.js";
import { formatDateTime } from "../format.js";
import { BAND_LABELS, yesNo } from "./labels.js";
import type { Assessment, Band } from "./types.js";

export function BandBadge({ band, score }: { band: Band; score?: number }) {
  return <span className={`badge band-${band}`}>{BAND_LABELS[band]}{score !== undefined && <> · {score}</>}</span>;
}

const signed = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : "+"}${Math.abs(n)}`;

/** The ENISA severity factor by factor, then what the law asks and why. */
export function SeveritySection({ assessment: a }: { assessment: Assessment }) {
  const { dpc, ei, cb } = a.severity.factors;
  const r = a.recommendation;
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
                    {dpc.adjustments.map((x) => <li key={x.reason}>{signed(x.delta)}: {x.reason}</li>)}
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

      <h3 className="recommendation-title">Recommendation</h3>
      <dl className="facts recommendation">
        <div><dt>Notify the supervisory authority</dt><dd><strong>{yesNo(r.notifyAuthority)}</strong>{r.notifyAuthority && " — within 72 hours of awareness (Art. 33)"}</dd></div>
        <div><dt>Inform the people concerned</dt><dd><strong>{yesNo(r.notifyDataSubjects)}</strong>{r.notifyDataSubjects && " — without undue delay (Art. 34)"}</dd></div>
        {r.publicCommunication && <div><dt>Public communication</dt><dd><strong>Yes</strong> — instead of contacting each person (Art. 34(3)(c))</dd></div>}
      </dl>
      <h4 className="reasons-title">Why</h4>
      <ul className="reasons">{r.reasons.map((x) => <li key={x}>{x}</li>)}</ul>
      <p className="hint">The recommendation never decides: the privacy officer records the decision below.</p>
    </Section>
  );
}

/** Every version of the assessment, newest first. */
export function AssessmentHistory({ history }: { history: Assessment[] }) {
  return (
    <Section id="assessment-history" title="Assessment history" aside={<span className="muted">{history.length} {history.length === 1 ? "version" : "versions"}</span>}>
      <div className="table-wrap">
        <table className="history">
          <caption className="visually-hidden">Assessment versions, newest first</caption>
          <thead><tr><th scope="col">Version</th><th scope="col">Saved</th><th scope="col">Aware since</th><th scope="col">Severity</th><th scope="col">Authority / people</th></tr></thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{h.version}</td>
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
