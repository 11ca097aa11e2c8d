import type { Notice } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import { controllerClock, type ControllerClock } from "../../shared/breach/controllerDeadline.js";
import { zoneOfCountry } from "../../shared/breach/localTime.js";
import { formatDate } from "./render.js";
import { translator } from "../../shared/i18n/index.js";
import { noticeRef } from "../../shared/notices/reference.js";

/**
 * The notice's DEADLINES section, written when the notice leaves (it depends on when it is sent):
 * our own deadline to notify this controller (its gdpr-33-2 obligation: the data processing
 * agreement's hours from our awareness) beside the controller's own 72 hours under Art. 33(1),
 * which run from when our first notice reached it (shared/breach/controllerDeadline.ts). For the
 * initial notice that is the moment it is handed for sending: at most minutes before delivery,
 * so the deadline stated is never later than the portal's.
 */
export async function deadlineSection(tx: Tx, n: Notice, sentAt: Date, fallbackZone: string): Promise<string> {
  const [org, obligation, initial, incident] = await Promise.all([
    tx.organization.findUniqueOrThrow({ where: { id: n.organizationId }, select: { country: true, noticeHours: true } }),
    tx.obligation.findUnique({ where: { incidentId_key: { incidentId: n.incidentId, key: `gdpr-33-2:${n.organizationId}` } } }),
    n.initialId ? tx.notice.findUnique({ where: { id: n.initialId } }) : null,
    tx.incident.findUniqueOrThrow({ where: { id: n.incidentId }, select: { reference: true } }),
  ]);
  const earlier = initial ? controllerClock(initial) : null;
  return renderDeadlines({
    lang: n.language, zone: zoneOfCountry(org.country, fallbackZone), sentAt: sentAt.toISOString(),
    processor: obligation && !obligation.obsolete ? { hours: org.noticeHours, dueAt: obligation.dueAt.toISOString() } : null,
    initial: initial && earlier ? { ref: noticeRef(incident.reference, initial.sequence), clock: earlier } : null,
  });
}

/** The section's text, from what deadlineSection loaded (pure: docs/examples renders it too). */
export function renderDeadlines(a: {
  lang: string; zone: string; sentAt: string;
  processor: { hours: number; dueAt: string } | null;
  initial: { ref: string; clock: ControllerClock } | null;
}): string {
  const t = translator(a.lang);
  const date = (iso: string) => formatDate(iso, a.zone, a.lang);
  const lines = [t("notice:deadlines.heading")];
  if (a.processor) lines.push(t("notice:deadlines.processor", { hours: a.processor.hours, due: date(a.processor.dueAt) }));
  if (a.initial) {
    lines.push(t("notice:deadlines.controllerLater", { initialRef: a.initial.ref, aware: date(a.initial.clock.awareAt), due: date(a.initial.clock.dueAt) }));
  } else {
    const clock = controllerClock({ sentAt: a.sentAt, acknowledgedAt: null })!;
    lines.push(t("notice:deadlines.controllerInitial", { sent: date(clock.awareAt), due: date(clock.dueAt) }));
  }
  return lines.join("\n");
}
