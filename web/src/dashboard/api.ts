/** GET /api/metrics/summary (server/metrics/summary.ts): the dashboard's numbers for a period. */
import { request } from "../api.js";

export interface KeyCount { key: string; count: number }
export interface DurationStats { median: number | null; p90: number | null; count: number }
export interface ControllerHistory {
  id: string; name: string; incidents: number; noticesDue: number; noticesOnTime: number;
  noticesSent: number; noticesAcknowledged: number;
  /** Hours from sending a notice to its acknowledgement, over the acknowledged ones. */
  acknowledgedHours: { median: number | null; max: number | null };
}

export interface MetricsSummary {
  period: { from: string; to: string };
  openIncidents: number;
  byCategory: KeyCount[];
  bySeverity: KeyCount[];
  byMonth: KeyCount[];
  timeToTriageHours: DurationStats;
  timeToResolveHours: DurationStats;
  obligations: { done: number; on_time: number; pending: number; overdue: number; waived: number; onTimePercent: number | null };
  followUps: { open: number; overdue: number; done: number };
  perOrganization: ControllerHistory[];
}

export const metricsSummary = (from: string, to: string, signal?: AbortSignal) =>
  request<MetricsSummary>("GET", `/api/metrics/summary?${new URLSearchParams({ from, to })}`, undefined, { signal });
