import PDFDocument from "pdfkit";
import type { NoticeView } from "../../shared/schemas/notice.js";

/** The notice as an A4 PDF (pdfkit, as the authority reports): what the controller received, word for word. */
export function noticePdf(n: NoticeView): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: `${n.subject}`, Author: "Vakt" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.font("Helvetica-Bold").fontSize(13).text(n.subject);
  doc.font("Helvetica").fontSize(9).fillColor("#444")
    .text(`${n.reference} · ${n.organization} · ${n.phase} · ${n.status}${n.sentAt ? ` · ${n.sentAt}` : ""}${n.acknowledgedAt ? ` · acknowledged ${n.acknowledgedAt}` : ""}`)
    .moveDown();
  doc.fillColor("#000").fontSize(10).text(n.body, { paragraphGap: 2 });
  doc.end();
  return done;
}
