import type { Prisma } from "../db/client.js";
import { computeSummary, type MetricsSummary } from "./summary.js";

const LIMIT = 50;

interface Entry { stamp: string; changesAt: number; summary: MetricsSummary }

/**
 * The last summaries computed per period, returned only while they are provably current.
 * Every write in Vakt appends to the audit chain in its own transaction, so the AuditHead row
 * (hash and count) changes with every committed write: it is read on each request (one row)
 * and a cached summary is served only under the same head. The figures that change with time
 * alone (overdue obligations and follow-ups) carry the next due date; past it, by the database
 * clock, the summary is computed again. Any instance, cache or not, answers the same.
 * The head is read before computing, so a write racing the computation only costs a recompute.
 * Changes made outside the application (SQL by hand) to incidents, obligations, controllers'
 * incidents or notices are seen too: their triggers mark roll-up days stale, and while any day is
 * stale nothing is served from the cache. Follow-up actions changed by hand are not: restart the
 * instances after such maintenance.
 */
export class SummaryCache {
  private entries = new Map<string, Entry>();
  constructor(private readonly prisma: Prisma, private readonly limit = LIMIT) {}

  async get(from: Date, to: Date): Promise<MetricsSummary> {
    const [head] = await this.prisma.$queryRaw<{ hash: string | null; count: number | null; now: Date; stale: boolean }[]>`
      SELECT h.hash, h.count, now() AS now, EXISTS (SELECT 1 FROM "StatDirtyDay") AS stale
      FROM (SELECT 1) one LEFT JOIN "AuditHead" h ON h.id = 1`;
    const stamp = `${head.count ?? 0}:${head.hash ?? ""}`;
    const key = `${from.toISOString()}/${to.toISOString()}`;
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp && !head.stale && head.now.getTime() < hit.changesAt) {
      this.entries.delete(key); // most recently used goes last
      this.entries.set(key, hit);
      return hit.summary;
    }
    const { summary, changesAt } = await computeSummary(this.prisma, from, to);
    this.entries.delete(key);
    this.entries.set(key, { stamp, changesAt, summary });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    return summary;
  }

  get size() { return this.entries.size; }
}
