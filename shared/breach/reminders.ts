/**
 * When to remind about a deadline: at each configured point before it (e.g. 24 h, 6 h, 1 h)
 * and once when it has passed (the escalation). A scan that runs late, or a deadline set close,
 * sends only the most urgent point reached, never a burst of stale ones.
 */
export interface ReminderPoint {
  /** "24h", "6h", "1h" ... or "overdue". */
  key: string;
  overdue: boolean;
  /** The point in hours before the deadline; null for the escalation. */
  offsetHours: number | null;
}

const HOUR = 3_600_000;

function ms(iso: string) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`Not an ISO-8601 instant: "${iso}".`);
  return t;
}

export interface ReminderClock {
  dueIso: string;
  nowIso: string;
  offsetsHours: readonly number[];
  /**
   * When the obligation came to exist. A point whose moment lies before it was never waited for:
   * an obligation created 23 h 58 min before its deadline gets no "24 h" reminder at once (the person
   * who saved the assessment is looking at it), only the next point it actually reaches.
   */
  createdIso?: string;
}

/** The most urgent reminder point a deadline has reached at `nowIso`, or null before the first. */
export function reminderPoint({ dueIso, nowIso, offsetsHours, createdIso }: ReminderClock): ReminderPoint | null {
  const due = ms(dueIso);
  const left = due - ms(nowIso);
  if (left < 0) return { key: "overdue", overdue: true, offsetHours: null };
  const created = createdIso === undefined ? -Infinity : ms(createdIso);
  const reached = offsetsHours.filter((h) => h > 0 && left <= h * HOUR && due - h * HOUR >= created);
  if (reached.length === 0) return null;
  const h = Math.min(...reached);
  return { key: `${h}h`, overdue: false, offsetHours: h };
}

/**
 * One key per obligation, point and deadline: each reminder is queued once, and a deadline that
 * moves (a revised awareness time) gets reminders of its own.
 */
export function reminderDedupeKey(obligationId: string, dueIso: string, point: ReminderPoint): string {
  return `reminder:${obligationId}:${point.key}:${new Date(ms(dueIso)).toISOString()}`;
}
