import { z } from "zod";
import { TARGET_SEVERITIES, TargetMinutes } from "../ops/clocks.js";

export const OperationalTargetView = TargetMinutes.extend({
  severity: z.enum(TARGET_SEVERITIES),
  /** True while nobody changed the shipped default. */
  isDefault: z.boolean(),
  /** Send it back with a change; a stale one is refused with 409. 0 while the default applies. */
  version: z.number().int(),
});
export const OperationalTargetList = z.object({ items: z.array(OperationalTargetView) });
export const SeverityParams = z.object({ severity: z.enum(TARGET_SEVERITIES) });
export const UpdateOperationalTargetBody = TargetMinutes.extend({ version: z.number().int().min(0) }).strict()
  .superRefine((t, ctx) => {
    const order = [["acknowledgeMinutes", t.acknowledgeMinutes], ["ownerMinutes", t.ownerMinutes], ["containMinutes", t.containMinutes], ["resolveMinutes", t.resolveMinutes]] as const;
    for (let k = 1; k < order.length; k++)
      if (order[k][1] < order[k - 1][1]) ctx.addIssue({ code: "custom", path: [order[k][0]], message: `cannot be shorter than ${order[k - 1][0]}: the clocks run one after the other from detection` });
  });

export const OperationsQuery = z.object({
  /** Incidents detected at or after this instant (default: 90 days before `to`). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Incidents detected before this instant (default: now). */
  to: z.iso.datetime({ offset: true }).optional(),
});

const Mean = z.object({ meanMinutes: z.number().nullable(), count: z.number().int() });
/** Mean time to acknowledge and to resolve per severity and source, and the clocks overdue now. */
export const OperationsSummary = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  groups: z.array(z.object({ severity: z.string(), source: z.string(), incidents: z.number().int(), acknowledge: Mean, resolve: Mean })),
  /** Open incidents whose clock is past its target and not stopped, per clock. */
  overdueNow: z.object({ acknowledge: z.number().int(), owner: z.number().int(), contain: z.number().int(), resolve: z.number().int() }),
});
export type OperationsSummary = z.infer<typeof OperationsSummary>;
