import { dueAfterHours } from "./deadlines.js";

/**
 * Awareness (GDPR Art. 33(1); EDPB Guidelines 9/2022, section II.A.2 "When does a controller
 * become aware?"): the moment of reasonable certainty that personal data was compromised. Every
 * GDPR clock runs from it, so moving it is a protected act:
 *  - the first recording needs no reason (it defaults to now);
 *  - any later move needs a reason, and is kept in full (who, when, from, to, why);
 *  - a move to later than the first recorded awareness shortens no clock but lengthens them all
 *    (it can turn an overdue obligation into one that is not): only the privacy role may, and the
 *    register and exports show it.
 */
export const AUTHORITY_HOURS = 72;

export type AwarenessChangeKind = "first" | "unchanged" | "earlier" | "later";

export interface AwarenessCheck {
  kind: AwarenessChangeKind;
  /** Later than the first recorded awareness. */
  laterThanFirst: boolean;
  /** What stops the change, naming the field; null when it may go ahead. */
  problem: { status: 400 | 403; field: string; message: string } | null;
}

const ms = (iso: string | Date) => new Date(iso).getTime();
/** Awareness is told to the minute (the form's precision): within the same minute it has not moved. */
export const SAME_AWARENESS_MS = 60_000;

/**
 * Whether awareness may move from `current` to `next`. `reasonField` names the field the reason
 * comes in (awareAtChangeReason on an assessment, reason on the awareness endpoint).
 */
export function checkAwarenessChange(p: {
  current: { awareAt: string | Date; firstAwareAt: string | Date } | null;
  next: string | Date;
  reason: string | undefined;
  reasonField: string;
  mayMoveLater: boolean;
}): AwarenessCheck {
  if (!p.current) return { kind: "first", laterThanFirst: false, problem: null };
  if (Math.abs(ms(p.next) - ms(p.current.awareAt)) < SAME_AWARENESS_MS)
    return { kind: "unchanged", laterThanFirst: ms(p.current.awareAt) > ms(p.current.firstAwareAt), problem: null };
  const laterThanFirst = ms(p.next) > ms(p.current.firstAwareAt);
  const kind = ms(p.next) > ms(p.current.awareAt) ? "later" : "earlier";
  if (!p.reason || p.reason.trim().length < 10)
    return { kind, laterThanFirst, problem: { status: 400, field: p.reasonField, message: "is required (at least 10 characters) to move the awareness time: every GDPR deadline runs from it" } };
  if (laterThanFirst && !p.mayMoveLater)
    return {
      kind, laterThanFirst,
      problem: { status: 403, field: "awareAt", message: "can be moved later than the first recorded awareness only by a privacy officer: it lengthens every GDPR deadline" },
    };
  return { kind, laterThanFirst, problem: null };
}

export interface AwarenessClock {
  awareAt: string;
  /** Art. 33(1): 72 hours from awareness. */
  dueAt: string;
  assessed: boolean;
  hoursLeft: number;
  overdue: boolean;
  /** "Assessment not yet done: 62 h left of the 72 hours from awareness (Art. 33(1))." */
  text: string;
}

/** The Art. 33(1) clock from awareness, whole hours left (rounded down), and what it means before the first assessment. */
export function awarenessClock(awareAt: string | Date, assessed: boolean, now: string | Date = new Date()): AwarenessClock {
  const aware = new Date(awareAt).toISOString();
  const dueAt = dueAfterHours(aware, AUTHORITY_HOURS);
  const left = ms(dueAt) - ms(now);
  const overdue = left < 0;
  const hours = Math.floor(Math.abs(left) / 3_600_000);
  const span = overdue ? `${hours} h overdue` : `${hours} h left`;
  const text = assessed
    ? `${span} of the ${AUTHORITY_HOURS} hours from awareness (Art. 33(1)).`
    : `Assessment not yet done: ${span} of the ${AUTHORITY_HOURS} hours from awareness (Art. 33(1)).`;
  return { awareAt: aware, dueAt, assessed, hoursLeft: overdue ? -hours : hours, overdue, text };
}
