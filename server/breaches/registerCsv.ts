import { DateTime } from "luxon";
import type { RegisterEntry } from "../../shared/schemas/register.js";
import { translator, type Language, type Translate } from "../../shared/i18n/index.js";
import { VALUE_WORDS } from "../../shared/breach/authorityForms.js";
import { OBLIGATION_RULES } from "../../shared/breach/obligations.js";
import { zoneName } from "../../shared/breach/localTime.js";

/**
 * The Art. 33(5) register as a CSV a person reads (RFC 4180, CRLF): headings and values in one
 * language, times on the reader's wall clock with the zone named in the heading, no enum codes.
 * The JSON format stays the machine form (ISO instants, codes).
 */
export interface RegisterReader {
  lang: Language;
  zone: string;
}

/** Compact, sortable-enough cell times; "kl. 14.30" is the Swedish and Norwegian house style (shared/breach/localTime.ts). */
const LOCALES: Record<Language, string> = { sv: "sv-SE", nb: "nb-NO", en: "en-GB" };
const CELL_TIME: Record<Language, string> = { sv: "yyyy-MM-dd 'kl.' HH.mm", nb: "dd.MM.yyyy 'kl.' HH.mm", en: "d MMM yyyy HH:mm" };

interface Words {
  t: Translate;
  lang: Language;
  time: (iso: string | null | undefined) => string;
  yesNo: (b: boolean | null | undefined) => string;
  value: (code: string) => string;
  list: (items: string[]) => string;
  number: (n: number) => string;
}

function wordsFor({ lang, zone }: RegisterReader): Words {
  const t = translator(lang);
  const values = VALUE_WORDS[lang];
  return {
    t, lang,
    time: (iso) => (iso ? DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).setLocale(LOCALES[lang]).toFormat(CELL_TIME[lang]) : ""),
    yesNo: (b) => (b === undefined || b === null ? "" : t(b ? "register:value.yes" : "register:value.no")),
    value: (code) => values[code] ?? code,
    list: (items) => items.join(" | "),
    number: (n) => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 }).format(n),
  };
}

/** The name a resolved creditor ("Quay School (controller)") was made from, by reading the rule's template backwards. */
function creditorName(code: string, creditor: string): string {
  const template = OBLIGATION_RULES.find((r) => r.code === code)?.creditor;
  if (!template) return creditor;
  const pattern = template.replace(/[.*+?^$()[\]\\|]/g, "\\$&").replace(/\{(organization|recipient)\}/, "(.+)");
  return new RegExp(`^${pattern}$`).exec(creditor)?.[1] ?? creditor;
}

function obligationText(w: Words, o: RegisterEntry["obligations"][number]): string {
  const known = OBLIGATION_RULES.some((r) => r.code === o.code);
  const what = known ? w.t(`register:obligation.${o.code}.title`) : `${o.article} ${o.title}`;
  const to = known ? w.t(`register:obligation.${o.code}.creditor`, { name: creditorName(o.code, o.creditor) }) : o.creditor;
  const head = w.t("register:phrase.obligation", { what, to, due: w.time(o.dueAt) });
  const by = o.decidedBy ? ` (${o.decidedBy.name})` : "";
  if (o.obsolete && o.status === "pending") return `${head}: ${w.t("register:outcome.obsolete")}`;
  if (o.status === "done") {
    const met = w.t(o.metOnTime ? "register:outcome.metOnTime" : "register:outcome.metLate", { at: w.time(o.satisfiedAt) });
    return `${head}: ${met}${by}${o.note ? ` – ${o.note}` : ""}`;
  }
  if (o.status === "waived") return `${head}: ${w.t("register:outcome.waived")}${by} – ${o.waivedReason ?? ""}`;
  return `${head}: ${w.t(Date.parse(o.dueAt) < Date.now() ? "register:outcome.overdue" : "register:outcome.pending")}`;
}

