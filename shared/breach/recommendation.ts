import { NO_MITIGATIONS, type BreachAssessmentBody } from "../schemas/breach.js";
import { bandWords, concernsChildren, type SeverityResult } from "./severity.js";
import { scoreMovers, type Mover } from "./movers.js";
import { KNOWN_RECIPIENTS_MAX_PEOPLE, LARGE_SCALE_PEOPLE, MASS_SCALE_PEOPLE, VOLUME_HIGH_RISK_DATA, peopleConcerned } from "./volume.js";

/**
 * What the law asks, with reasons a privacy officer can paste into the record. It never
 * decides: the decision is recorded separately. Sources: GDPR Art. 33 and 34; EDPB Guidelines
 * 9/2022 on personal data breach notification (v2.0) and 01/2021 on examples regarding
 * personal data breach notification.
 */
export interface Recommendation {
  notifyAuthority: boolean;
  notifyDataSubjects: boolean;
  /** Art. 34(3)(c): individual contact would take disproportionate effort: a public communication instead. */
  publicCommunication: boolean;
  reasons: string[];
  /**
   * Each factor that moved the recommendation, in words and by how much (severity points, or the
   * conclusion it changed). Absent in recommendations saved before it existed.
   */
  factors?: Mover[];
}

export type RecommendationInput = Pick<BreachAssessmentBody, "types" | "dataCategories" | "circumstances" | "mitigations">
  & Partial<Pick<BreachAssessmentBody, "subjectCategories" | "vulnerableGroups" | "approxSubjects" | "approxRecords">>;

/**
 * Kinds of data that usually mean a high risk when lost to unknown parties (EDPB 9/2022 on
 * assessing risk: special categories, criminal data, identity documents and numbers that enable
 * identity theft, financial data, credentials; EDPB 01/2021 cases 05 and 11: application forms
 * and customer records with dates of birth, taken by unknown parties, call for informing the people).
 * Data about children is added by `concernsChildren` (data or subject categories).
 */
export const HIGH_RISK_DATA = ["special", "criminal", "identity", "nationalId", "financial", "credentials", "children"] as const;

type SeverityFacts = Pick<SeverityResult, "band" | "score"> & { factors?: Pick<SeverityResult["factors"], "dpc"> & Partial<Pick<SeverityResult["factors"], "ei" | "cb">> };

const NO_CIRCUMSTANCES = { confidentiality: "none", integrity: "none", availability: "none", malicious: false } as const;

/**
 * The kinds of data the assessor judged to give less insight than their kind suggests (an ENISA
 * lowering factor set by judgement). Per kind (ENISA 2013 scores each kind on its own): lowering
 * the health data of a course list does not switch the high-risk rule off for its identity
 * numbers. Versions saved before per-kind scoring have one set of adjustments for all kinds.
 */
function discountedKinds(a: RecommendationInput, severity: SeverityFacts): Set<string> {
  const judgedLower = (adjustments: SeverityResult["factors"]["dpc"]["adjustments"]) => adjustments.some((x) => x.source === "assessor" && x.delta < 0);
  const dpc = severity.factors?.dpc;
  if (!dpc) return new Set();
  if (!dpc.kinds) return new Set(judgedLower(dpc.adjustments) ? a.dataCategories : []);
  return new Set(dpc.kinds.filter((k) => judgedLower(k.adjustments)).map((k) => k.category));
}

