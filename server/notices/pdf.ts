import { BOLD, pdfDocument, REGULAR } from "../pdf/document.js";
import type { NoticeView } from "../../shared/schemas/notice.js";
import type { AppContext } from "../context.js";
import { registerAttachmentSource } from "../outbox/attachments.js";
import { noticeRef } from "../../shared/notices/reference.js";

/** What the PDF shows; status and dates only for the download (the mailed copy is the notice as sent). */
export type NoticePdfInput = Pick<NoticeView, "subject" | "reference" | "organization" | "phase" | "body"> &
  Partial<Pick<NoticeView, "status" | "sentAt" | "acknowledgedAt">>;

export const noticePdfFilename = (reference: string) => `notice-${reference.replace(/[^A-Za-z0-9-]/g, "_")}.pdf`;

/** The notice as an A4 PDF (pdfkit, as the authority reports): what the controller received, word for word. */
export function noticePdf(n: NoticePdfInput): Promise<Buffer> {
  const { doc, done } = pdfDocument({ margin: 56, title: `${n.subject}` });
  const meta = [n.reference, n.organization, n.phase, n.status, n.sentAt, n.acknowledgedAt && `acknowledged ${n.acknowledgedAt}`].filter(Boolean);
  doc.font(BOLD).fontSize(13).text(n.subject);
  doc.font(REGULAR).fontSize(9).fillColor("#444").text(meta.join(" · ")).moveDown();
  doc.fillColor("#000").fontSize(10).text(n.body, { paragraphGap: 2 });
  doc.end();
  return done;
}

/** The PDF attached to a notice's mail, built by the outbox worker when it sends (the row holds only the notice id). */
async function mailedNoticePdf(ctx: AppContext, noticeId: string) {
  const n = await ctx.prisma.notice.findUniqueOrThrow({ where: { id: noticeId } });
  const [incident, org] = await Promise.all([
    ctx.prisma.incident.findUniqueOrThrow({ where: { id: n.incidentId }, select: { reference: true } }),
    ctx.prisma.organization.findUnique({ where: { id: n.organizationId }, select: { name: true } }),
  ]);
  return noticePdf({ subject: n.subject, reference: noticeRef(incident.reference, n.sequence), organization: org?.name ?? "", phase: n.phase, body: n.body });
}

export const NOTICE_PDF_SOURCE = "notice-pdf";
registerAttachmentSource(NOTICE_PDF_SOURCE, mailedNoticePdf);
