import PDFDocument from "pdfkit";
import type { ReportView } from "./presenter.js";

const HEADINGS: Record<string, { missing: string; generated: string; submitted: string; draft: string }> = {
  sv: { missing: "Uppgifter som saknas", generated: "Skapad", submitted: "Inskickad", draft: "Utkast" },
  nb: { missing: "Opplysninger som mangler", generated: "Laget", submitted: "Sendt inn", draft: "Utkast" },
  en: { missing: "Missing information", generated: "Generated", submitted: "Submitted", draft: "Draft" },
};

/** A print-ready A4 PDF of the report (pdfkit: pure JavaScript, no browser or binary needed). */
export function reportPdf(r: ReportView, incidentReference: string): Promise<Buffer> {
  const h = HEADINGS[r.language] ?? HEADINGS.en;
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: `${r.title} ${incidentReference}`, Author: "Vakt" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.font("Helvetica-Bold").fontSize(16).text(r.title);
  doc.font("Helvetica").fontSize(10).fillColor("#444")
    .text(`${r.authorityName} · ${incidentReference} · ${r.phase}`)
    .text(r.submittedAt ? `${h.submitted}: ${r.submittedAt}${r.caseReference ? ` · ${r.caseReference}` : ""}` : h.draft)
    .moveDown();
  for (const f of r.fields) {
    doc.fillColor("#000").font("Helvetica-Bold").fontSize(10).text(f.label);
    doc.font("Helvetica").fontSize(10).text(f.value.trim() || "—", { paragraphGap: 8 });
  }
  if (r.missing.length) {
    doc.moveDown().font("Helvetica-Bold").fillColor("#a00").text(h.missing);
    doc.font("Helvetica").text(r.missing.map((m) => `• ${m.label}`).join("\n"));
  }
  doc.moveDown().fillColor("#666").fontSize(8).text(`${h.generated} ${new Date().toISOString()} · Vakt`);
  doc.end();
  return done;
}
