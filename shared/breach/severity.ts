import { DPC_FACTORS, type BreachAssessmentBody, type ENISA_KINDS } from "../schemas/breach.js";

/**
 * ENISA, "Recommendations for a methodology of the assessment of severity of personal data
 * breaches" (v1.0, December 2013): SE = DPC × EI + CB.
 *  - DPC (data processing context), 1..4: the basic score of the most sensitive kind of data
 *    concerned (simple 1, behavioural 2, financial 3, sensitive 4), adjusted for ENISA's context
 *    factors, and kept within 1..4. Raising: the volume of data per person, characteristics of
 *    the controller (e.g. a hospital: simple data reveals health), characteristics of the people
 *    (e.g. children). Lowering: data known to be invalid or inaccurate, data already public before
 *    the breach, a nature of the data that gives no real insight. The facts derive some of them
 *    (children, patients, records per person, already public); the assessor may set any factor
 *    with a reason, which replaces the derived adjustment for that factor.
 *  - EI (ease of identification): 0.25 negligible, 0.5 limited, 0.75 significant, 1 maximum.
 *  - CB (circumstances of the breach), added: confidentiality (+0.25 known / +0.5 unknown
 *    recipients), integrity (+0.25 recoverable / +0.5 not recoverable), availability
 *    (+0.25 temporary / +0.5 permanent), malicious intent (+0.5).
 *  - Bands: low < 2, medium < 3, high < 4, very high >= 4.
 */
export type Band = "low" | "medium" | "high" | "very_high";
export const BANDS: readonly Band[] = ["low", "medium", "high", "very_high"];

type Category = BreachAssessmentBody["dataCategories"][number];
type Ease = BreachAssessmentBody["easeOfIdentification"];
type Circumstances = BreachAssessmentBody["circumstances"];
type Kind = (typeof ENISA_KINDS)[number];
export type DpcFactor = (typeof DPC_FACTORS)[number];

/** ENISA's four kinds of data and their basic DPC scores. */
const KIND_SCORE: Record<Kind, number> = { simple: 1, behavioural: 2, financial: 3, sensitive: 4 };

/** Each data category's ENISA kind (credentials: by what they open, see `credentialsBase`). */
const BASE: Record<Category, { score: number; kind: string }> = {
  basic: { score: 1, kind: "simple data (e.g. names, education history)" },
  contact: { score: 1, kind: "simple data (contact details)" },
  identity: { score: 1, kind: "simple data (identity details such as ID numbers and date of birth)" },
  behavioural: { score: 2, kind: "behavioural data (habits, preferences, traffic data)" },
  location: { score: 2, kind: "behavioural data (location)" },
  financial: { score: 3, kind: "financial data" },
  credentials: { score: 3, kind: "credentials" },
  special: { score: 4, kind: "sensitive data (health, beliefs, sexual life and other Art. 9 categories)" },
  criminal: { score: 4, kind: "sensitive data (criminal convictions and offences, Art. 10)" },
  // Data about children is scored by its kind; being about children is a context adjustment.
  children: { score: 1, kind: "simple data about children" },
};

/**
 * ENISA: "Credentials are not considered as a specific data category and should be handled based
 * on the type of data processed by the systems where they provide access to." Without that
 * fact, a login is taken to open accounts that enable fraud and account takeover, so it is
 * scored like financial data (as in the EDPB's credential-stuffing example).
 */
function credentialsBase(opens: Kind | undefined) {
  return opens
    ? { score: KIND_SCORE[opens], kind: `credentials, scored by the ${opens} data in the accounts they open` }
    : { score: KIND_SCORE.financial, kind: "credentials (they open accounts and enable fraud, so scored like financial data unless the assessment says what they open)" };
}

export const EI_VALUES: Record<Ease, number> = { negligible: 0.25, limited: 0.5, significant: 0.75, maximum: 1 };

const CB_VALUES = {
  confidentiality: { none: 0, known_recipients: 0.25, unknown_recipients: 0.5 },
  integrity: { none: 0, recoverable: 0.25, unrecoverable: 0.5 },
  availability: { none: 0, temporary: 0.25, permanent: 0.5 },
  malicious: 0.5,
} as const;

