import type { z } from "zod";
import type { AppContext } from "../context.js";
import type { Prisma } from "../db/client.js";
import type { Probe } from "../generated/prisma/client.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { NotFoundError } from "../http/errors.js";
import { recordAlerts } from "../alerts/intake.js";
import type { CreateProbeBody } from "../../shared/schemas/alert.js";
import { checkHttp, checkTls, type CheckResult } from "./checks.js";

const PROBE_SOURCE = "Built-in probes";

export const presentProbe = (p: Probe) => ({
  id: p.id, name: p.name, kind: p.kind, url: p.url, expectedStatus: p.expectedStatus, intervalSeconds: p.intervalSeconds, tlsWarnDays: p.tlsWarnDays,
  lastRunAt: p.lastRunAt?.toISOString() ?? null, lastOk: p.lastOk, lastResult: p.lastResult, disabled: p.disabledAt !== null,
});

export async function createProbe(db: Prisma, { input, by }: { input: z.infer<typeof CreateProbeBody>; by: AuditActor }) {
  return inTransaction(db, async (tx) => {
    if (!(await tx.alertSource.findFirst({ where: { kind: "probe" } }))) await tx.alertSource.create({ data: { name: PROBE_SOURCE, kind: "probe" } });
    const p = await tx.probe.create({ data: { ...input, createdById: by.actorId } });
    await appendAudit(tx, by, { action: "probe.created", targetType: "probe", targetId: p.id, after: { name: p.name, kind: p.kind, url: p.url } });
    return presentProbe(p);
  });
}

export async function setProbeDisabled(db: Prisma, { id, disabled, by }: { id: string; disabled: boolean; by: AuditActor }) {
  return inTransaction(db, async (tx) => {
    if (!(await tx.probe.findUnique({ where: { id } }))) throw new NotFoundError("Probe");
    const p = await tx.probe.update({ where: { id }, data: { disabledAt: disabled ? new Date() : null } });
    await appendAudit(tx, by, { action: disabled ? "probe.disabled" : "probe.enabled", targetType: "probe", targetId: id, after: { name: p.name } });
    return presentProbe(p);
  });
}

const fingerprintOf = (p: Probe) => `probe:${p.id}:${p.kind}`;

/**
 * Runs the probes that are due (the "probes" job, one instance at a time) and feeds the alert
 * queue: a failing check fires (a repeat raises the counter), the first good one after it
 * resolves the alert. Returns how many ran.
 */
export async function runDueProbes(ctx: AppContext, now = new Date()): Promise<number> {
  const probes = await ctx.prisma.probe.findMany({ where: { disabledAt: null } });
  const due = probes.filter((p) => !p.lastRunAt || p.lastRunAt.getTime() + p.intervalSeconds * 1000 <= now.getTime());
  if (due.length === 0) return 0;
  const source = await ctx.prisma.alertSource.findFirst({ where: { kind: "probe" } });
  if (!source) return 0;
  for (const p of due) {
    const result: CheckResult = p.kind === "http"
      ? await checkHttp({ name: p.name, url: p.url, expectedStatus: p.expectedStatus })
      : await checkTls({ name: p.name, url: p.url, warnDays: p.tlsWarnDays, now });
    await ctx.prisma.probe.update({ where: { id: p.id }, data: { lastRunAt: now, lastOk: result.ok, lastResult: result.summary } });
    const open = await ctx.prisma.alert.findUnique({ where: { sourceId_fingerprint: { sourceId: source.id, fingerprint: fingerprintOf(p) } } });
    if (result.ok && open?.status !== "firing") continue;
    await recordAlerts(ctx.prisma, {
      source, taxonomy: ctx.taxonomy,
      alerts: [{
        fingerprint: fingerprintOf(p), status: result.ok ? "resolved" : "firing", title: result.ok ? (open?.title ?? result.summary) : result.summary,
        severity: result.severity, description: `Probe "${p.name}" (${p.kind}) of ${p.url}: ${result.summary}.`, url: p.url,
        labels: { alertname: p.kind === "http" ? "ProbeFailed" : "CertificateExpiry", probe: p.name }, startsAt: now,
      }],
    });
  }
  return due.length;
}
