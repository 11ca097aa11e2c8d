/** Words for the breach vocabulary (display only; the rules live in shared/breach), read in the language shown. */
import i18next from "i18next";
import type { DpcFactor } from "../../../shared/breach/severity.js";
import type { VulnerableGroup } from "../../../shared/breach/vulnerable.js";
import { DPC_FACTORS, VULNERABLE_GROUPS } from "../../../shared/schemas/breach.js";
import { translatedLabels } from "../i18n.js";
import type { Band, BreachType, Circumstances, DataCategory, Ease, EnisaKind, Language, Mitigations, ObligationStatus } from "./types.js";

export const BAND_LABELS = translatedLabels<Band>(["low", "medium", "high", "very_high"], (k) => i18next.t(`breach:band.${k}`));

export const BREACH_TYPE_LABELS = translatedLabels<BreachType>(["confidentiality", "integrity", "availability"], (k) => i18next.t(`breach:breachType.${k}`));
/** The short name of a breach type (the part before the dash). */
export const BREACH_TYPE_SHORT = translatedLabels<BreachType>(["confidentiality", "integrity", "availability"], (k) => i18next.t(`breach:breachTypeShort.${k}`));

const CATEGORIES: DataCategory[] = [
  "basic", "contact", "identity", "nationalId", "financial", "credentials", "location", "behavioural", "special", "criminal", "children",
];
export const DATA_CATEGORY_LABELS = translatedLabels(CATEGORIES, (k) => i18next.t(`breach:dataCategory.${k}`));

const EASES: Ease[] = ["negligible", "limited", "significant", "maximum"];
export const EASE_LABELS = translatedLabels(EASES, (k) => i18next.t(`breach:ease.${k}`));
export const EASE_HINTS = translatedLabels(EASES, (k) => i18next.t(`breach:easeHint.${k}`));

export const CONFIDENTIALITY_LABELS = translatedLabels<Circumstances["confidentiality"]>(["none", "known_recipients", "unknown_recipients"],
  (k) => i18next.t(`breach:confidentiality.${k}`));
export const INTEGRITY_LABELS = translatedLabels<Circumstances["integrity"]>(["none", "recoverable", "unrecoverable"],
  (k) => i18next.t(`breach:integrity.${k}`));
export const AVAILABILITY_LABELS = translatedLabels<Circumstances["availability"]>(["none", "temporary", "permanent"],
  (k) => i18next.t(`breach:availability.${k}`));

const MITIGATIONS: (keyof Mitigations)[] = [
  "encrypted", "backupRestored", "recipientTrusted", "dataRetrievedOrDeleted", "highRiskNoLongerLikely", "disproportionateEffort", "alreadyPublic",
];
export const MITIGATION_LABELS = translatedLabels(MITIGATIONS, (k) => i18next.t(`breach:mitigation.${k}`));

/** Who the people are (structured; the free text only suggests). */
export const VULNERABLE_GROUP_LABELS = translatedLabels<VulnerableGroup>(VULNERABLE_GROUPS, (k) => i18next.t(`breach:vulnerable.${k}`));

export const OBLIGATION_STATUS_LABELS = translatedLabels<ObligationStatus>(["pending", "done", "waived"], (k) => i18next.t(`breach:obligationStatus.${k}`));

export const LANGUAGE_LABELS = translatedLabels<Language>(["en", "sv", "nb"], (k) => i18next.t(`breach:language.${k}`));

export const yesNo = (b: boolean) => i18next.t(b ? "breach:yes" : "breach:no");
/** A score change with its sign: +1, −2 (a true minus sign). */
export const signed = (n: number) => `${n < 0 ? "−" : "+"}${Math.abs(n)}`;

const ASSESSMENT_FIELDS = [
  "awareAt", "types", "dataCategories", "subjectCategories", "vulnerableGroups", "vulnerableOther", "awareAtChangeReason", "approxSubjects",
  "approxRecords", "easeOfIdentification", "circumstances", "mitigations", "contextAdjustments", "credentialsOpen", "nis2Significant", "summary",
  "likelyConsequences", "occurredAt", "ceasedAt", "dataLocation", "subjectCountries",
] as const;
const ASSESSMENT_FIELD_NAMES = translatedLabels(ASSESSMENT_FIELDS, (k) => i18next.t(`breach:field.${k}`));
/** An assessment field in words, for "what is needed" and for server issues on fields without a control; unknown ones as given. */
export const assessmentFieldLabel = (field: string): string =>
  (ASSESSMENT_FIELDS as readonly string[]).includes(field) ? ASSESSMENT_FIELD_NAMES[field as (typeof ASSESSMENT_FIELDS)[number]] : field;

/** ENISA's context factors of the data processing context (DPC). */
export const DPC_FACTOR_LABELS = translatedLabels<DpcFactor>(DPC_FACTORS, (k) => i18next.t(`breach:dpcFactor.${k}`));
export const DPC_FACTOR_HINTS = translatedLabels<DpcFactor>(DPC_FACTORS, (k) => i18next.t(`breach:dpcFactorHint.${k}`));

const ENISA_KINDS: EnisaKind[] = ["simple", "behavioural", "financial", "sensitive"];
export const ENISA_KIND_LABELS = translatedLabels(ENISA_KINDS, (k) => i18next.t(`breach:enisaKind.${k}`));

/** What breached credentials open, with "not known" first so a choice can be taken back. */
export const CREDENTIALS_OPEN_LABELS = translatedLabels<EnisaKind | "">(["", ...ENISA_KINDS],
  (k) => (k === "" ? i18next.t("breach:credentialsNotKnown") : ENISA_KIND_LABELS[k]));