const CB_WORDS = {
  confidentiality: { none: "no loss of confidentiality", known_recipients: "data disclosed to known recipients", unknown_recipients: "data disclosed to unknown recipients" },
  integrity: { none: "no loss of integrity", recoverable: "data altered but recoverable", unrecoverable: "data altered and not recoverable" },
  availability: { none: "no loss of availability", temporary: "data temporarily unavailable", permanent: "data permanently lost" },
} as const;

/** Records per person from which ENISA's "volume enables profiling" adjustment is applied. */
export const PROFILING_RECORDS_PER_SUBJECT = 100;
/** Subject categories that are children (EDPB: vulnerable individuals). */
const CHILD_SUBJECTS = /^(pupils?|children|child|minors?|kids)$/i;
/** Subject categories whose mere presence in the data reveals health (ENISA: controller context). */
const PATIENT_SUBJECTS = /^(patients?)$/i;

/** One ENISA context adjustment: derived from the facts, or judged by the assessor (which replaces the derived one). */
export interface DpcAdjustment { factor: DpcFactor; delta: number; reason: string; source: "derived" | "assessor" }

export interface SeverityResult {
  score: number;
  band: Band;
  factors: {
    dpc: { base: number; baseReason: string; adjustments: DpcAdjustment[]; value: number };
    ei: { level: Ease; value: number };
    cb: { confidentiality: number; integrity: number; availability: number; malicious: number; total: number };
  };
  explanation: string[];
}
export type Severity = SeverityResult;

export type SeverityInput = Pick<BreachAssessmentBody, "dataCategories" | "easeOfIdentification" | "circumstances" | "mitigations" | "approxSubjects">
  & Partial<Pick<BreachAssessmentBody, "subjectCategories" | "approxRecords" | "contextAdjustments" | "credentialsOpen">>;

export function bandOf(score: number): Band {
  return score < 2 ? "low" : score < 3 ? "medium" : score < 4 ? "high" : "very_high";
}

export const bandWords = (band: Band) => band.replace("_", " ");
const round = (n: number) => Math.round(n * 100) / 100;
const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);
const clamp = (n: number) => Math.min(4, Math.max(1, n));

function baseOf(c: Category, a: SeverityInput) {
  return c === "credentials" ? credentialsBase(a.credentialsOpen) : BASE[c];
}

function mostSensitive(a: SeverityInput): { score: number; kind: string } {
  const list = a.dataCategories.length ? a.dataCategories : (["basic"] as Category[]);
  return list.map((c) => baseOf(c, a)).reduce((best, b) => (b.score > best.score ? b : best));
}

/** The child subject categories named in the assessment (pupils, minors...). */
export function childSubjects(subjectCategories: readonly string[] = []): string[] {
  return subjectCategories.filter((s) => CHILD_SUBJECTS.test(s.trim()));
}

/** Whether the people concerned include children, from the data or the subject categories (EDPB: vulnerable individuals). */
export function concernsChildren(a: Pick<SeverityInput, "dataCategories" | "subjectCategories">): boolean {
  return a.dataCategories.includes("children") || childSubjects(a.subjectCategories).length > 0;
}

/** ENISA's context adjustments that the assessment's facts show, each with its factor and reason. */
function derivedAdjustments(a: SeverityInput, base: number): DpcAdjustment[] {
  const out: DpcAdjustment[] = [];
  const add = (factor: DpcFactor, delta: number, reason: string) => out.push({ factor, delta, reason, source: "derived" });
  const kids = childSubjects(a.subjectCategories);
  if (concernsChildren(a))
    add("individuals", 1, `The people concerned include children${kids.length ? ` (${kids.join(", ")})` : ""}, who are vulnerable individuals, which raises the impact.`);
  if (base < 4 && (a.subjectCategories ?? []).some((s) => PATIENT_SUBJECTS.test(s.trim())))
    add("controller", 2, "The people concerned are patients, so even simple data about them reveals something about their health.");
  const records = a.approxRecords ?? 0;
  if (base <= 2 && a.approxSubjects > 0 && records / a.approxSubjects >= PROFILING_RECORDS_PER_SUBJECT)
    add("volume", 1, `About ${Math.round(records / a.approxSubjects)} records per person were concerned, a volume from which a profile of each person's life and habits can be built.`);
  if (a.mitigations?.alreadyPublic)
    add("publicAvailability", -1, "The data was already publicly available, which lowers the impact of its disclosure.");
  return out;
}

