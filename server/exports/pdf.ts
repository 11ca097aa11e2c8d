import { BOLD, pdfDocument, REGULAR } from "../pdf/document.js";
import type { IncidentExport } from "./service.js";

/** The export as a readable PDF: the incident, its timeline, breach decisions and the audit entries with hashes. */
export function exportPdf(x: IncidentExport): Promise<Buffer> {
  const { doc, done } = pdfDocument({ margin: 50, title: `${x.incident.reference} history` });
  const i = x.incident;
  const h = (t: string) => doc.moveDown(0.6).font(BOLD).fontSize(12).fillColor("#000").text(t).font(REGULAR).fontSize(9);
  doc.font(BOLD).fontSize(16).text(`${i.reference}: ${i.title}`);
  doc.font(REGULAR).fontSize(9).fillColor("#444").text(`Exported ${x.exportedAt} by ${x.exportedBy} · status ${i.status}`);
  h("Incident");
  for (const [k, v] of [["Detected", i.detectedAt], ["Category", i.category], ["Severity", i.severity], ["Level", i.level], ["Personal data", i.personalData], ["Owner", i.owner?.name], ["Cause", i.cause], ["Impact", (i.impact as { summary?: string } | null)?.summary], ["Description", i.description]] as const)
    doc.text(`${k}: ${v ?? "—"}`);
  h("Action plan");
  for (const a of i.actions) doc.text(`• ${a.title} — ${a.status}${a.note ? ` (${a.note})` : ""}`);
  h("Communications");
  for (const c of i.communications) doc.text(c.decision === "none" ? `• No one needs informing: ${c.reason}` : `• ${c.sentAt}: ${c.audience} via ${c.channel} — ${c.summary}`);
  if (x.breach.assessments.length) {
    h("Personal-data breach");
    const aw = x.breach.awareness;
    if (aw) {
      doc.text(`Aware since ${aw.awareAt} (first recorded ${aw.firstAwareAt})${aw.movedLater ? " - MOVED LATER than first recorded" : ""}`);
      for (const c of aw.changes.filter((c) => c.from)) doc.text(`Awareness moved ${c.at} by ${c.by ?? "unknown"}: ${c.from} -> ${c.to} - ${c.reason ?? "no reason recorded"}`);
    }
    for (const a of x.breach.assessments) doc.text(`Assessment v${a.version} (${a.createdAt}): severity ${a.band} (${a.score}), aware ${a.awareAt}`);
    for (const d of x.breach.decisions) doc.text(`Decision ${d.createdAt}: authority ${d.notifyAuthority ? "yes" : "no"}, data subjects ${d.notifyDataSubjects ? "yes" : "no"} — ${d.rationale}`);
    for (const o of x.breach.obligations) doc.text(`Obligation ${o.article} → ${o.creditor}: ${o.obsolete ? "not required" : o.status}, due ${o.dueAt}${o.satisfiedAt ? `, met ${o.satisfiedAt}` : ""}`);
  }
  if (x.review) {
    const r = x.review;
    h(`Follow-up review (${r.status}${r.approvedAt ? `, approved ${r.approvedAt} by ${r.approvedBy?.name}` : ""})`);
    for (const [n, why] of r.rootCause.entries()) doc.text(`${n + 1}. ${why}`);
    for (const [k, v] of [["Went well", r.wentWell], ["Went badly", r.wentBadly], ["Lessons", r.lessons]] as const) if (v) doc.text(`${k}: ${v}`);
    for (const f of r.followUps) doc.text(`• Follow-up: ${f.title} — ${f.owner?.name ?? ""}, due ${f.dueAt}, ${f.status}`);
  }
  if (x.evidence.length) {
    h(`Evidence${x.legalHold ? ` (legal hold since ${x.legalHold.placedAt}: ${x.legalHold.reason})` : ""}`);
    for (const e of x.evidence) {
      doc.text(`• ${e.fileName} (${e.size} bytes, ${e.mediaType ?? "unknown type"}) uploaded ${e.uploadedAt} by ${e.uploadedBy}`);
      doc.font("Courier").fontSize(7).text(`  SHA-256 ${e.sha256}`).font(REGULAR).fontSize(9);
      if (e.removed) doc.text(`  Removed ${e.removed.at} by ${e.removed.by}: ${e.removed.reason}`);
      if (e.integrity) doc.text(`  INTEGRITY FAILURE ${e.integrity.failedAt}: ${e.integrity.problem}`);
    }
  }
  h("Timeline");
  for (const t of i.timeline) doc.text(`${t.at}  ${t.actor.label}: ${t.summary}`);
  h(`Audit entries (${x.audit.entries.length}; hashes ${x.audit.allHashesVerified ? "verified" : "NOT verified"})`);
  doc.font("Courier").fontSize(7);
  for (const e of x.audit.entries) doc.text(`#${e.id} ${e.at} ${e.actorLabel} ${e.action}\n  prev ${e.prevHash}\n  hash ${e.hash}`);
  doc.end();
  return done;
}
