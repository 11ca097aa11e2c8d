import type { BreachAssessmentBody } from "../schemas/breach.js";

/**
 * ENISA, "Recommendations for a methodology of the assessment of severity of personal data
 * breaches" (2013): SE = DPC × EI + CB.
 *  - DPC (data processing context), 1..4: the most sensitive kind of data concerned, adjusted
 *    for the context (vulnerable people such as children raise it; data already public lowers it).
 *  - EI (ease of identification): 0.25 negligible, 0.5 limited, 0.75 significant, 1 maximum.
 *  - CB (circumstances of the breach), added: confidentiality (+0.25 known / +0.5 unknown
 *    recipients), integrity (+0.25 recoverable / +0.5 not), availability (+0.25 temporary /
 *    +0.5 permanent), malicious intent (+0.5).
 *  - Bands: low < 2, medium < 3, high < 4, very high >= 4.
 */
export type Band = "low" | "medium" | "high" | "very_high";

type Category = BreachAssessmentBody["dataCategories"][number];

const BASE: Record<Category, { score: number; kind: string }> = {
  basic: { score: 1, kind: "simple data (e.g. names, education history)" },
  contact: { score: 1, kind: "simple data (contact details)" },
  identity: { score: 1, kind: "simple data (identity details)" },
  behavioural: { score: 2, kind: "behavioural data (habits, preferences, traffic data)" },
  location: { score: 2, kind: "behavioural data (location)" },
  financial: { score: 3, kind: "financial data" },
  // Credentials open accounts that hold any kind of data; ENISA's examples treat data that
  // enables fraud or account takeover like financial data.
  credentials: { score: 3, kind: "credentials (enable account takeover and fraud, scored like financial data)" },
  special: { score: 4, kind: "sensitive data (health, beliefs, sexual life, Art. 9 categories)" },
  criminal: { score: 4, kind: "sensitive data (criminal convictions and offences, Art. 10)" },
  children: { score: 1, kind: "data about children" },
};

export const EI_VALUES = { negligible: 0.25, limited: 0.5, significant: 0.75, maximum: 1 } as const;
const CB_VALUES = {
  confidentiality: { none: 0, known_recipients: 0.25, unknown_recipients: 0.5 },
  integrity: { none: 0, recoverable: 0.25, unrecoverable: 0.5 },
  availability: { none: 0, temporary: 0.25, permanent: 0.5 },
} as const;

export interface SeverityResult {
  score: number;
  band: Band;
  factors: {
    dpc: { base: number; baseReason: string; adjustments: { delta: number; reason: string }[]; value: number };
    ei: { level: keyof typeof EI_VALUES; value: number };
    cb: { confidentiality: number; integrity: number; availability: number; malicious: number; total: number };
  };
  explanation: string[];
}

export function bandOf(score: number): Band {
  return score < 2 ? "low" : score < 3 ? "medium" : score < 4 ? "high" : "very_high";
}

const round = (n: number) => Math.round(n * 100) / 100;

export function scoreSeverity(a: Pick<BreachAssessmentBody, "dataCategories" | "easeOfIdentification" | "circumstances" | "mitigations" | "approxSubjects">): SeverityResult {
  const categories = a.dataCategories.length ? a.dataCategories : (["basic"] as Category[]);
  const top = categories.reduce((best, c) => (BASE[c].score > BASE[best].score ? c : best), categories[0]);
  const base = BASE[top].score;
  const adjustments: { delta: number; reason: string }[] = [];
  if (categories.includes("children") && base < 4)
    adjustments.push({ delta: 1, reason: "The people concerned include children (vulnerable individuals), which raises the impact." });
  if (a.mitigations?.alreadyPublic && base > 1)
    adjustments.push({ delta: -1, reason: "The data was already publicly available, which lowers the impact of its disclosure." });
  const dpc = Math.min(4, Math.max(1, base + adjustments.reduce((s, x) => s + x.delta, 0)));
  const ei = EI_VALUES[a.easeOfIdentification];
  const c = a.circumstances ?? { confidentiality: "none", integrity: "none", availability: "none", malicious: false };
  const cb = {
    confidentiality: CB_VALUES.confidentiality[c.confidentiality],
    integrity: CB_VALUES.integrity[c.integrity],
    availability: CB_VALUES.availability[c.availability],
    malicious: c.malicious ? 0.5 : 0,
    total: 0,
  };
  cb.total = round(cb.confidentiality + cb.integrity + cb.availability + cb.malicious);
  const score = round(dpc * ei + cb.total);
  const band = bandOf(score);
  const explanation = [
    `Data processing context (DPC) ${dpc}: the most sensitive data concerned is ${BASE[top].kind}, base score ${base}${adjustments.length ? `, adjusted: ${adjustments.map((x) => `${x.delta > 0 ? "+" : ""}${x.delta} (${x.reason})`).join("; ")}` : ""}.`,
    `Ease of identification (EI) ${ei}: identifying the people from the data is ${a.easeOfIdentification}.`,
    `Circumstances of the breach (CB) ${cb.total}: confidentiality +${cb.confidentiality}, integrity +${cb.integrity}, availability +${cb.availability}, malicious intent +${cb.malicious}.`,
    `Severity SE = DPC × EI + CB = ${dpc} × ${ei} + ${cb.total} = ${score}: ${band.replace("_", " ")} (low < 2, medium < 3, high < 4, very high ≥ 4).`,
  ];
  return { score, band, factors: { dpc: { base, baseReason: BASE[top].kind, adjustments, value: dpc }, ei: { level: a.easeOfIdentification, value: ei }, cb }, explanation };
}
