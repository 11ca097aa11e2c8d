/** Words for the breach vocabulary (display only; the rules live in shared/breach). */
import type { Band, BreachType, Circumstances, DataCategory, Ease, Language, Mitigations, ObligationStatus } from "./types.js";

export const BAND_LABELS: Record<Band, string> = { low: "Low", medium: "Medium", high: "High", very_high: "Very high" };

export const BREACH_TYPE_LABELS: Record<BreachType, string> = {
  confidentiality: "Confidentiality — disclosed or accessed without authority",
  integrity: "Integrity — altered without authority",
  availability: "Availability — lost or destroyed, or access lost",
};

export const DATA_CATEGORY_LABELS: Record<DataCategory, string> = {
  basic: "Basic (names, education history)",
  contact: "Contact details",
  identity: "Identity details (ID numbers, date of birth)",
  financial: "Financial data",
  credentials: "Credentials (passwords, tokens)",
  location: "Location data",
  behavioural: "Behavioural data (habits, traffic data)",
  special: "Special categories (health, beliefs, Art. 9)",
  criminal: "Criminal convictions and offences (Art. 10)",
  children: "Data about children",
};

export const EASE_LABELS: Record<Ease, string> = {
  negligible: "Negligible",
  limited: "Limited",
  significant: "Significant",
  maximum: "Maximum",
};

export const EASE_HINTS: Record<Ease, string> = {
  negligible: "Practically impossible to identify the people.",
  limited: "Possible only with significant extra effort or data.",
  significant: "Possible with some effort (e.g. name plus town).",
  maximum: "Directly identifying (e.g. full name, personal number).",
};

export const CONFIDENTIALITY_LABELS: Record<Circumstances["confidentiality"], string> = {
  none: "No loss", known_recipients: "Known recipients", unknown_recipients: "Unknown recipients",
};
export const INTEGRITY_LABELS: Record<Circumstances["integrity"], string> = {
  none: "No loss", recoverable: "Altered, recoverable", unrecoverable: "Altered, not recoverable",
};
export const AVAILABILITY_LABELS: Record<Circumstances["availability"], string> = {
  none: "No loss", temporary: "Temporary", permanent: "Permanent",
};

export const MITIGATION_LABELS: Record<keyof Mitigations, string> = {
  encrypted: "Encrypted with a state-of-the-art algorithm; the key was not compromised",
  backupRestored: "Restored from backup quickly, without loss",
  recipientTrusted: "The recipient is trusted and acts on instructions",
  dataRetrievedOrDeleted: "The data was retrieved, or the recipient confirmed deletion",
  highRiskNoLongerLikely: "Later measures mean a high risk is no longer likely (Art. 34(3)(b))",
  disproportionateEffort: "Contacting each person would take disproportionate effort (Art. 34(3)(c))",
  alreadyPublic: "The data was already public",
};

export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = { pending: "Pending", done: "Done", waived: "Waived" };

export const LANGUAGE_LABELS: Record<Language, string> = { en: "English", sv: "Swedish", nb: "Norwegian (Bokmål)" };

export const yesNo = (b: boolean) => (b ? "Yes" : "No");
