/**
 * NIS2 incident-reporting rule sets per jurisdiction, as data. Each rule cites its source; the
 * facts were collected in ../shared/reference/nis2-national.md and checked against the texts
 * named in `source`. The vendor entity's jurisdiction is chosen by configuration
 * (NIS2_JURISDICTION) or else by the vendor organisation's country (`jurisdictionFor`).
 */

export const JURISDICTIONS = ["EU", "SE", "NO"] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
export type Lang = "en" | "sv" | "nb";
export type Texts = Record<Lang, string>;

/** What a report is, in the Directive's sequence (Art. 23(4)(a)-(e)) plus the recipients' information (Art. 23(1)). */
export type Nis2ReportKind = "early-warning" | "notification" | "intermediate" | "final" | "progress" | "recipients";

export type Nis2Deadline =
  /** Hours after the entity became aware of the significant incident. */
  | { from: "awareAt"; hours: number }
  /** Calendar months after the incident notification was made (or, until it is, after it was due). */
  | { from: "notification"; months: number }
  /** Calendar months after the incident was handled (Art. 23(4)(e)). */
  | { from: "handledAt"; months: number }
  /** The date the CSIRT or authority gave in its request (Art. 23(4)(c)). */
  | { from: "request" };

export interface Nis2Rule {
  /** Stable obligation code; per-request rules get ":<requestId>" in their key. */
  code: string;
  kind: Nis2ReportKind;
  /** Short citation shown with the obligation, e.g. "NIS2 Art. 23(4)(a)". */
  article: string;
  /** The full source text this rule is taken from. */
  source: string;
  title: Texts;
  deadline: Nis2Deadline;
  requiredContent: string[];
}

export interface Nis2RuleSet {
  jurisdiction: Jurisdiction;
  name: Texts;
  /** The law and its implementing acts. */
  law: string;
  /** The first day (ISO date, vendor time) the rule set applies to awareness on or after. */
  inForceFrom: string | null;
  /** Who receives the reports. */
  recipient: Texts;
  /** How "significant" is judged in this jurisdiction (see significance.ts). */
  significance: "nis2-art-23-3" | "nis1-service-impact";
  rules: Nis2Rule[];
}

const EARLY_WARNING_CONTENT = [
  "Whether the significant incident is suspected of being caused by unlawful or malicious acts",
  "Whether it could have a cross-border impact",
];
const NOTIFICATION_CONTENT = [
  "An update of the early warning",
  "An initial assessment of the incident, including its severity and impact",
  "Indicators of compromise, where available",
];
const INTERMEDIATE_CONTENT = ["Relevant status updates, as the CSIRT or competent authority requested"];
const FINAL_CONTENT = [
  "A detailed description of the incident, including its severity and impact",
  "The type of threat or root cause that is likely to have triggered the incident",
  "Applied and ongoing mitigation measures",
  "Where applicable, the cross-border impact of the incident",
  "If the incident is still ongoing when this falls due, send a progress report instead and record when it was handled (Art. 23(4)(e))",
];
const PROGRESS_CONTENT = ["The state of the incident and of its handling, as far as known (the final report follows one month after handling)"];
const RECIPIENTS_CONTENT = [
  "That a significant incident is likely to adversely affect the provision of the service",
  "Any measures or remedies the recipients can take in response",
];

const NIS2 = "Directive (EU) 2022/2555 (NIS2)";

/** The Directive's own sequence; Sweden's law transposes it unchanged in substance. */
function nis2Rules(cite: (point: string) => { article: string; source: string }): Nis2Rule[] {
  return [
    {
      code: "nis2-23-early-warning", kind: "early-warning", ...cite("23(4)(a)"), deadline: { from: "awareAt", hours: 24 },
      title: { en: "Early warning", sv: "Tidig varning", nb: "Tidlig varsel" }, requiredContent: EARLY_WARNING_CONTENT,
    },
    {
      code: "nis2-23-notification", kind: "notification", ...cite("23(4)(b)"), deadline: { from: "awareAt", hours: 72 },
      title: { en: "Incident notification", sv: "Incidentanmälan", nb: "Hendelsesmelding" }, requiredContent: NOTIFICATION_CONTENT,
    },
    {
      code: "nis2-23-intermediate", kind: "intermediate", ...cite("23(4)(c)"), deadline: { from: "request" },
      title: { en: "Intermediate report (on request)", sv: "Lägesrapport (på begäran)", nb: "Mellomrapport (på forespørsel)" },
      requiredContent: INTERMEDIATE_CONTENT,
    },
    {
      code: "nis2-23-final-report", kind: "final", ...cite("23(4)(d)"), deadline: { from: "notification", months: 1 },
      title: { en: "Final report", sv: "Slutrapport", nb: "Sluttrapport" }, requiredContent: FINAL_CONTENT,
    },
    {
      code: "nis2-23-progress-report", kind: "progress", ...cite("23(4)(e)"), deadline: { from: "notification", months: 1 },
      title: { en: "Progress report (incident still ongoing)", sv: "Rapport om pågående incident", nb: "Statusrapport (hendelsen pågår fortsatt)" },
      requiredContent: PROGRESS_CONTENT,
    },
    {
      // "Without undue delay" has no figure; the notification's 72 hours keep it within the authority's clock.
      code: "nis2-23-recipients", kind: "recipients", ...cite("23(1) second subparagraph"), deadline: { from: "awareAt", hours: 72 },
      title: { en: "Inform the recipients of the service", sv: "Informera mottagarna av tjänsten", nb: "Informer mottakerne av tjenesten" },
      requiredContent: RECIPIENTS_CONTENT,
    },
  ];
}