function controllerDecisionText(w: Words, o: RegisterEntry["affectedOrganizations"][number]): string {
  const d = o.decision!;
  const reported = d.reportedToAuthority
    ? w.t("register:phrase.reportedTo", { authority: d.authority ?? "?" })
      + (d.caseReference ? ` ${w.t("register:phrase.case", { reference: d.caseReference })}` : "")
      + (d.reportedAt ? ` ${w.t("register:phrase.at", { at: w.time(d.reportedAt) })}` : "")
    : w.t("register:phrase.notReported");
  const informs = d.notifySubjects === null ? w.t("register:phrase.notSaid") : w.yesNo(d.notifySubjects);
  return `${o.name}: ${reported}; ${w.t("register:phrase.informsSubjects", { answer: informs, at: w.time(d.decidedAt) })}`;
}

function art34Text(w: Words, a: RegisterEntry["art34"][number]): string {
  const by = a.decidedBy ? ` ${w.t("register:phrase.decidedBy", { name: a.decidedBy.name })}` : "";
  if (!a.communicate) {
    const exception = a.exception ? ` (${w.t(`register:exception.${a.exception}`)})` : "";
    return `${a.organization}: ${w.t("register:phrase.notCommunicated")}${exception}${a.reason ? ` – ${a.reason}` : ""}${by}`;
  }
  const channels = a.channels.map((c) => w.t(`register:channel.${c}`)).join(", ") || w.t("register:phrase.noChannel");
  const when = a.communicatedAt ? ` ${w.t("register:phrase.at", { at: w.time(a.communicatedAt) })}` : "";
  const count = a.approxCount !== null ? `, ${w.t("register:phrase.aboutPeople", { count: a.approxCount })}` : "";
  return `${a.organization}: ${channels}${when}${count}${by}`;
}

function supplementText(w: Words, x: RegisterEntry["supplements"][number]): string {
  const what = x.kind === "authority-report" ? w.t(`register:reportPhase.${x.phase}`) : w.t(`register:noticePhase.${x.phase}`);
  const reference = x.reference ? ` ${w.t("register:phrase.case", { reference: x.reference })}` : "";
  return `${w.time(x.sentAt)}: ${w.t("register:phrase.sentTo", { what, to: x.to })}${reference}`;
}

function decisionText(w: Words, d: RegisterEntry["decisions"][number]): string {
  const by = d.decidedBy ? ` (${d.decidedBy.name})` : "";
  const against = d.againstRecommendation ? ` ${w.t("register:phrase.againstRecommendation")}` : "";
  const what = w.t("register:phrase.decision", { authority: w.yesNo(d.notifyAuthority), subjects: w.yesNo(d.notifyDataSubjects) });
  return `${w.time(d.at)}${by}: ${what}${against}${d.rationale ? ` – ${d.rationale}` : ""}`;
}

function awarenessText(w: Words, c: NonNullable<RegisterEntry["awareness"]>["changes"][number]): string {
  const later = c.laterThanFirst ? ` ${w.t("register:phrase.laterThanFirst")}` : "";
  const change = w.t("register:phrase.awarenessMoved", { from: w.time(c.from), to: w.time(c.to) });
  return `${w.time(c.at)} ${c.by ?? w.t("register:phrase.unknownPerson")}: ${change}${later} – ${c.reason ?? w.t("register:phrase.noReason")}`;
}

const recommendationOf = (e: RegisterEntry) => e.recommendation as { notifyAuthority: boolean; notifyDataSubjects: boolean; reasons: string[] } | null;

type Column = [key: string, cell: (e: RegisterEntry, w: Words) => unknown, timed?: true];

