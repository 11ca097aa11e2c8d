import { useTranslation } from "react-i18next";
import type { Recommendation } from "../../../shared/breach/recommendation.js";
import type { RoleRecommendation } from "../../../shared/breach/roleRecommendation.js";
import { yesNo } from "./labels.js";

/** Who acts on the recommendation: the vendor for its own data, or each controller, advised by the vendor. */
type Actor = "us" | "controller";

function RecommendationFacts({ r, actor, className }: { r: Recommendation; actor: Actor; className: string }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className={`facts ${className}`}>
        <div>
          <dt>{t(`breach:recommendation.${actor}.authority`)}</dt>
          <dd><strong>{yesNo(r.notifyAuthority)}</strong>{r.notifyAuthority && ` — ${t(`breach:recommendation.${actor}.authorityWhen`)}`}</dd>
        </div>
        <div>
          <dt>{t(`breach:recommendation.${actor}.people`)}</dt>
          <dd><strong>{yesNo(r.notifyDataSubjects)}</strong>{r.notifyDataSubjects && ` — ${t(`breach:recommendation.${actor}.peopleWhen`)}`}</dd>
        </div>
        {r.publicCommunication && (
          <div><dt>{t("breach:recommendation.public")}</dt><dd><strong>{yesNo(true)}</strong> — {t("breach:recommendation.publicWhen")}</dd></div>
        )}
      </dl>
      <h4 className="reasons-title">{t("breach:recommendation.why")}</h4>
      <ul className="reasons">{r.reasons.map((x) => <li key={x}>{x}</li>)}</ul>
      {/* Recommendations saved before the factor list existed have none. */}
      {(r.factors ?? []).length > 0 && (
        <>
          <h4 className="reasons-title">{t("breach:recommendation.movers")}</h4>
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
  const { t } = useTranslation();
  const { asController, asProcessor } = byRole ?? { asController: null, asProcessor: null };
  if (!asController && !asProcessor)
    return (
      <div className="recommendation-unmarked">
        <h3 className="recommendation-title">{t("breach:recommendation.title")}</h3>
        <p className="alert alert-warn">{t("breach:recommendation.unmarked")}</p>
        <RecommendationFacts r={recorded} actor="us" className="recommendation" />
      </div>
    );
  return (
    <>
      {asController && (
        <div className="recommendation-controller">
          <h3 className="recommendation-title">{t("breach:recommendation.asController")}</h3>
          <RecommendationFacts r={asController} actor="us" className="recommendation" />
        </div>
      )}
      {asProcessor && (
        <div className="recommendation-processor">
          <h3 className="recommendation-title">{t("breach:recommendation.asProcessor")}</h3>
          <p className="section-lead">{t("breach:recommendation.controllers", { names: asProcessor.controllers.map((c) => c.name).join(", ") })}</p>
          <ul className="duties">{asProcessor.duties.map((x) => <li key={x}>{x}</li>)}</ul>
          <h4 className="reasons-title">{t("breach:recommendation.advice", { count: asProcessor.controllers.length })}</h4>
          <RecommendationFacts r={asProcessor.advice} actor="controller" className="recommendation advice" />
        </div>
      )}
    </>
  );
}
