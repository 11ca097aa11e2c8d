/** Words for the breach vocabulary (display only; the rules live in shared/breach). */
import type { DpcFactor } from "../../../shared/breach/severity.js";
import type { VulnerableGroup } from "../../../shared/breach/vulnerable.js";
import type { Band, BreachType, Circumstances, DataCategory, Ease, EnisaKind, Language, Mitigations, ObligationStatus } from "./types.js";

export const BAND_LABELS: Record<Band, string> = { low: "Low", medium: "Medium", high: "High", very_high: "Very high" };

export const BREACH_TYPE_LABELS: Record<BreachType, string> = {
  confidentiality: "Confidentiality — disclosed or accessed without authority",
  integrity: "Integrity — altered without authority",
  availability: "Availability — lost or destroyed, or access lost",
};

export const DATA_CATEGORY_LABELS: Record<DataCategory, string> = {
  basic: "Basic (names, education history)",
  contact: "Contact details",
  identity: "Identity details (identity documents, date of birth)",
  nationalId: "National identity numbers (personnummer, fødselsnummer)",
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

/** Who the people are (structured; the free text only suggests). */
export const VULNERABLE_GROUP_LABELS: Record<VulnerableGroup, string> = {
  pupils: "Pupils",
  childrenUnder13: "Children under 13",
  childrenUnder16: "Children under 16",
  guardians: "Guardians (parents)",
  staff: "Staff or employees in a dependent position",
  patients: "Patients",
  other: "Other vulnerable people",
};

export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = { pending: "Pending", done: "Done", waived: "Waived" };

export const LANGUAGE_LABELS: Record<Language, string> = { en: "English", sv: "Swedish", nb: "Norwegian (Bokmål)" };

export const yesNo = (b: boolean) => (b ? "Yes" : "No");
/** A score change with its sign: +1, −2 (a true minus sign). */
export const signed = (n: number) => `${n < 0 ? "−" : "+"}${Math.abs(n)}`;

/** The assessment's fields in words, for "what is needed" and for server issues on fields without a control. */
export const ASSESSMENT_FIELD_LABELS: Record<string, string> = {
  awareAt: "When we became aware",
  types: "Type of breach",
  dataCategories: "Categories of personal data",
  subjectCategories: "Categories of people concerned",
  vulnerableGroups: "Vulnerable people",
  vulnerableOther: "Who the other vulnerable people are",
  awareAtChangeReason: "Why the awareness time moves",
  approxSubjects: "Approximate number of people",
  approxRecords: "Approximate number of records",
  easeOfIdentification: "Ease of identification",
  circumstances: "Circumstances",
  mitigations: "Mitigating facts",
  contextAdjustments: "Context adjustments",
  credentialsOpen: "What the credentials open",
  nis2Significant: "Significant under NIS2",
  summary: "What happened",
  likelyConsequences: "Likely consequences",
  occurredAt: "When the breach began",
  ceasedAt: "When the breach ended",
  dataLocation: "Where the data is now",
};

/** ENISA's context factors of the data processing context (DPC). */
export const DPC_FACTOR_LABELS: Record<DpcFactor, string> = {
  volume: "Volume of data per person",
  controller: "Characteristics of the controller",
  individuals: "Characteristics of the people",
  invalidity: "Invalid or inaccurate data",
  publicAvailability: "Already publicly available",
  nature: "Nature of the data",
};

export const DPC_FACTOR_HINTS: Record<DpcFactor, string> = {
  volume: "Raises: so many records per person that a profile can be built.",
  controller: "Raises: the controller's nature reveals more (e.g. a hospital: any data reveals health).",
  individuals: "Raises: vulnerable people (children, patients, people in need of protection).",
  invalidity: "Lowers: the data is known to be invalid or inaccurate.",
  publicAvailability: "Lowers: the data was already public before the breach.",
  nature: "Lowers: the data gives no real insight into the person.",
};

export const ENISA_KIND_LABELS: Record<EnisaKind, string> = {
  simple: "Simple data (names, contact details)",
  behavioural: "Behavioural data (habits, location, traffic)",
  financial: "Financial data (payments, accounts)",
  sensitive: "Sensitive data (health, Art. 9 and 10)",
};

/** What breached credentials open, with "not known" first so a choice can be taken back. */
export const CREDENTIALS_OPEN_LABELS: Record<EnisaKind | "", string> = { "": "Not known (scored like financial data)", ...ENISA_KIND_LABELS };