/** The derived adjustments, each replaced by the assessor's judgement for the same factor, in ENISA's factor order. */
function dpcAdjustments(a: SeverityInput, base: number): DpcAdjustment[] {
  const byFactor = new Map<DpcFactor, DpcAdjustment>(derivedAdjustments(a, base).map((x) => [x.factor, x]));
  for (const x of a.contextAdjustments ?? []) byFactor.set(x.factor, { factor: x.factor, delta: x.delta, reason: x.reason, source: "assessor" });
  return [...byFactor.values()].sort((x, y) => DPC_FACTORS.indexOf(x.factor) - DPC_FACTORS.indexOf(y.factor));
}

const FACTOR_WORDS: Record<DpcFactor, string> = {
  volume: "volume of data", controller: "characteristics of the controller", individuals: "characteristics of the people",
  invalidity: "invalid or inaccurate data", publicAvailability: "already public", nature: "nature of the data",
};

function circumstancesOf(c: Circumstances | undefined) {
  const circ = c ?? { confidentiality: "none", integrity: "none", availability: "none", malicious: false };
  const cb = {
    confidentiality: CB_VALUES.confidentiality[circ.confidentiality],
    integrity: CB_VALUES.integrity[circ.integrity],
    availability: CB_VALUES.availability[circ.availability],
    malicious: circ.malicious ? CB_VALUES.malicious : 0,
    total: 0,
  };
  cb.total = round(cb.confidentiality + cb.integrity + cb.availability + cb.malicious);
  return { circ, cb };
}

/** The ENISA severity of a breach, with each factor and a sentence per factor for the record. */
export function scoreSeverity(a: SeverityInput): SeverityResult {
  const top = mostSensitive(a);
  const base = top.score;
  const adjustments = dpcAdjustments(a, base);
  const unclamped = base + adjustments.reduce((s, x) => s + x.delta, 0);
  const dpc = clamp(unclamped);
  const ei = EI_VALUES[a.easeOfIdentification];
  const { circ, cb } = circumstancesOf(a.circumstances);
  const score = round(dpc * ei + cb.total);
  const band = bandOf(score);

  const explanation = [
    `Data processing context (DPC): the most sensitive data concerned is ${top.kind}, basic score ${base}.`,
    ...adjustments.map((x) => `DPC ${signed(x.delta)} (${FACTOR_WORDS[x.factor]}${x.source === "assessor" ? ", assessor's judgement" : ""}): ${x.reason}`),
    ...(unclamped !== dpc ? [`The adjusted DPC of ${unclamped} is kept within ENISA's scale of 1 to 4.`] : []),
    `DPC = ${dpc}${adjustments.length ? " after the context adjustments above" : " (no context adjustment applies)"}.`,
    `Ease of identification (EI) ${ei}: identifying the people from the data is ${a.easeOfIdentification}.`,
    `Circumstances of the breach (CB) ${cb.total}: ${CB_WORDS.confidentiality[circ.confidentiality]} (+${cb.confidentiality}), ${CB_WORDS.integrity[circ.integrity]} (+${cb.integrity}), ${CB_WORDS.availability[circ.availability]} (+${cb.availability}), ${circ.malicious ? "malicious intent" : "no malicious intent"} (+${cb.malicious}).`,
    `Severity SE = DPC × EI + CB = ${dpc} × ${ei} + ${cb.total} = ${score}: ${bandWords(band)} (low < 2, medium < 3, high < 4, very high ≥ 4).`,
  ];
  if (a.mitigations?.encrypted)
    explanation.push("The data was encrypted with the key kept safe; ENISA weighs such unintelligibility alongside the score, not in it, and the recommendation takes it into account.");
  if (a.approxSubjects > 100)
    explanation.push(`About ${a.approxSubjects} people are concerned; ENISA weighs the number of people alongside the score, not in it, as it widens the impact.`);
  return { score, band, factors: { dpc: { base, baseReason: top.kind, adjustments, value: dpc }, ei: { level: a.easeOfIdentification, value: ei }, cb }, explanation };
}
