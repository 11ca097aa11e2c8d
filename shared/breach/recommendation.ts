import type { BreachAssessmentBody } from "../schemas/breach.js";
import type { SeverityResult } from "./severity.js";

/**
 * What the law asks, with reasons a privacy officer can paste into the record. It never
 * decides: the decision is recorded separately. Sources: GDPR Art. 33 and 34; EDPB Guidelines
 * 9/2022 on personal data breach notification and 01/2021 (worked examples).
 */
export interface Recommendation {
  notifyAuthority: boolean;
  notifyDataSubjects: boolean;
  /** Art. 34(3)(c): individual contact would take disproportionate effort: a public communication instead. */
  publicCommunication: boolean;
  reasons: string[];
}

const HIGH_RISK_DATA = ["special", "criminal", "financial", "credentials", "children"] as const;

export function recommend(a: Pick<BreachAssessmentBody, "types" | "dataCategories" | "circumstances" | "mitigations">, severity: Pick<SeverityResult, "band" | "score">): Recommendation {
  const reasons: string[] = [];
  const c = a.circumstances ?? { confidentiality: "none", integrity: "none", availability: "none", malicious: false };
  const m = a.mitigations ?? ({} as NonNullable<BreachAssessmentBody["mitigations"]>);
  const sensitive = a.dataCategories.filter((d) => (HIGH_RISK_DATA as readonly string[]).includes(d));
  const confidentialityLost = c.confidentiality !== "none" || a.types.includes("confidentiality");
  const integrityLost = c.integrity !== "none" || a.types.includes("integrity");
  const availabilityOnly = !confidentialityLost && !integrityLost;

  // When is the breach "unlikely to result in a risk" (Art. 33(1))?
  let unlikelyRisk = false;
  if (confidentialityLost && m.encrypted && !integrityLost && c.availability !== "permanent") {
    unlikelyRisk = true;
    reasons.push("The data was encrypted with a state-of-the-art algorithm and the key was not compromised, so the confidentiality breach is unlikely to result in a risk to the people concerned (EDPB Guidelines 01/2021, stolen encrypted device).");
  } else if (availabilityOnly && c.availability === "temporary" && m.backupRestored) {
    unlikelyRisk = true;
    reasons.push("Only availability was affected, temporarily, and the data was restored from backup without loss and without signs of exfiltration, so the breach is unlikely to result in a risk (EDPB Guidelines 01/2021, ransomware with a proper backup and no exfiltration). It must still be documented (Art. 33(5)).");
  } else if (confidentialityLost && c.confidentiality === "known_recipients" && m.recipientTrusted && m.dataRetrievedOrDeleted && sensitive.length === 0 && !c.malicious) {
    unlikelyRisk = true;
    reasons.push("The data went to a known, trusted recipient who returned or deleted it, the data is not of a sensitive kind and there was no malicious intent, so the breach is unlikely to result in a risk (EDPB Guidelines 9/2022, para. on trusted recipients).");
  }
  const notifyAuthority = !unlikelyRisk;
  if (notifyAuthority)
    reasons.push(`Notify the supervisory authority without undue delay and within 72 hours of awareness (Art. 33(1)): a risk to the rights and freedoms of the people concerned cannot be ruled out (ENISA severity ${severity.score}, ${severity.band.replace("_", " ")}).`);
  else reasons.push("No notification to the supervisory authority is required (Art. 33(1)), but the breach and the reasons for not notifying must be recorded in the breach register (Art. 33(5)).");

  // Is a high risk likely (Art. 34(1))?
  const highBand = severity.band === "high" || severity.band === "very_high";
  const sensitiveExposed = sensitive.length > 0 && (c.confidentiality === "unknown_recipients" || (c.confidentiality !== "none" && c.malicious));
  let highRisk = !unlikelyRisk && (highBand || sensitiveExposed || (c.integrity === "unrecoverable" && sensitive.length > 0) || (c.availability === "permanent" && sensitive.length > 0));
  if (highRisk) {
    if (highBand) reasons.push(`The ENISA severity is ${severity.band.replace("_", " ")}, so the breach is likely to result in a high risk to the people concerned (Art. 34(1)).`);
    if (sensitiveExposed) reasons.push(`Data of a kind that usually means high risk (${sensitive.join(", ")}) was exposed to unknown or malicious parties (EDPB Guidelines 9/2022 on risk factors).`);
  }
  let publicCommunication = false;
  if (highRisk && m.encrypted && confidentialityLost && !integrityLost) {
    highRisk = false;
    reasons.push("Art. 34(3)(a): the data was unintelligible to anyone not authorised (encrypted, key safe), so the people need not be informed individually.");
  } else if (highRisk && m.highRiskNoLongerLikely) {
    highRisk = false;
    reasons.push("Art. 34(3)(b): measures taken after the breach mean the high risk is no longer likely to materialise, so the people need not be informed.");
  } else if (highRisk && m.disproportionateEffort) {
    highRisk = false;
    publicCommunication = true;
    reasons.push("Art. 34(3)(c): contacting each person would take disproportionate effort; make a public communication or similar measure that informs them as effectively.");
  }
  if (highRisk)
    reasons.push("Inform the people concerned without undue delay in clear and plain language (Art. 34(1)-(2)): the nature of the breach, the contact point, the likely consequences and the measures taken, with concrete advice (e.g. change passwords, watch for phishing).");
  else if (!publicCommunication && !reasons.some((r) => r.startsWith("Art. 34(3)")))
    reasons.push("A high risk to the people concerned is not likely, so they need not be informed individually (Art. 34(1)); reassess if new facts arrive.");
  return { notifyAuthority, notifyDataSubjects: highRisk, publicCommunication, reasons };
}
