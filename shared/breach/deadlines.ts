import { DateTime, Duration } from "luxon";

/**
 * GDPR deadlines run in calendar hours: 72 hours are 72 real hours, whatever the weekday,
 * holiday or daylight-saving change. Stored and computed in UTC; shown in the viewer's zone.
 */
export function dueAfterHours(fromIso: string, hours: number): string {
  return DateTime.fromISO(fromIso, { zone: "utc" }).plus({ hours }).toUTC().toISO()!;
}

/** Calendar months in a zone (NIS2 "one month"), e.g. 31 Jan + 1 month = 28/29 Feb. */
export function dueAfterMonths(fromIso: string, months: number, zone = "Europe/Stockholm"): string {
  return DateTime.fromISO(fromIso, { zone: "utc" }).setZone(zone).plus({ months }).toUTC().toISO()!;
}

export function formatInZone(iso: string, zone: string, locale = "en-GB"): string {
  return DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).setLocale(locale).toFormat("ccc d LLL yyyy HH:mm ZZZZ");
}

/** Time left before a deadline (or past it), as a short text for countdowns. */
export function timeLeft(dueIso: string, nowIso: string): { overdue: boolean; ms: number; text: string } {
  const ms = DateTime.fromISO(dueIso).toMillis() - DateTime.fromISO(nowIso).toMillis();
  const d = Duration.fromMillis(Math.abs(ms)).shiftTo("days", "hours", "minutes");
  const parts = d.days >= 1 ? `${d.days} d ${Math.floor(d.hours)} h` : d.hours >= 1 ? `${Math.floor(d.hours)} h ${String(Math.floor(d.minutes)).padStart(2, "0")} min` : `${Math.max(0, Math.floor(d.minutes))} min`;
  return { overdue: ms < 0, ms, text: ms < 0 ? `${parts} overdue` : `${parts} left` };
}
