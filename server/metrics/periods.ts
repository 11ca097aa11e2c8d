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
 * parts of a day at either end from the source rows (empty ranges have lo == hi).
 */
export interface PeriodParts { raw: Range[]; days: Range[]; months: Range }

export function splitPeriod(from: Date, to: Date): PeriodParts {
  const f = from.getTime();
  const t = Math.max(f, to.getTime());
  const d0 = ceilDay(f);
  const d1 = floorDay(t);
  if (d0 >= d1) return { raw: [range(f, t), range(t, t)], days: [range(t, t), range(t, t)], months: range(t, t) };
  const raw = [range(f, d0), range(d1, t)];
  const m0 = ceilMonth(d0);
  const m1 = floorMonth(d1);
  if (m0 >= m1) return { raw, days: [range(d0, d1), range(d1, d1)], months: range(d1, d1) };
  return { raw, days: [range(d0, m0), range(m1, d1)], months: range(m0, m1) };
}

/** The whole UTC day around a partial-day range, and the parts of that day outside the range. */
export function dayAround(r: Range): { day: Range; outside: Range[] } {
  const lo = floorDay(r.lo.getTime());
  const day = range(lo, lo + DAY);
  return { day, outside: [range(lo, r.lo.getTime()), range(r.hi.getTime(), lo + DAY)].filter((x) => x.lo < x.hi) };
}

/**
 * A partial day whose other part holds no incident answers the same as the whole day, so it
 * can come from the day roll-up instead of the rows: the usual "until now" period ends in
 * today, and nothing is detected after now. `alone[i]` says raw range i is such a day.
 */
export function promoteLoneDays(part: PeriodParts, alone: boolean[]): PeriodParts {
  const live = (r: Range) => r.lo < r.hi;
  const promoted = part.raw.filter((r, i) => live(r) && alone[i]);
  return {
    raw: part.raw.filter((r, i) => live(r) && !alone[i]),
    days: [...part.days.filter(live), ...promoted.map((r) => dayAround(r).day)],
    months: part.months,
  };
}
