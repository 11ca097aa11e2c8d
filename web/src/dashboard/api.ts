/** GET /api/metrics/summary (server/metrics/summary.ts): the dashboard's numbers for a period. */
import type { z } from "zod";
import { request } from "../api.js";
import type { ControllerHistory as ControllerHistorySchema, DurationStats as DurationStatsSchema, KeyCount as KeyCountSchema, MetricsSummary } from "../../../shared/schemas/metrics.js";

export type { MetricsSummary };
export type KeyCount = z.infer<typeof KeyCountSchema>;
export type DurationStats = z.infer<typeof DurationStatsSchema>;
export type ControllerHistory = z.infer<typeof ControllerHistorySchema>;

export const metricsSummary = (from: string, to: string, signal?: AbortSignal) =>
  request<MetricsSummary>("GET", `/api/metrics/summary?${new URLSearchParams({ from, to })}`, undefined, { signal });
