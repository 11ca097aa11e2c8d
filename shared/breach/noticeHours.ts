/**
 * The processor-to-controller deadline of a data processing agreement (`noticeHours`). The
 * controller has 72 hours from its own awareness to notify its authority (Art. 33(1)), and it is
 * aware, in principle, once the processor tells it (EDPB 9/2022 II.A.4, processor obligations):
 * more than 72 hours for the processor's notice cannot sensibly be agreed ("without undue delay",
 * Art. 33(2)), so it warns; more than 30 days is refused as a mistake.
 */
export const NOTICE_HOURS_WARN_ABOVE = 72;
export const NOTICE_HOURS_MAX = 720;

/** The warnings a notice deadline gives, in words; empty when there is none. */
export function noticeHoursWarnings(hours: number): string[] {
  return hours > NOTICE_HOURS_WARN_ABOVE
    ? [`noticeHours ${hours} is more than ${NOTICE_HOURS_WARN_ABOVE}: the processor must notify without undue delay (Art. 33(2)), and the controller has only ${NOTICE_HOURS_WARN_ABOVE} hours of its own to notify its authority (Art. 33(1)). Agree a shorter deadline.`]
    : [];
}
