import { DPC_FACTORS, type BreachAssessmentBody, type ENISA_KINDS } from "../schemas/breach.js";
import { CHILD_GROUPS, GROUP_EFFECT, groupsOf } from "./vulnerable.js";

/**
 * ENISA, "Recommendations for a methodology of the assessment of severity of personal data
 * breaches" (v1.0, December 2013): SE = DPC × EI + CB.
 *  - DPC (data processing context), 1..4: ENISA scores each kind of data concerned on its own: its
 *    basic score (simple 1, behavioural 2, financial 3, sensitive 4) adjusted for the context
 *    factors that concern it, kept within 1..4; the breach's DPC is the highest of them (ENISA 2013,
 *    section 3: "in case of several types of data ... the DPC of the most critical one"). So a
 *    lowering judgement on one kind (e.g. two food intolerances: "nature" −3 on the health data)
 *    lowers that kind only. Raising: the volume of data per person, characteristics of
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
  identity: { score: 1, kind: "simple data (identity details such as identity documents and date of birth)" },
  // ENISA 2013 lists no national identity number among its kinds: scored as simple data; what makes
  // it dangerous (identity theft) is weighed by the recommendation (EDPB 9/2022 IV.B, volume rule).
  nationalId: { score: 1, kind: "simple data (national identity numbers: personnummer, fødselsnummer)" },
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

/** One ENISA context adjustment: derived from the facts, or judged by the assessor (which replaces the derived one). */
export interface DpcAdjustment { factor: DpcFactor; delta: number; reason: string; source: "derived" | "assessor" }

/** One kind of data scored on its own (ENISA 2013): its base, the adjustments that concern it, its DPC. */
export interface KindScore { category: Category; base: number; baseReason: string; adjustments: DpcAdjustment[]; value: number }

export interface SeverityResult {
  score: number;
  band: Band;
  factors: {
    /** The highest-scoring kind's base, reason, adjustments and DPC; `kinds`: every kind (absent in versions saved before per-kind scoring). */
    dpc: { base: number; baseReason: string; adjustments: DpcAdjustment[]; value: number; category?: Category; kinds?: KindScore[] };
    ei: { level: Ease; value: number };
    cb: { confidentiality: number; integrity: number; availability: number; malicious: number; total: number };
  };
  explanation: string[];
}
export type Severity = SeverityResult;

export type SeverityInput = Pick<BreachAssessmentBody, "dataCategories" | "easeOfIdentification" | "circumstances" | "mitigations" | "approxSubjects">
  & Partial<Pick<BreachAssessmentBody, "subjectCategories" | "approxRecords" | "contextAdjustments" | "credentialsOpen" | "vulnerableGroups" | "vulnerableOther">>;

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

/** The child groups named in the assessment (structured; free text only for versions saved before). */
export function childGroups(a: Pick<SeverityInput, "vulnerableGroups" | "subjectCategories">) {
  return groupsOf(a).filter((g) => CHILD_GROUPS.includes(g));
}

/** Whether the people concerned include children, from the data or the groups (EDPB 9/2022 IV.B: vulnerable individuals). */
export function concernsChildren(a: Pick<SeverityInput, "dataCategories" | "subjectCategories" | "vulnerableGroups">): boolean {
  return a.dataCategories.includes("children") || childGroups(a).length > 0;
}

/** The "characteristics of the individuals" adjustment: +1 when children or other vulnerable people are concerned (ENISA 2013). */
function individualsAdjustment(a: SeverityInput): string | null {
  const groups = groupsOf(a).filter((g) => GROUP_EFFECT[g].individuals > 0);
  const words = groups.map((g) => (g === "other" && a.vulnerableOther ? `${GROUP_EFFECT[g].words}: ${a.vulnerableOther}` : GROUP_EFFECT[g].words));
  if (a.dataCategories.includes("children") && !groups.some((g) => CHILD_GROUPS.includes(g))) words.unshift("children");
  if (!words.length) return null;
  return `The people concerned include ${words.join(", ")}, who are vulnerable individuals, which raises the impact (ENISA 2013; EDPB 9/2022 IV.B).`;
}

/** ENISA's context adjustments that the facts show for one kind of data, each with its factor and reason. */
function derivedAdjustments(a: SeverityInput, base: number): DpcAdjustment[] {
  const out: DpcAdjustment[] = [];
  const add = (factor: DpcFactor, delta: number, reason: string) => out.push({ factor, delta, reason, source: "derived" });
  const individuals = individualsAdjustment(a);
  if (individuals) add("individuals", 1, individuals);
  if (base < 4 && groupsOf(a).includes("patients"))
    add("controller", 2, "The people concerned are patients, so even simple data about them reveals something about their health.");
  const records = a.approxRecords ?? 0;
  if (base <= 2 && a.approxSubjects > 0 && records / a.approxSubjects >= PROFILING_RECORDS_PER_SUBJECT)
    add("volume", 1, `About ${Math.round(records / a.approxSubjects)} records per person were concerned, a volume from which a profile of each person's life and habits can be built.`);
  if (a.mitigations?.alreadyPublic)
    add("publicAvailability", -1, "The data was already publicly available, which lowers the impact of its disclosure.");
  return out;
}

/**
 * One kind's adjustments: the derived ones, each replaced by the assessor's judgement for the same
 * factor (one for this kind beats one for every kind), in ENISA's factor order.
 */
