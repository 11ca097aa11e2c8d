import path from "node:path";
import { docLanguage, formatLocalDateTime } from "../../shared/breach/localTime.js";
import { languageOf } from "../../shared/i18n/index.js";
import { createMailRenderer } from "../mail/render.js";

export { languageOf, type Language } from "../../shared/i18n/index.js";

const notices = createMailRenderer(path.resolve(import.meta.dirname, "templates"));

/**
 * Renders `templates/<name>.subject.hbs` and `<name>.text.hbs`: one template for every language,
 * each text from shared/i18n/locales/<lang>/notice.json through the `t` helper. Strict: a field
 * missing from `data` is an error rather than a silent gap in a legal notice. Both parts are plain
 * text; the HTML part is made from the text when the notice is sent.
 */
export function renderText(name: string, lang: string, data: Record<string, unknown>): { subject: string; text: string } {
  const r = notices.renderText(name, data, { lang: languageOf(lang) });
  return { subject: r.subject, text: r.text.replace(/\n{3,}/g, "\n\n").trim() + "\n" };
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
