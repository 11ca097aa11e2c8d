import { dueAfterHours } from "./deadlines.js";

/**
 * The controller's own Art. 33(1) clock, as its processor sees it. GDPR Art. 33(1): the
 * controller notifies its authority "where feasible, not later than 72 hours after having
 * become aware of it". EDPB Guidelines 9/2022 (II.A.4, processor obligations, taken over from
 * WP250 rev.01): "the controller uses the processor to achieve its purposes; therefore, in
 * principle, the controller should be considered as 'aware' once the processor has informed it".
 * So the controller's 72 hours start when our notice reached it: its delivery, or its
 * acknowledgement when that came first (a link followed before our delivery bookkeeping ran).
 */
export const CONTROLLER_HOURS = 72;

export interface ControllerClock {
  /** When the controller is taken to have become aware. */
  awareAt: string;
  /** What the awareness rests on. */
  basis: "delivered" | "acknowledged";
  /** awareAt + 72 hours. */
  dueAt: string;
}

const iso = (d: Date | string | null | undefined) => (d == null ? null : typeof d === "string" ? d : d.toISOString());

/** The controller's clock from its initial notice; null while the notice has not reached it. */
export function controllerClock(notice: { sentAt: Date | string | null; acknowledgedAt: Date | string | null }): ControllerClock | null {
  const sent = iso(notice.sentAt);
  const acked = iso(notice.acknowledgedAt);
  if (!sent && !acked) return null;
  const ackFirst = acked !== null && (sent === null || Date.parse(acked) < Date.parse(sent));
  const awareAt = ackFirst ? acked! : sent!;
  return { awareAt, basis: ackFirst ? "acknowledged" : "delivered", dueAt: dueAfterHours(awareAt, CONTROLLER_HOURS) };
}
