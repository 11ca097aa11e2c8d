import type { Nis2RuleSet } from "./jurisdictions.js";

/**
 * Whether an incident is "significant", the test that starts NIS2 reporting. It is a different
 * question from the GDPR one (risk to people's rights from a personal-data breach): it is about
 * the service and the entity, and an incident can be one, the other, both or neither.
 */

export interface SignificanceFacts {
  /** Disruption of the services: none, minor, or severe (caused or capable of causing). */
  operationalDisruption: "none" | "minor" | "severe";
  /** Financial loss for the entity: none, minor, or severe (caused or capable of causing). */
  financialLoss: "none" | "minor" | "severe";
  /** Damage to other natural or legal persons: none, minor, or considerable material or non-material damage. */
  damageToOthers: "none" | "minor" | "considerable";
  /** Implementing Regulation (EU) 2024/2690 Art. 3(1) indicators for digital providers (cloud, managed services...). */
  thresholds: {
    /** Direct financial loss in euro, caused or capable of being caused. */
    financialLossEur?: number;
    /** The entity's total annual turnover in the preceding financial year, in euro. */
    annualTurnoverEur?: number;
    tradeSecretsExfiltrated: boolean;
    deathOfPerson: boolean;
    healthDamage: boolean;
    /** A successful, suspectedly malicious and unauthorised access capable of causing severe operational disruption. */
    maliciousAccessSevere: boolean;
  };
}

export interface Significance {
  significant: boolean;
  /** Each criterion met, in words with its source; empty when none is. */
  reasons: string[];
}

const IR = "Implementing Regulation (EU) 2024/2690 Art. 3(1)";

/** IR 2024/2690 Art. 3(1)(a): EUR 500 000 or 5 % of the preceding year's turnover, whichever is lower. */
export function financialThresholdEur(annualTurnoverEur?: number): number {
  return annualTurnoverEur === undefined ? 500_000 : Math.min(500_000, 0.05 * annualTurnoverEur);
}

function nis2Reasons(f: SignificanceFacts): string[] {
  const reasons: string[] = [];
  if (f.operationalDisruption === "severe")
    reasons.push("It has caused or is capable of causing severe operational disruption of the services (NIS2 Art. 23(3)(a)).");
  if (f.financialLoss === "severe")
    reasons.push("It has caused or is capable of causing severe financial loss for the entity (NIS2 Art. 23(3)(a)).");
  if (f.damageToOthers === "considerable")
    reasons.push("It has affected or is capable of affecting other persons by causing considerable material or non-material damage (NIS2 Art. 23(3)(b)).");
  const t = f.thresholds;
  if (t.financialLossEur !== undefined && t.financialLossEur > financialThresholdEur(t.annualTurnoverEur))
    reasons.push(`The direct financial loss (EUR ${t.financialLossEur}) exceeds EUR 500 000 or 5 % of the annual turnover, whichever is lower (${IR}(a)).`);
  if (t.tradeSecretsExfiltrated) reasons.push(`Trade secrets were exfiltrated (${IR}(b)).`);
  if (t.deathOfPerson) reasons.push(`It has caused or is capable of causing the death of a natural person (${IR}(c)).`);
  if (t.healthDamage) reasons.push(`It has caused or is capable of causing considerable damage to a natural person's health (${IR}(d)).`);
  if (t.maliciousAccessSevere)
    reasons.push(`A successful, suspectedly malicious and unauthorised access occurred that is capable of causing severe operational disruption (${IR}(e)).`);
  return reasons;
}

/**
 * Norway implements NIS1: an incident is reportable when it has a significant impact on the
 * continuity or provision of the service (Directive (EU) 2016/1148 Art. 14(3), 16(3);
 * digitalsikkerhetsloven §§ 8, 11). Financial loss or damage alone does not make it so.
 */
function nis1Reasons(f: SignificanceFacts): string[] {
  return f.operationalDisruption === "severe"
    ? ["It has a significant impact on the delivery of the service (digitalsikkerhetsloven §§ 8, 11; NIS1 Art. 14(3), 16(3))."]
    : [];
}

/** The significance test of the rule set's jurisdiction, with each criterion met in words. Pure. */
export function assessSignificance(facts: SignificanceFacts, ruleSet: Pick<Nis2RuleSet, "significance">): Significance {
  const reasons = ruleSet.significance === "nis1-service-impact" ? nis1Reasons(facts) : nis2Reasons(facts);
  return { significant: reasons.length > 0, reasons };
}
