import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { marked, type Token, type Tokens } from "marked";
import { BOLD, pdfDocument, REGULAR } from "../pdf/document.js";
import type { ReviewView } from "./presenter.js";

export const DEFAULT_REVIEW_TEMPLATE = path.resolve(import.meta.dirname, "templates/review.md.hbs");

const hbs = Handlebars.create();
hbs.registerHelper("date", (v: unknown) => (typeof v === "string" && v ? `${v.slice(0, 16).replace("T", " ")} UTC` : "—"));
hbs.registerHelper("hours", (v: unknown) => (typeof v === "number" ? `${v}` : "unknown"));
hbs.registerHelper("join", (v: unknown) => (Array.isArray(v) ? v.join(", ") : ""));
hbs.registerHelper("inc", (v: number) => v + 1);
hbs.registerHelper("or", (a: unknown, b: unknown) => (a === null || a === undefined || a === "" ? b : a));
hbs.registerHelper("outcome", (o: { outcome: string; marginHours: number | null; waivedReason: string | null }) => {
  const h = o.marginHours === null ? "" : `${Math.abs(o.marginHours)} h`;
  switch (o.outcome) {
    case "met": return `met, ${h} early`;
    case "missed": return `missed, ${h} late`;
    case "overdue": return `pending, ${h} overdue`;
    case "pending": return `pending, ${h} left`;
    case "waived": return `waived: ${o.waivedReason ?? ""}`;
    default: return o.outcome;
  }
});

const compiled = new Map<string, { stamp: string; fn: HandlebarsTemplateDelegate }>();

/** The review as Markdown, from a Handlebars template file (REVIEW_TEMPLATE replaces the shipped one). */
export function reviewMarkdown(review: ReviewView, templateFile = DEFAULT_REVIEW_TEMPLATE): string {
  // Recompiled when the file changes, so a replaced template takes effect without a restart.
  const { mtimeMs, size } = fs.statSync(templateFile);
  const stamp = `${mtimeMs}:${size}`;
  let entry = compiled.get(templateFile);
  if (!entry || entry.stamp !== stamp) {
    entry = { stamp, fn: hbs.compile(fs.readFileSync(templateFile, "utf8"), { noEscape: true }) };
    compiled.set(templateFile, entry);
  }
  return entry.fn(review, { allowProtoPropertiesByDefault: false });
}

type Doc = PDFKit.PDFDocument;

/** Inline tokens as runs of text with bold/code styling. */
function inline(doc: Doc, tokens: Token[] | undefined, fallback: string, opts: { continued?: boolean } = {}) {
  const runs: { text: string; font: string }[] = [];
  const walk = (ts: Token[], bold: boolean) => {
    for (const t of ts) {
      if (t.type === "strong") walk((t as Tokens.Strong).tokens, true);
      else if (t.type === "em") walk((t as Tokens.Em).tokens, bold);
      else if (t.type === "codespan") runs.push({ text: (t as Tokens.Codespan).text, font: "Courier" });
      else if (t.type === "br") runs.push({ text: "\n", font: REGULAR });
      else if ("tokens" in t && Array.isArray(t.tokens) && t.tokens.length) walk(t.tokens, bold);
      else runs.push({ text: "text" in t ? String(t.text) : t.raw, font: bold ? BOLD : REGULAR });
    }
  };
  walk(tokens?.length ? tokens : [{ type: "text", raw: fallback, text: fallback } as Token], false);
  const text = (s: string) => s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  runs.forEach((r, i) => doc.font(r.font).text(text(r.text), { continued: i < runs.length - 1 || opts.continued }));
}

/** Renders Markdown (as the template produces it) to a PDF with pdfkit: headings, paragraphs, lists, tables. */
export function markdownPdf(markdown: string, title: string): Promise<Buffer> {
  const { doc, done } = pdfDocument({ margin: 50, title });
  for (const t of marked.lexer(markdown)) {
    switch (t.type) {
      case "heading": {
        const h = t as Tokens.Heading;
        doc.moveDown(h.depth === 1 ? 0 : 0.6).font(BOLD).fontSize(h.depth === 1 ? 16 : 12).text(h.text);
        doc.fontSize(10).moveDown(0.2);
        break;
      }
      case "paragraph":
        doc.fontSize(10);
        inline(doc, (t as Tokens.Paragraph).tokens, (t as Tokens.Paragraph).text);
        doc.moveDown(0.4);
        break;
      case "list": {
        const l = t as Tokens.List;
        l.items.forEach((item, i) => {
          doc.fontSize(10).font(REGULAR).text(l.ordered ? `${Number(l.start || 1) + i}. ` : "• ", { continued: true });
          const para = item.tokens.find((x) => x.type === "text" || x.type === "paragraph") as Tokens.Text | undefined;
          inline(doc, para?.tokens, item.text);
        });
        doc.moveDown(0.4);
        break;
      }
      case "table": {
        const tb = t as Tokens.Table;
        const cells = (row: Tokens.TableCell[]) => row.map((c) => c.text.replace(/\*\*/g, "")).join("  |  ");
        const header = cells(tb.header);
        if (header.replace(/[\s|]/g, "")) doc.font(BOLD).fontSize(9).text(header);
        doc.font(REGULAR).fontSize(9);
        for (const row of tb.rows) doc.text(cells(row));
        doc.fontSize(10).moveDown(0.4);
        break;
      }
      case "code":
        doc.font("Courier").fontSize(8).text((t as Tokens.Code).text).fontSize(10).moveDown(0.4);
        break;
      case "hr":
        doc.moveDown(0.3);
        break;
      default:
        if ("text" in t && typeof t.text === "string" && t.text.trim()) doc.font(REGULAR).fontSize(10).text(t.text);
    }
  }
  doc.end();
  return done;
}
