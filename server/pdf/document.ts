import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
const TTF = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

/** The embedded fonts (DejaVu Sans): every glyph of sv, nb and en text and the arrows and dashes we print ("→", "–", "å", "ø"). */
export const REGULAR = "Vakt";
export const BOLD = "Vakt-Bold";

/**
 * A new A4 PDF with the fonts embedded (the standard PDF fonts have no "→" and print garbage for
 * it), and the finished file as a promise.
 */
export function pdfDocument(opts: { margin: number; title: string }): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: "A4", margin: opts.margin, info: { Title: opts.title, Author: "Vakt" } });
  doc.registerFont(REGULAR, path.join(TTF, "DejaVuSans.ttf"));
  doc.registerFont(BOLD, path.join(TTF, "DejaVuSans-Bold.ttf"));
  doc.font(REGULAR);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  return { doc, done };
}
