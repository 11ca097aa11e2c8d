import { BOLD, pdfDocument, REGULAR } from "../pdf/document.js";
import type { ReportView } from "./presenter.js";

const HEADINGS: Record<string, { missing: string; generated: string; submitted: string; draft: string }> = {
  sv: { missing: "Uppgifter som saknas", generated: "Skapad", submitted: "Inskickad", draft: "Utkast" },
  nb: { missing: "Opplysninger som mangler", generated: "Laget", submitted: "Sendt inn", draft: "Utkast" },
  en: { missing: "Missing information", generated: "Generated", submitted: "Submitted", draft: "Draft" },
};

/** A print-ready A4 PDF of the report (pdfkit: pure JavaScript, no browser or binary needed). */
export function reportPdf(r: ReportView, incidentReference: string): Promise<Buffer> {
  const h = HEADINGS[r.language] ?? HEADINGS.en;
  const { doc, done } = pdfDocument({ margin: 56, title: `${r.title} ${incidentReference}` });
  doc.font(BOLD).fontSize(16).text(r.title);
  doc.font(REGULAR).fontSize(10).fillColor("#444")
    .text(`${r.authorityName} · ${incidentReference} · ${r.phase}`)
    .text(r.submittedAt ? `${h.submitted}: ${r.submittedAt}${r.caseReference ? ` · ${r.caseReference}` : ""}` : h.draft)
    .moveDown();
  for (const f of r.fields) {
    doc.fillColor("#000").font(BOLD).fontSize(10).text(f.label);
    doc.font(REGULAR).fontSize(10).text(f.value.trim() || "—", { paragraphGap: 8 });
  }
  if (r.missing.length) {
    doc.moveDown().font(BOLD).fillColor("#a00").text(h.missing);
    doc.font(REGULAR).text(r.missing.map((m) => `• ${m.label}`).join("\n"));
  }
  doc.moveDown().fillColor("#666").fontSize(8).text(`${h.generated} ${new Date().toISOString()} · Vakt`);
  doc.end();
  return done;
}
