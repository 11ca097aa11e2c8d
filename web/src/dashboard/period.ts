/** The dashboard's period: whole local days in the URL (?from=YYYY-MM-DD&to=YYYY-MM-DD, both inclusive). */
import { toDateInput } from "../format.js";

export interface Period { from: string; to: string }

const DAY = 86_400_000;

/** Presets offered beside the date inputs. */
export function presets(today = new Date()): { key: "last30" | "last90" | "last12m" | "thisYear"; period: Period }[] {
  const to = toDateInput(today);
  const back = (days: number) => toDateInput(new Date(today.getTime() - days * DAY));
  return [
    { key: "last30", period: { from: back(29), to } },
    { key: "last90", period: { from: back(89), to } },
    { key: "last12m", period: { from: back(364), to } },
    { key: "thisYear", period: { from: `${today.getFullYear()}-01-01`, to } },
  ];
}

export const defaultPeriod = (today = new Date()): Period => presets(today)[2].period;

const valid = (s: string | null): s is string => Boolean(s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00`).getTime()));

/** The period in the URL, or the default when either end is missing or malformed. */
export function periodFrom(params: URLSearchParams, today = new Date()): Period {
  const from = params.get("from");
  const to = params.get("to");
  return valid(from) && valid(to) ? { from, to } : defaultPeriod(today);
}

/** The API's half-open instant range [start of `from`, start of the day after `to`), local time. */
export function periodInstants(p: Period): { from: string; to: string } {
  const start = new Date(`${p.from}T00:00`);
  const end = new Date(`${p.to}T00:00`);
  end.setDate(end.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/**
 * Every month of the period (as the user picked it) with the counts filled in, so quiet months
 * show as zero rather than vanish from the chart. The server groups by UTC month: an incident
 * in the first or last hour of a month (local time) may count in a neighbouring month, which
 * is then shown too.
 */
export function monthsOf(p: Period, counts: { key: string; count: number }[]): { key: string; count: number }[] {
  const byKey = new Map(counts.map((c) => [c.key, c.count]));
  const out: { key: string; count: number }[] = [];
  let [y, m] = p.from.slice(0, 7).split("-").map(Number);
  const last = p.to.slice(0, 7);
  for (let key = p.from.slice(0, 7); key <= last && out.length < 240; key = `${y}-${String(m).padStart(2, "0")}`) {
    out.push({ key, count: byKey.get(key) ?? 0 });
    if (++m > 12) { m = 1; y++; }
  }
  for (const c of counts) if (!out.some((o) => o.key === c.key)) out.push(c);
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
