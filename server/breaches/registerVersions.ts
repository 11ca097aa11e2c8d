import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Prisma, Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { canonical } from "../audit/chain.js";
import { NotFoundError, ValidationError } from "../http/errors.js";
import type { RegisterEntry } from "../../shared/schemas/register.js";
import { registerEntries } from "./register.js";

/**
 * Art. 33(5) register entries never disappear and never change without a trace. At the end of
 * every transaction that audited a change to an incident, its entry is created (when the
 * incident is a personal-data case) and, when what the entry says changed, a new version is
 * stored with who, when and which fields changed; earlier versions are kept as they were.
 */
export async function refreshRegisterEntries(tx: Tx, touched: ReadonlyMap<string, AuditActor>) {
  const ids = [...touched.keys()];
  const [incidents, entries] = await Promise.all([
    tx.incident.findMany({ where: { id: { in: ids } }, select: { id: true, personalData: true, detectedAt: true } }),
    tx.breachRegisterEntry.findMany({ where: { incidentId: { in: ids } } }),
  ]);
  const existing = new Map(entries.map((e) => [e.incidentId, e]));
  const inRegister: string[] = [];
  for (const i of incidents) {
    const entry = existing.get(i.id);
    if (!entry && i.personalData !== "yes") continue;
    if (!entry) await tx.breachRegisterEntry.create({ data: { incidentId: i.id, detectedAt: i.detectedAt } });
    else if (entry.detectedAt.getTime() !== i.detectedAt.getTime())
      await tx.breachRegisterEntry.update({ where: { incidentId: i.id }, data: { detectedAt: i.detectedAt } });
    inRegister.push(i.id);
  }
  for (const entry of await registerEntries(tx, inRegister)) await keepVersion(tx, touched.get(entry.incidentId)!, entry);
}


async function keepVersion(tx: Tx, actor: AuditActor, entry: RegisterEntry) {
  const last = await tx.breachRegisterVersion.findFirst({ where: { incidentId: entry.incidentId }, orderBy: { version: "desc" } });
  // The version number is part of the entry; it is not itself a change.
  // Compared key-order-free (JSONB stores keys in its own order); undefined is dropped as in storage.
  const content = JSON.parse(JSON.stringify({ ...entry, entry: { ...entry.entry, version: 0 } })) as Record<string, unknown>;
  const before = last ? (last.snapshot as Record<string, unknown>) : null;
  const previous: Record<string, unknown> | null = before ? { ...before, entry: { ...(before.entry as object), version: 0 } } : null;
  const changes = previous
    ? Object.keys(content).filter((k) => canonical(content[k]) !== canonical(previous[k]))
    : ["created"];
  if (changes.length === 0) return;
  const version = (last?.version ?? 0) + 1;
  const snapshot = { ...entry, entry: { ...entry.entry, version } };
  await tx.breachRegisterVersion.create({
    data: {
      incidentId: entry.incidentId, version, snapshot: snapshot as unknown as PrismaNS.InputJsonValue, changes,
      actorId: actor.actorId, actorLabel: actor.actorLabel,
    },
  });
  await tx.breachRegisterEntry.update({ where: { incidentId: entry.incidentId }, data: { version } });
  await appendAudit(tx, actor, {
    action: "register.versioned", targetType: "breach_register_entry", targetId: entry.incidentId, incidentId: entry.incidentId,
    before: last ? { version: last.version } : null, after: { version, changes },
  });
}

/**
 * Leaving "personal data: yes" on an incident in the register keeps its entry as "assessed: not a
 * personal-data breach" with the reason and who decided; returning to "yes" makes it a breach
 * entry again. Both stay in the entry's versions.
 */
export async function recordPersonalDataChange(tx: Tx, actor: AuditActor, args: { incidentId: string; from: string | null; to: string | null | undefined; reason?: string }) {
  if (args.to === undefined || args.to === args.from) return;
  const entry = await tx.breachRegisterEntry.findUnique({ where: { incidentId: args.incidentId } });
  if (!entry) return;
  if (args.to === "yes") {
    await tx.breachRegisterEntry.update({ where: { incidentId: args.incidentId }, data: { status: "breach", reason: null, decidedById: actor.actorId, decidedAt: new Date() } });
    return;
  }
  if ((args.reason ?? "").trim().length < 10)
    throw ValidationError.field("personalDataReason", "is required (at least 10 characters): the incident is in the breach register, which keeps it as assessed not to be a personal-data breach, with the reason");
  await tx.breachRegisterEntry.update({
    where: { incidentId: args.incidentId },
    data: { status: "not_a_breach", reason: args.reason!.trim(), decidedById: actor.actorId, decidedAt: new Date() },
  });
}

/** Every version of one register entry, newest first. */
export async function registerVersions(prisma: Prisma, incidentId: string) {
  const entry = await prisma.breachRegisterEntry.findUnique({ where: { incidentId } });
  if (!entry) throw new NotFoundError("Register entry");
  const rows = await prisma.breachRegisterVersion.findMany({ where: { incidentId }, orderBy: { version: "desc" } });
  return {
    items: rows.map((v) => ({
      version: v.version, at: v.at.toISOString(), actor: { id: v.actorId, label: v.actorLabel }, changes: v.changes as string[],
      snapshot: v.snapshot as unknown as RegisterEntry,
    })),
  };
}