/** The facts the rules look at, derived once. */
function factsOf(a: RecommendationInput, severity: SeverityFacts) {
  const c = a.circumstances ?? NO_CIRCUMSTANCES;
  const m = { ...NO_MITIGATIONS, ...a.mitigations };
  const confidentialityLost = c.confidentiality !== "none" || a.types.includes("confidentiality");
  const integrityLost = c.integrity !== "none" || a.types.includes("integrity");
  const availabilityLost = c.availability !== "none" || a.types.includes("availability");
  // An availability loss "restored quickly from backup" (EDPB 01/2021 case 01) leaves no lasting loss.
  const availabilityRestored = !availabilityLost || (c.availability !== "permanent" && m.backupRestored);
  const discounted = discountedKinds(a, severity);
  const highRiskKinds = a.dataCategories.filter((d) => (HIGH_RISK_DATA as readonly string[]).includes(d));
  const allDiscounted = a.dataCategories.every((d) => discounted.has(d));
  const people = peopleConcerned(a);
  const volumeKinds = a.dataCategories.filter((d) => (VOLUME_HIGH_RISK_DATA as readonly string[]).includes(d) && !discounted.has(d));
  return {
    c, m, severity, confidentialityLost, integrityLost, availabilityLost, availabilityRestored, people,
    sensitive: [
      ...highRiskKinds.filter((d) => !discounted.has(d)),
      ...(concernsChildren(a) && !a.dataCategories.includes("children") && !allDiscounted ? ["data about children"] : []),
    ],
    /** High-risk kinds the assessor judged to give no real insight: the high-risk rule is off for these only. */
    discountedHighRisk: highRiskKinds.filter((d) => discounted.has(d)),
    specialOrCriminal: a.dataCategories.some((d) => d === "special" || d === "criminal"),
    /** Art. 34(3)(a): unintelligible to anyone not authorised. */
    unintelligible: confidentialityLost && m.encrypted,
    /** Identity numbers or financial data of tens of thousands of people disclosed: high risk even to known recipients. */
    largeScale: confidentialityLost && !m.encrypted && people >= LARGE_SCALE_PEOPLE && volumeKinds.length > 0 ? volumeKinds : null,
    /**
     * The "known, trusted recipient who confirmed deletion or return" factor (EDPB 01/2021 case 09; EDPB 9/2022 IV.B on
     * a trusted recipient): the likelihood of harm is negligible. Not at large scale, where a confirmation per recipient
     * cannot carry that weight.
     */
    trustedRecipient: c.confidentiality === "known_recipients" && m.recipientTrusted && m.dataRetrievedOrDeleted && !c.malicious
      && !integrityLost && availabilityRestored && people < LARGE_SCALE_PEOPLE,
  };
}
type Facts = ReturnType<typeof factsOf>;

/** Art. 33(1): the reason the breach is unlikely to result in a risk, or null when a risk cannot be ruled out. */
function unlikelyRiskReason(f: Facts): string | null {
  if (f.unintelligible && !f.integrityLost && f.availabilityRestored)
    return "The data was encrypted with a state-of-the-art algorithm and the key was not compromised, and no data was altered or lost for good, so the breach is unlikely to result in a risk to the people concerned and need not be notified to the supervisory authority (Art. 33(1); EDPB Guidelines 01/2021, stolen device with encrypted data).";
  if (!f.confidentialityLost && !f.integrityLost && f.availabilityLost && f.availabilityRestored && !f.specialOrCriminal)
    return "Only availability was affected, only temporarily, and the data was restored quickly from backup with no sign that it was copied or altered, so the breach is unlikely to result in a risk and need not be notified to the supervisory authority (Art. 33(1); EDPB Guidelines 01/2021, ransomware with a proper backup and without exfiltration).";
  if (f.trustedRecipient)
    return "The data went only to a known, trusted recipient who confirmed that it deleted or returned the data, without malicious intent, so the likelihood of harm is negligible: the breach is unlikely to result in a risk and need not be notified to the supervisory authority (Art. 33(1); EDPB Guidelines 9/2022 on trusted recipients and 01/2021 case 09, accidental transmission to a trusted third party). Keep the recipient's confirmation with the record.";
  if (f.c.confidentiality === "known_recipients" && f.m.dataRetrievedOrDeleted && !f.c.malicious && !f.integrityLost && f.availabilityRestored
    && f.severity.band === "low" && f.people <= KNOWN_RECIPIENTS_MAX_PEOPLE && !f.largeScale)
    return "The data went by mistake only to known recipients, who returned or deleted it, without malicious intent, and the severity is low, so the breach is unlikely to result in a risk and need not be notified to the supervisory authority (Art. 33(1); EDPB Guidelines 01/2021, postal mail and e-mail sent by mistake).";
  return null;
}

/** Art. 34(1): the reasons a high risk is likely, empty when it is not. */
function highRiskReasons(f: Facts): string[] {
  const out: string[] = [];
  if (f.severity.band === "high" || f.severity.band === "very_high")
    out.push(`The ENISA severity is ${bandWords(f.severity.band)} (${f.severity.score}), so the breach is likely to result in a high risk to the rights and freedoms of the people concerned (Art. 34(1)).`);
  if (f.sensitive.length && f.c.confidentiality === "unknown_recipients")
    out.push(`Data of a kind that usually means a high risk (${f.sensitive.join(", ")}) was disclosed to unknown recipients, so a high risk to the people concerned is likely (Art. 34(1); EDPB Guidelines 9/2022 on assessing risk).`);
  if (f.largeScale)
    out.push(`${f.largeScale.join(" and ")} data of about ${f.people.toLocaleString("en-GB")} people was disclosed (${LARGE_SCALE_PEOPLE.toLocaleString("en-GB")} or more), which at this scale means a high risk of identity theft and fraud even when each recipient is known (Art. 34(1); EDPB Guidelines 9/2022 on the number of affected individuals).`);
  if (f.severity.band === "medium" && f.c.confidentiality === "unknown_recipients" && f.people >= MASS_SCALE_PEOPLE)
    out.push(`About ${f.people.toLocaleString("en-GB")} people's data (${MASS_SCALE_PEOPLE.toLocaleString("en-GB")} or more) was disclosed to unknown recipients; at this number a medium ENISA severity is a high risk (Art. 34(1); EDPB Guidelines 9/2022: the more people affected, the greater the impact).`);
  return out;
}

