export interface Range { lo: Date; hi: Date }

const DAY = 86400_000;
const floorDay = (t: number) => Math.floor(t / DAY) * DAY;
const ceilDay = (t: number) => Math.ceil(t / DAY) * DAY;
const floorMonth = (t: number) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); };
const ceilMonth = (t: number) => { const f = floorMonth(t); if (f === t) return t; const d = new Date(f); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); };
const range = (lo: number, hi: number): Range => ({ lo: new Date(lo), hi: new Date(Math.max(lo, hi)) });

/**
 * Splits [from, to) into what the roll-ups answer and what is read from the incidents: whole UTC
 * months from the month roll-ups, the whole days around them from the day roll-ups, and the
 * parts of a day at either end from the source rows. Always two raw ranges, two day ranges and
 * one month range (empty ones have lo == hi), so the queries have a fixed shape.
 */
export function splitPeriod(from: Date, to: Date): { raw: [Range, Range]; days: [Range, Range]; months: Range } {
  const f = from.getTime();
  const t = Math.max(f, to.getTime());
  const d0 = ceilDay(f);
  const d1 = floorDay(t);
  if (d0 >= d1) return { raw: [range(f, t), range(t, t)], days: [range(t, t), range(t, t)], months: range(t, t) };
  const raw: [Range, Range] = [range(f, d0), range(d1, t)];
  const m0 = ceilMonth(d0);
  const m1 = floorMonth(d1);
  if (m0 >= m1) return { raw, days: [range(d0, d1), range(d1, d1)], months: range(d1, d1) };
  return { raw, days: [range(d0, m0), range(m1, d1)], months: range(m0, m1) };
}