const EU: Nis2RuleSet = {
  jurisdiction: "EU",
  name: { en: "EU default (NIS2 Art. 23)", sv: "EU-standard (NIS2 art. 23)", nb: "EU-standard (NIS2 art. 23)" },
  law: NIS2,
  inForceFrom: "2024-10-18",
  recipient: { en: "The CSIRT or competent authority", sv: "CSIRT-enheten eller behörig myndighet", nb: "CSIRT eller vedkommende myndighet" },
  significance: "nis2-art-23-3",
  rules: nis2Rules((point) => ({ article: `NIS2 Art. ${point}`, source: `${NIS2} Art. ${point}` })),
};

const SE_LAW = "Cybersäkerhetslag (2025:1506) 2 kap. 5–8 §§; Cybersäkerhetsförordning (2025:1507) 6 § (reports to the CSIRT unit under 31 §)";

const SE: Nis2RuleSet = {
  jurisdiction: "SE",
  name: { en: "Sweden (Cybersecurity Act 2025:1506)", sv: "Sverige (cybersäkerhetslagen 2025:1506)", nb: "Sverige (cybersäkerhetslagen 2025:1506)" },
  law: "Cybersäkerhetslag (2025:1506) with Cybersäkerhetsförordning (2025:1507), in force 15 January 2026",
  inForceFrom: "2026-01-15",
  recipient: {
    en: "CERT-SE, the Swedish CSIRT unit (cybersäkerhetsförordningen 31 §)",
    sv: "CERT-SE, CSIRT-enheten enligt 31 § cybersäkerhetsförordningen",
    nb: "CERT-SE, den svenske CSIRT-enheten (cybersäkerhetsförordningen 31 §)",
  },
  significance: "nis2-art-23-3",
  rules: nis2Rules((point) => ({
    article: point.startsWith("23(1)") ? "Cybersäkerhetslag (2025:1506) 2 kap.; NIS2 Art. 23(1)" : `Cybersäkerhetslag (2025:1506) 2 kap. 5–8 §§; NIS2 Art. ${point}`,
    source: `${SE_LAW}; transposing ${NIS2} Art. ${point}`,
  })),
};

const NO_LAW = "Lov 20. desember 2023 nr. 108 om digital sikkerhet (digitalsikkerhetsloven) § 8 and § 11; forskrift 20. juni 2025 nr. 1131 (digitalsikkerhetsforskriften)";

const NO: Nis2RuleSet = {
  jurisdiction: "NO",
  name: { en: "Norway (Digital Security Act)", sv: "Norge (digitalsikkerhetsloven)", nb: "Norge (digitalsikkerhetsloven)" },
  law: "Digitalsikkerhetsloven with digitalsikkerhetsforskriften, in force 1 October 2025 (implements NIS1, Directive (EU) 2016/1148, in the EEA)",
  inForceFrom: "2025-10-01",
  recipient: { en: "NSM (Norwegian National Security Authority)", sv: "NSM (Nasjonal sikkerhetsmyndighet)", nb: "NSM (Nasjonal sikkerhetsmyndighet)" },
  significance: "nis1-service-impact",
  rules: [
    {
      code: "no-dsl-varsel", kind: "early-warning", article: "Digitalsikkerhetsloven §§ 8, 11; digitalsikkerhetsforskriften",
      source: `${NO_LAW}: notify NSM without undue delay and within 24 hours of becoming aware (NSM, "Ny digitalsikkerhetslov i Norge", 2025)`,
      deadline: { from: "awareAt", hours: 24 },
      title: { en: "Notification to NSM", sv: "Anmälan till NSM", nb: "Varsel til NSM" },
      requiredContent: [
        "What happened and which service is affected",
        "The impact on the delivery of the service (number of users, duration, geographical spread)",
        "Whether the incident is suspected of being caused by unlawful or malicious acts",
      ],
    },
    {
      code: "no-dsl-oppfolging", kind: "intermediate", article: "Digitalsikkerhetsloven; NSM's request",
      source: `${NO_LAW}: follow-up information NSM or the supervisory authority asks for, by the date it sets`,
      deadline: { from: "request" },
      title: { en: "Follow-up report (on request)", sv: "Uppföljande rapport (på begäran)", nb: "Oppfølgende rapport (på forespørsel)" },
      requiredContent: INTERMEDIATE_CONTENT,
    },
  ],
};

export const RULE_SETS: Record<Jurisdiction, Nis2RuleSet> = { EU, SE, NO };

/**
 * The vendor entity's jurisdiction: the configured one, else the vendor organisation's country
 * (SE, NO), else the EU default (the Directive's own text).
 */
export function jurisdictionFor(args: { configured?: Jurisdiction | null; vendorCountry?: string | null }): Jurisdiction {
  if (args.configured) return args.configured;
  const country = args.vendorCountry?.toUpperCase();
  return country === "SE" || country === "NO" ? country : "EU";
}

export interface SelectedRuleSet {
  ruleSet: Nis2RuleSet;
  /** Why a different rule set than the entity's own was taken, in words; null when it is the entity's own. */
  note: string | null;
}

/**
 * The rule set for an incident the entity became aware of at `awareAt`: the jurisdiction's own
 * once it is in force, else the EU default with a note (earlier national law is not modelled).
 */
export function ruleSetFor(jurisdiction: Jurisdiction, awareAt: string): SelectedRuleSet {
  const own = RULE_SETS[jurisdiction];
  if (!own.inForceFrom || awareAt.slice(0, 10) >= own.inForceFrom) return { ruleSet: own, note: null };
  return {
    ruleSet: EU,
    note: `${own.law} applies to incidents the entity became aware of from ${own.inForceFrom}; the EU default rules are shown instead.`,
  };
}