/** Art. 34(3): the exception that applies, if any. */
function exceptionOf(f: Facts): { reason: string; publicCommunication: boolean } | null {
  if (f.unintelligible && !f.integrityLost && f.c.availability !== "permanent")
    return { publicCommunication: false, reason: "The people concerned need not be informed: the data was unintelligible to anyone not authorised to access it, being encrypted with the key kept safe (Art. 34(3)(a))." };
  if (f.m.highRiskNoLongerLikely)
    return { publicCommunication: false, reason: "The people concerned need not be informed: measures taken after the breach ensure that the high risk is no longer likely to materialise (Art. 34(3)(b)). Record those measures." };
  if (f.trustedRecipient)
    return { publicCommunication: false, reason: "The people concerned need not be informed: the only recipient is trusted and has returned or deleted the data, so the high risk is no longer likely to materialise (Art. 34(3)(b); EDPB Guidelines 9/2022 on trusted recipients). Keep the recipient's confirmation." };
  if (f.m.disproportionateEffort)
    return { publicCommunication: true, reason: "Contacting each person would involve disproportionate effort, so make a public communication or a similar measure that informs them as effectively instead (Art. 34(3)(c))." };
  return null;
}

/**
 * Who the reasons speak to. "controller": the vendor for its own data, told what to do.
 * "processor": advice the vendor passes to each customer controller, who decides and notifies
 * for its own data ("the controller will likely need to ...").
 */
export type Voice = "controller" | "processor";

/** The sentences that tell someone to act, in each voice; the reasons why are the same in both. */
const WORDING: Record<Voice, {
  unlikely: (reason: string) => string; register: string; notify: (score: number, band: string) => string; lowIsNotEnough: string;
  inform: string; noHighRisk: string; exception: (reason: string) => string;
}> = {
  controller: {
    unlikely: (reason) => reason,
    register: "Record the breach, its effects, the remedial action and these reasons for not notifying in the breach register (Art. 33(5)).",
    notify: (score, band) => `Notify the supervisory authority without undue delay and, where feasible, within 72 hours of becoming aware (Art. 33(1)): a risk to the rights and freedoms of the people concerned cannot be ruled out (ENISA severity ${score}, ${band}).`,
    lowIsNotEnough: "A low ENISA severity does not by itself show that the breach is unlikely to result in a risk; none of the circumstances that do (encryption with the key safe, a quick restore from backup, known recipients who returned or deleted the data without malicious intent) applies (Art. 33(1); EDPB Guidelines 9/2022).",
    inform: "Inform the people concerned without undue delay, in clear and plain language and in a dedicated message: the nature of the breach, the contact point, the likely consequences and the measures taken, with concrete advice on protecting themselves (Art. 34(1)-(2)).",
    noHighRisk: "A high risk to the people concerned is not likely, so they need not be informed individually (Art. 34(1)); reassess when new facts arrive.",
    exception: (reason) => reason,
  },
  processor: {
    unlikely: (reason) => reason.replace("need not be notified to the supervisory authority", "the controller likely need not notify its supervisory authority"),
    register: "The controller will still need to record the breach, its effects, the remedial action and these reasons for not notifying in its breach register (Art. 33(5)).",
    notify: (score, band) => `The controller will likely need to notify its supervisory authority without undue delay and, where feasible, within 72 hours of becoming aware (Art. 33(1)), at the latest from our notice: a risk to the rights and freedoms of the people concerned cannot be ruled out (ENISA severity ${score}, ${band}).`,
    lowIsNotEnough: "A low ENISA severity does not by itself show that the breach is unlikely to result in a risk; none of the circumstances that do (encryption with the key safe, a quick restore from backup, known recipients who returned or deleted the data without malicious intent) applies, so the controller should not rely on the score alone (Art. 33(1); EDPB Guidelines 9/2022).",
    inform: "The controller will likely need to inform the people concerned without undue delay, in clear and plain language and in a dedicated message: the nature of the breach, the contact point, the likely consequences and the measures taken, with concrete advice on protecting themselves (Art. 34(1)-(2)); we help it prepare the message (Art. 28(3)(f)).",
    noHighRisk: "A high risk to the people concerned is not likely, so the controller likely need not inform them individually (Art. 34(1)); we tell it when new facts arrive.",
    exception: (reason) => reason.replace(/^The people concerned need not be informed: /, "The controller likely need not inform the people concerned: ")
      .replace(/, so make a public communication/, ", so the controller should make a public communication"),
  },
};

