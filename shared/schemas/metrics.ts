import { z } from "zod";

/** GET /api/metrics/summary (server/metrics/summary.ts): the dashboard's numbers for a period. */
export const KeyCount = z.object({ key: z.string(), count: z.number().int() });
export const DurationStats = z.object({ median: z.number().nullable(), p90: z.number().nullable(), count: z.number().int() });
export const ControllerHistory = z.object({
  id: z.string(), name: z.string(), incidents: z.number().int(), noticesDue: z.number().int(), noticesOnTime: z.number().int(),
  noticesSent: z.number().int(), noticesAcknowledged: z.number().int(),
  /** Hours from sending a notice to its acknowledgement, over the acknowledged ones. */
  acknowledgedHours: z.object({ median: z.number().nullable(), max: z.number().nullable() }),
});
export const MetricsSummary = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  openIncidents: z.number().int(),
  byCategory: z.array(KeyCount),
  bySeverity: z.array(KeyCount),
  byMonth: z.array(KeyCount),
  timeToTriageHours: DurationStats,
  timeToResolveHours: DurationStats,
  obligations: z.object({
    done: z.number().int(), on_time: z.number().int(), pending: z.number().int(), overdue: z.number().int(), waived: z.number().int(),
    onTimePercent: z.number().nullable(),
  }),
  followUps: z.object({ open: z.number().int(), overdue: z.number().int(), done: z.number().int() }),
  perOrganization: z.array(ControllerHistory),
});
export type MetricsSummary = z.infer<typeof MetricsSummary>;
