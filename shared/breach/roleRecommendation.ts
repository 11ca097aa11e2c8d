import { recommend, type Recommendation, type RecommendationInput } from "./recommendation.js";
import type { BreachRoles } from "./roles.js";

/**
 * The recommendation by the vendor's role for the affected data (shared/breach/roles.ts, the
 * same roles the obligation rules use). For its own data the vendor is controller: Art. 33(1)
 * and 34 are its own duties. For a customer's data it is processor: its duties are to tell the
 * controller without undue delay (Art. 33(2)) and to assist it (Art. 28(3)(f)); whether to
 * notify the authority or inform the people is the controller's call, so the Art. 33(1)/34
 * recommendation becomes advice to pass on (EDPB Guidelines 9/2022, processor obligations).
 */
export interface ProcessorRecommendation {
  controllers: { id: string; name: string; noticeHours: number }[];
  /** What the vendor itself owes the controllers. */
  duties: string[];
  /** What each controller will likely need to do, to pass on with the notice. */
  advice: Recommendation;
}

export interface RoleRecommendation {
  /** The vendor as controller of its own affected data; null when its own data is not affected. */
  asController: Recommendation | null;
  /** The vendor as processor of customers' affected data; null when no customer's data is affected. */
  asProcessor: ProcessorRecommendation | null;
}

type SeverityFacts = Parameters<typeof recommend>[1];

const hours = (h: number) => `${h} ${h === 1 ? "hour" : "hours"}`;

function processorDuties(controllers: ProcessorRecommendation["controllers"]): string[] {
  const deadlines = controllers.map((c) => `${c.name} within ${hours(c.noticeHours)}`).join("; ");
  return [
    `Notify ${controllers.length === 1 ? "the controller" : "each controller"} without undue delay after becoming aware of the breach (Art. 33(2)), by the deadline in its data processing agreement (${deadlines}). This holds whatever the risk: the controller assesses the risk for its own data. Send the controller notices with what is known now; the rest may follow in phases (Art. 33(4)).`,
    "Assist the controller in meeting its obligations under Art. 33 and 34, taking into account the nature of the processing and the information available to us (Art. 28(3)(f)): answer its questions and give it the facts for its notification to the supervisory authority and, should it inform the people concerned, for its message to them.",
    "Notifying the supervisory authority and informing the people concerned are the controller's decisions for its own data: pass on the advice below with the notice; act on the controller's behalf only when it asks us to.",
  ];
}

/**
 * `recorded`: the recommendation stored with the assessment, used for the vendor's own data so
 * the view matches what the decision was compared against. Pure.
 */
export function recommendForRoles(a: RecommendationInput, severity: SeverityFacts, roles: BreachRoles, recorded?: Recommendation): RoleRecommendation {
  const controllers = roles.controllers.map(({ id, name, noticeHours }) => ({ id, name, noticeHours }));
  return {
    asController: roles.self ? (recorded ?? recommend(a, severity, "controller")) : null,
    asProcessor: controllers.length
      ? { controllers, duties: processorDuties(controllers), advice: recommend(a, severity, "processor") }
      : null,
  };
}