function kindAdjustments(a: SeverityInput, category: Category, base: number): DpcAdjustment[] {
  const byFactor = new Map<DpcFactor, DpcAdjustment>(derivedAdjustments(a, base).map((x) => [x.factor, x]));
  const judged = (a.contextAdjustments ?? []).filter((x) => x.dataCategory === undefined || x.dataCategory === category);
  for (const x of [...judged].sort((p, q) => Number(p.dataCategory !== undefined) - Number(q.dataCategory !== undefined)))
    byFactor.set(x.factor, { factor: x.factor, delta: x.delta, reason: x.reason, source: "assessor" });
  return [...byFactor.values()].sort((x, y) => DPC_FACTORS.indexOf(x.factor) - DPC_FACTORS.indexOf(y.factor));
}

/** Every kind of data concerned scored on its own (ENISA 2013); "basic" when none is given. */
export function scoreKinds(a: SeverityInput): KindScore[] {
  const list = a.dataCategories.length ? a.dataCategories : (["basic"] as Category[]);
  return list.map((category) => {
    const { score: base, kind } = baseOf(category, a);
    const adjustments = kindAdjustments(a, category, base);
    return { category, base, baseReason: kind, adjustments, value: clamp(base + adjustments.reduce((s, x) => s + x.delta, 0)) };
  });
}

/** The kind that sets the DPC: the highest adjusted score, then the more sensitive base, then the order given. */
function highest(kinds: KindScore[]): KindScore {
  return kinds.reduce((best, k) => (k.value > best.value || (k.value === best.value && k.base > best.base) ? k : best));
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

/** The DPC sentences: one kind as before; several kinds each with its own computation, then which one counts. */
function dpcExplanation(kinds: KindScore[], top: KindScore): string[] {
  const adjusted = (k: KindScore) => k.adjustments.map((x) => `DPC ${signed(x.delta)} (${FACTOR_WORDS[x.factor]}${x.source === "assessor" ? ", assessor's judgement" : ""}): ${x.reason}`);
  const unclamped = (k: KindScore) => k.base + k.adjustments.reduce((s, x) => s + x.delta, 0);
  const kept = (k: KindScore) => (unclamped(k) !== k.value ? [`The adjusted DPC of ${unclamped(k)} is kept within ENISA's scale of 1 to 4.`] : []);
  if (kinds.length === 1)
    return [
      `Data processing context (DPC): the most sensitive data concerned is ${top.baseReason}, basic score ${top.base}.`,
      ...adjusted(top), ...kept(top),
      `DPC = ${top.value}${top.adjustments.length ? " after the context adjustments above" : " (no context adjustment applies)"}.`,
    ];
  return [
    "Data processing context (DPC): ENISA scores each kind of data concerned on its own and takes the highest.",
    ...kinds.flatMap((k) => [
      `${k.baseReason}: basic score ${k.base}${k.adjustments.length ? `, ${k.adjustments.map((x) => `${signed(x.delta)} ${FACTOR_WORDS[x.factor]}`).join(", ")}` : ""} = DPC ${k.value}${unclamped(k) !== k.value ? ` (${unclamped(k)} kept within 1 to 4)` : ""}.`,
    ]),
    ...adjusted(top),
    `DPC = ${top.value}, the highest: ${top.baseReason}${top.adjustments.length ? ", after the context adjustments above" : ""}.`,
  ];
}

/** The ENISA severity of a breach, with each factor and a sentence per factor for the record. */
export function scoreSeverity(a: SeverityInput): SeverityResult {
  const kinds = scoreKinds(a);
  const top = highest(kinds);
  const dpc = top.value;
  const ei = EI_VALUES[a.easeOfIdentification];
  const { circ, cb } = circumstancesOf(a.circumstances);
  const score = round(dpc * ei + cb.total);
  const band = bandOf(score);

  const explanation = [
    ...dpcExplanation(kinds, top),
    `Ease of identification (EI) ${ei}: identifying the people from the data is ${a.easeOfIdentification}.`,
    `Circumstances of the breach (CB) ${cb.total}: ${CB_WORDS.confidentiality[circ.confidentiality]} (+${cb.confidentiality}), ${CB_WORDS.integrity[circ.integrity]} (+${cb.integrity}), ${CB_WORDS.availability[circ.availability]} (+${cb.availability}), ${circ.malicious ? "malicious intent" : "no malicious intent"} (+${cb.malicious}).`,
    `Severity SE = DPC × EI + CB = ${dpc} × ${ei} + ${cb.total} = ${score}: ${bandWords(band)} (low < 2, medium < 3, high < 4, very high ≥ 4).`,
  ];
  if (a.mitigations?.encrypted)
    explanation.push("The data was encrypted with the key kept safe; ENISA weighs such unintelligibility alongside the score, not in it, and the recommendation takes it into account.");
  if (a.approxSubjects > 100)
    explanation.push(`About ${a.approxSubjects} people are concerned; ENISA weighs the number of people alongside the score, not in it, as it widens the impact.`);
  const dpcFacts = { base: top.base, baseReason: top.baseReason, adjustments: top.adjustments, value: dpc, category: top.category, kinds };
  return { score, band, factors: { dpc: dpcFacts, ei: { level: a.easeOfIdentification, value: ei }, cb }, explanation };
}
