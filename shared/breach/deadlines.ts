import { DateTime } from "luxon";

/**
 * Deadline arithmetic. GDPR deadlines run in calendar hours: 72 hours are 72 real hours,
 * whatever the weekday, holiday or daylight-saving change. Instants are computed and returned
 * in UTC (ISO 8601) and shown in the viewer's zone.
 */

/** Parses an ISO-8601 instant; throws a RangeError naming the bad value. */
function instant(iso: string): DateTime {
  const d = DateTime.fromISO(iso, { zone: "utc", setZone: false });
  if (!d.isValid) throw new RangeError(`Not an ISO-8601 instant: "${iso}" (${d.invalidExplanation ?? d.invalidReason}).`);
  return d;
}

function nonNegative(n: number, what: string, integer = false) {
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)))
    throw new RangeError(`${what} must be ${integer ? "a whole" : "a finite"} number of at least 0, got ${n}.`);
  return n;
}

const utcIso = (d: DateTime) => d.toUTC().toISO({ suppressMilliseconds: false })!;

/** `fromIso` plus exactly `hours` real hours, in UTC. */
export function dueAfterHours(fromIso: string, hours: number): string {
  return utcIso(instant(fromIso).plus({ hours: nonNegative(hours, "hours") }));
}

/**
 * `fromIso` plus `months` calendar months on the wall clock of `zone` (the vendor's VENDOR_TIME_ZONE, e.g.
 * Europe/Stockholm), in UTC. The local time of day is kept across a daylight-saving change and
 * a day past the end of the shorter month is clamped to its last day (31 Jan + 1 month = 28 Feb).
 */
export function dueAfterMonths(fromIso: string, months: number, zone: string): string {
  const local = instant(fromIso).setZone(zone);
  if (!local.isValid) throw new RangeError(`Unknown time zone: "${zone}".`);
  return utcIso(local.plus({ months: nonNegative(months, "months", true) }));
}

/** An instant on the wall clock of `zone`, e.g. "Mon 30 Mar 2026 11:00 CEST". */
export function formatInZone(iso: string, zone: string, locale = "en-GB"): string {
  const local = instant(iso).setZone(zone).setLocale(locale);
  if (!local.isValid) throw new RangeError(`Unknown time zone: "${zone}".`);
  return local.toFormat("ccc d LLL yyyy HH:mm ZZZZ");
}

export interface TimeLeft {
  overdue: boolean;
  /** Milliseconds until the deadline; negative when overdue. */
  ms: number;
  /** "2 d 3 h left", "2 h 05 min left", "3 h overdue", "less than 1 min left". */
  text: string;
}

const MINUTE = 60_000;

/** "2 d 3 h", "2 h 05 min": the length of a time span (units read alike in sv, nb and en). */
export function span(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${String(m).padStart(2, "0")} min` : `${h} h`;
  return m > 0 ? `${m} min` : "less than 1 min";
}

/** Time left before a deadline (or past it), for countdowns. */
export function timeLeft(dueIso: string, nowIso: string): TimeLeft {
  const ms = instant(dueIso).toMillis() - instant(nowIso).toMillis();
  const overdue = ms < 0;
  return { overdue, ms, text: `${span(ms)} ${overdue ? "overdue" : "left"}` };
}
