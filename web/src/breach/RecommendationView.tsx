import type { Recommendation } from "../../../shared/breach/recommendation.js";
import type { RoleRecommendation } from "../../../shared/breach/roleRecommendation.js";
import { yesNo } from "./labels.js";

/** Who acts on the recommendation: the vendor for its own data, or each controller, advised by the vendor. */
type Actor = "us" | "controller";

const ITEMS: Record<Actor, { authority: [string, string]; people: [string, string] }> = {
  us: {
    authority: ["Notify the supervisory authority", " — within 72 hours of awareness (Art. 33)"],
    people: ["Inform the people concerned", " — without undue delay (Art. 34)"],
  },
  controller: {
    authority: ["The controller notifies its supervisory authority", " — likely needed: within 72 hours of its awareness, at the latest from our notice (Art. 33(1))"],
    people: ["The controller informs the people concerned", " — likely needed: without undue delay (Art. 34)"],
  },
};

function RecommendationFacts({ r, actor, className }: { r: Recommendation; actor: Actor; className: string }) {
  const words = ITEMS[actor];
  return (
    <>
      <dl className={`facts ${className}`}>
        <div><dt>{words.authority[0]}</dt><dd><strong>{yesNo(r.notifyAuthority)}</strong>{r.notifyAuthority && words.authority[1]}</dd></div>
        <div><dt>{words.people[0]}</dt><dd><strong>{yesNo(r.notifyDataSubjects)}</strong>{r.notifyDataSubjects && words.people[1]}</dd></div>
        {r.publicCommunication && <div><dt>Public communication</dt><dd><strong>Yes</strong> — instead of contacting each person (Art. 34(3)(c))</dd></div>}
      </dl>
      <h4 className="reasons-title">Why</h4>
      <ul className="reasons">{r.reasons.map((x) => <li key={x}>{x}</li>)}</ul>
      {/* Recommendations saved before the factor list existed have none. */}
      {(r.factors ?? []).length > 0 && (
        <>
          <h4 className="reasons-title">What moved it</h4>
          <ul className="movers">{r.factors!.map((x) => <li key={x.text} className={`mover-${x.direction}`}>{x.text}</li>)}</ul>
        </>
      )}
    </>
  );
}

/**
 * The recommendation in the vendor's role for the affected data: as controller of its own
 * data the current wording; as processor for customers' data its own duties (Art. 33(2),
 * 28(3)(f)) and the advice to pass to each controller. Both when both kinds of data are affected.
 */
export function RecommendationView({ recorded, byRole }: { recorded: Recommendation; byRole: RoleRecommendation | null }) {
  const { asController, asProcessor } = byRole ?? { asController: null, asProcessor: null };
  if (!asController && !asProcessor)
    return (
      <div className="recommendation-unmarked">
        <h3 className="recommendation-title">Recommendation</h3>
        <p className="alert alert-warn">
          Whose data is affected is not marked yet, so our role is unknown. Below is the recommendation as if the data were our own
          (controller). For a customer's data we are processor: we notify that customer, and it decides on the authority and the people.
        </p>
        <RecommendationFacts r={recorded} actor="us" className="recommendation" />
      </div>
    );
  return (
    <>
      {asController && (
        <div className="recommendation-controller">
          <h3 className="recommendation-title">Recommendation for our own data (we are controller)</h3>
          <RecommendationFacts r={asController} actor="us" className="recommendation" />
        </div>
      )}
      {asProcessor && (
        <div className="recommendation-processor">
          <h3 className="recommendation-title">For customers' data (we are processor)</h3>
          <p className="section-lead">
            Controllers: {asProcessor.controllers.map((c) => c.name).join(", ")}. Our duties:
          </p>
          <ul className="duties">{asProcessor.duties.map((x) => <li key={x}>{x}</li>)}</ul>
          <h4 className="reasons-title">Advice to pass to {asProcessor.controllers.length === 1 ? "the controller" : "each controller"}</h4>
          <RecommendationFacts r={asProcessor.advice} actor="controller" className="recommendation advice" />
        </div>
      )}
    </>
  );
}