const COLUMNS: Column[] = [
  ["reference", (e) => e.reference],
  ["title", (e) => e.title],
  ["status", (e, w) => w.t(`register:incidentStatus.${e.status}`)],
  ["detected_at", (e, w) => w.time(e.detectedAt), true],
  ["aware_at", (e, w) => w.time(e.awareAt), true],
  ["entry_status", (e, w) => w.t(`register:entryStatus.${e.entry.status}`)],
  ["entry_reason", (e) => e.entry.reason],
  ["entry_decided_by", (e) => e.entry.decidedBy?.name],
  ["entry_decided_at", (e, w) => w.time(e.entry.decidedAt), true],
  ["entry_version", (e) => e.entry.version],
  ["first_aware_at", (e, w) => w.time(e.awareness?.firstAwareAt), true],
  ["aware_at_moved_later", (e, w) => w.yesNo(e.awareness?.movedLater)],
  ["awareness_changes", (e, w) => w.list((e.awareness?.changes ?? []).filter((c) => c.from).map((c) => awarenessText(w, c)))],
  ["description", (e) => e.facts.description],
  ["summary", (e) => e.facts.summary],
  ["cause", (e) => e.facts.cause],
  ["types", (e, w) => e.facts.types.map(w.value).join(", ")],
  ["data_categories", (e, w) => e.effects.dataCategories.map(w.value).join(", ")],
  ["subject_categories", (e, w) => w.list(e.effects.subjectCategories)],
  ["approx_subjects", (e) => e.effects.approxSubjects],
  ["approx_records", (e) => e.effects.approxRecords],
  ["severity_score", (e, w) => (e.effects.severity ? w.number(e.effects.severity.score) : "")],
  ["severity_band", (e, w) => (e.effects.severity ? w.value(e.effects.severity.band) : "")],
  ["impact", (e) => e.effects.impact],
  ["likely_consequences", (e) => e.effects.likelyConsequences],
  ["remedial_actions", (e, w) => w.list(e.remedialActions.map((a) => {
    const by = a.doneBy ? `, ${a.doneBy.name}` : "";
    return `${a.title} (${w.t(`register:actionStatus.${a.status}`)}${by}${a.note ? `: ${a.note}` : ""})`;
  }))],
  ["affected_organizations", (e, w) => w.list(e.affectedOrganizations.map((o) => o.name))],
  ["controllers_reported_to_authority", (e) => e.affectedOrganizations.filter((o) => o.decision?.reportedToAuthority).length],
  ["controller_decisions", (e, w) => w.list(e.affectedOrganizations.filter((o) => o.decision).map((o) => controllerDecisionText(w, o)))],
  ["assessment_versions", (e) => e.assessments],
  ["recommended_notify_authority", (e, w) => w.yesNo(recommendationOf(e)?.notifyAuthority)],
  ["recommended_notify_data_subjects", (e, w) => w.yesNo(recommendationOf(e)?.notifyDataSubjects)],
  ["recommendation_reasons", (e, w) => w.list(recommendationOf(e)?.reasons ?? [])],
  ["decision_notify_authority", (e, w) => w.yesNo(e.decisions.at(-1)?.notifyAuthority)],
  ["decision_notify_data_subjects", (e, w) => w.yesNo(e.decisions.at(-1)?.notifyDataSubjects)],
  ["decisions", (e, w) => w.list(e.decisions.map((d) => decisionText(w, d)))],
  ["obligations", (e, w) => w.list(e.obligations.map((o) => obligationText(w, o)))],
  ["art34_communication", (e, w) => w.list(e.art34.map((a) => art34Text(w, a)))],
  ["supplements_sent", (e, w) => w.list(e.supplements.map((x) => supplementText(w, x)))],
];

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with a quote. */
function cell(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v as string | number);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** The heading line; timed columns name the zone ("Upptäckt (svensk tid)"). */
export function registerCsvHeader(reader: RegisterReader): string {
  const w = wordsFor(reader);
  const zone = zoneName(reader.zone, reader.lang);
  return COLUMNS.map(([key, , timed]) => cell(timed ? `${w.t(`register:column.${key}`)} (${zone})` : w.t(`register:column.${key}`))).join(",") + "\r\n";
}

/** One line per entry; list cells join their items with " | ". */
export function registerCsvRows(entries: RegisterEntry[], reader: RegisterReader): string {
  const w = wordsFor(reader);
  return entries.map((e) => COLUMNS.map(([, get]) => cell(get(e, w))).join(",") + "\r\n").join("");
}

export function registerCsv(entries: RegisterEntry[], reader: RegisterReader): string {
  return registerCsvHeader(reader) + registerCsvRows(entries, reader);
}