/** The recommendation for a breach: authority (Art. 33) and people (Art. 34), with reasons, in the given voice. */
export function recommend(a: RecommendationInput, severity: SeverityFacts, voice: Voice = "controller"): Recommendation {
  const say = WORDING[voice];
  const f = factsOf(a, severity);
  const reasons: string[] = [];

  const unlikely = unlikelyRiskReason(f);
  const notifyAuthority = unlikely === null;
  if (unlikely) {
    reasons.push(say.unlikely(unlikely));
    reasons.push(say.register);
  } else {
    reasons.push(say.notify(severity.score, bandWords(severity.band)));
    if (severity.band === "low") reasons.push(say.lowIsNotEnough);
  }

  const high = notifyAuthority ? highRiskReasons(f) : [];
  let notifyDataSubjects = false;
  let publicCommunication = false;
  if (high.length) {
    reasons.push(...high);
    const exception = exceptionOf(f);
    if (exception) {
      reasons.push(say.exception(exception.reason));
      publicCommunication = exception.publicCommunication;
    } else {
      notifyDataSubjects = true;
      reasons.push(say.inform);
    }
  } else {
    reasons.push(say.noHighRisk);
  }
  const factors = scoreMovers(severity, f.discountedHighRisk);
  return { notifyAuthority, notifyDataSubjects, publicCommunication, reasons, factors: [...factors, ...conclusionMovers(f, { unlikely, high, notifyDataSubjects })] };
}

/** The facts that moved the conclusion itself (not the score), each with what it changed. */
function conclusionMovers(f: Facts, r: { unlikely: string | null; high: string[]; notifyDataSubjects: boolean }): Mover[] {
  const out: Mover[] = [];
  const add = (factor: string, direction: Mover["direction"], text: string) => out.push({ factor, direction, text });
  if (f.trustedRecipient)
    add("trustedRecipient", "lowers", "Known, trusted recipient who confirmed deletion or return: the likelihood of harm is negligible, which takes the authority notification off (record only) and, where the risk would otherwise be high, the message to the people (EDPB 9/2022; 01/2021 case 09).");
  else if (f.m.recipientTrusted && f.c.confidentiality === "known_recipients" && f.people >= LARGE_SCALE_PEOPLE)
    add("trustedRecipient", "none", `A trusted recipient does not lower the likelihood at this scale (${LARGE_SCALE_PEOPLE.toLocaleString("en-GB")} or more people): no effect.`);
  if (r.unlikely && !f.trustedRecipient)
    add("unlikelyRisk", "lowers", `${r.unlikely.split(", so ")[0]}: authority notification → record only (Art. 33(1)).`);
  if (f.c.confidentiality === "known_recipients" && f.m.dataRetrievedOrDeleted && !f.trustedRecipient && f.people > KNOWN_RECIPIENTS_MAX_PEOPLE && !f.largeScale)
    add("volume", "raises", `About ${f.people.toLocaleString("en-GB")} people (more than ${KNOWN_RECIPIENTS_MAX_PEOPLE}): the known recipients' deletion no longer shows that a risk is unlikely, so the authority notification stays.`);
  if (f.largeScale)
    add("volume", "raises", `About ${f.people.toLocaleString("en-GB")} people with ${f.largeScale.join(" and ")} data (${LARGE_SCALE_PEOPLE.toLocaleString("en-GB")} or more): risk → high risk, the people are to be told.`);
  if (f.severity.band === "medium" && f.c.confidentiality === "unknown_recipients" && f.people >= MASS_SCALE_PEOPLE)
    add("volume", "raises", `About ${f.people.toLocaleString("en-GB")} people (${MASS_SCALE_PEOPLE.toLocaleString("en-GB")} or more) with unknown recipients: medium severity → high risk.`);
  if (f.sensitive.length && f.c.confidentiality === "unknown_recipients" && r.high.length)
    add("dataKind", "raises", `${f.sensitive.join(", ")} disclosed to unknown recipients: risk → high risk (EDPB 9/2022 IV.B).`);
  if (r.high.length && !r.notifyDataSubjects)
    add("exception", "lowers", "An Art. 34(3) exception applies: the message to each person is not needed (see the reasons).");
  return out;
}
