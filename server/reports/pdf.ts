import { BOLD, pdfDocument, REGULAR } from "../pdf/document.js";
import type { ReportView } from "./presenter.js";
import { translator } from "../../shared/i18n/index.js";
import { AUTHORITY_ZONES, type Authority } from "../../shared/breach/authorityForms.js";
import { docLanguage, formatLocalDateTime } from "../../shared/breach/localTime.js";

/** A print-ready A4 PDF of the report (pdfkit: pure JavaScript, no browser or binary needed). */
export function reportPdf(r: ReportView, incidentReference: string): Promise<Buffer> {
  const t = translator(r.language);
  // Times on the authority's wall clock, the zone named, in the report's language.
  const at = (iso: string) => formatLocalDateTime(iso, AUTHORITY_ZONES[r.authority as Authority] ?? "UTC", docLanguage(r.language));
  const { doc, done } = pdfDocument({ margin: 56, title: `${r.title} ${incidentReference}` });
  doc.font(BOLD).fontSize(16).text(r.title);
  doc.font(REGULAR).fontSize(10).fillColor("#444")
    .text(`${r.authorityName} · ${incidentReference} · ${t(`reports:document.phase.${r.phase}`)}`)
    .text(r.submittedAt ? `${t("reports:pdf.submitted", { at: at(r.submittedAt) })}${r.caseReference ? ` · ${r.caseReference}` : ""}` : t("reports:pdf.draft"))
    .moveDown();
  for (const f of r.fields) {
    doc.fillColor("#000").font(BOLD).fontSize(10).text(f.label);
    doc.font(REGULAR).fontSize(10).text(f.value.trim() || "—", { paragraphGap: 8 });
  }
  if (r.missing.length) {
    doc.moveDown().font(BOLD).fillColor("#a00").text(t("reports:pdf.missing"));
    doc.font(REGULAR).text(r.missing.map((m) => `• ${m.label}`).join("\n"));
  }
  doc.moveDown().fillColor("#666").fontSize(8).text(`${t("reports:pdf.generated", { at: at(new Date().toISOString()) })} · Vakt`);
  doc.end();
  return done;
}
