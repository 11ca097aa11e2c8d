import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { docLanguage, formatLocalDateTime } from "../../shared/breach/localTime.js";
import { LANGUAGES } from "../../shared/schemas/organization.js";

export type Language = (typeof LANGUAGES)[number];
export type Labels = {
  locale: string;
  unknown: string;
  none: string;
  phases: Record<string, string>;
  incidentStatus: Record<string, string>;
  types: Record<string, string>;
  dataCategories: Record<string, string>;
  actionStatus: Record<string, string>;
  unknowns: Record<string, string>;
  changes: Record<string, string>;
  /** Our advice to the controller (facts.ts NoticeAdvice): a sentence per decision, and short words for the changes. */
  advice: { pending: string; authority: Record<string, string>; people: Record<string, string>; short: Record<string, string> };
  /** The deadlines section added when the notice is sent ("{name}" placeholders; service.ts deadlineSection). */
  deadlines: Record<"heading" | "processor" | "controllerInitial" | "controllerLater", string>;
  /** The line under the notice in the mail; the link page's own texts are in ackTexts.ts. */
  ack: Record<"link", string>;
};

const DIR = path.resolve(import.meta.dirname, "templates");
const hb = Handlebars.create();
const templates = new Map<string, HandlebarsTemplateDelegate>();
const labelCache = new Map<string, Labels>();

/** The controller's language, or English for anything the templates do not ship. */
export function languageOf(lang: string | null | undefined): Language {
  return (LANGUAGES as readonly string[]).includes(lang ?? "") ? (lang as Language) : "en";
}

/** Words and phrases of one language (server/notices/templates/<lang>/labels.json). */
export function labels(lang: string): Labels {
  const l = languageOf(lang);
  let found = labelCache.get(l);
  if (!found) {
    found = JSON.parse(fs.readFileSync(path.join(DIR, l, "labels.json"), "utf8")) as Labels;
    labelCache.set(l, found);
  }
  return found;
}

/** "{name}" placeholders filled from `vars` (label strings are data, not templates). */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/**
 * Renders `<lang>/<name>.subject.hbs` and `<lang>/<name>.text.hbs`. Strict: a field missing
 * from `data` is an error rather than a silent gap in a legal notice. Nothing is HTML-escaped:
 * both parts are plain text; the HTML part is made from the text when the notice is sent.
 */
export function renderText(name: string, lang: string, data: object): { subject: string; text: string } {
  const run = (part: "subject" | "text") => {
    const file = path.join(languageOf(lang), `${name}.${part}.hbs`);
    let t = templates.get(file);
    if (!t) {
      t = hb.compile(fs.readFileSync(path.join(DIR, file), "utf8"), { strict: true, noEscape: true });
      templates.set(file, t);
    }
    return t(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  };
  return { subject: run("subject").replace(/\s+/g, " ").trim(), text: run("text").replace(/\n{3,}/g, "\n\n").trim() + "\n" };
}

/**
 * An instant in the reader's language on the wall clock of the reader's zone (`zoneOfCountry`),
 * the zone named: the one date-time format of every notice, reminder and link page.
 */
export function formatDate(iso: string, zone: string, lang: string): string {
  return formatLocalDateTime(iso, zone, docLanguage(languageOf(lang)));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The HTML part of a notice: the same text, escaped, paragraphs kept, links clickable. */
export function textToHtml(text: string, lang: string, title: string): string {
  const isHeading = (line: string) => line.length >= 6 && /\p{Lu}/u.test(line) && line === line.toUpperCase();
  const inline = (line: string) => escapeHtml(line).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  const paragraphs = text.trim().split(/\n\s*\n/).map((p) => {
    const lines = p.split("\n");
    const heading = isHeading(lines[0].trim()) ? `<h3 style="font-size:1em;margin:1.2em 0 0.3em">${inline(lines.shift()!.trim())}</h3>\n` : "";
    return `${heading}${lines.length ? `<p style="margin:0 0 0.8em">${lines.map(inline).join("<br>\n")}</p>` : ""}`;
  });
  return `<!doctype html>\n<html lang="${escapeHtml(languageOf(lang))}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body style="font-family: system-ui, sans-serif; color: #111; line-height: 1.45; max-width: 46em">\n${paragraphs.join("\n")}\n</body></html>\n`;
}

export { escapeHtml };
