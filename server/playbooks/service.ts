import type { Prisma as PrismaNS, Playbook } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { addAction, findIncidentOr404 } from "../incidents/service.js";
import { ConflictError, NotFoundError } from "../http/errors.js";
import { PlaybookTask, type PlaybookBody, type PlaybookView, type UpdatePlaybookBody } from "../../shared/schemas/playbook.js";
import { defaultPlaybooks } from "./defaults.js";
import { z } from "zod";

export function presentPlaybook(p: Playbook): PlaybookView {
  return {
    id: p.id, kind: p.kind, language: p.language as PlaybookView["language"], category: p.category, title: p.title, description: p.description,
    tasks: z.array(PlaybookTask).parse(p.tasks), version: p.version, builtIn: p.builtIn, retired: p.retiredAt !== null, updatedAt: p.updatedAt.toISOString(),
  };
}

/**
 * Adds the built-in playbooks that are missing (first start, or a new default); an admin's edits are
 * never overwritten. Like the taxonomy, the defaults are part of the release, not anyone's act, so
 * adding them is not an audit entry; every edit and every use is.
 */
export async function ensureDefaultPlaybooks(tx: Tx) {
  await tx.playbook.createMany({ data: defaultPlaybooks().map((p) => ({ ...p, tasks: p.tasks as PrismaNS.InputJsonValue, builtIn: true })), skipDuplicates: true });
}

export async function createPlaybook(tx: Tx, actor: AuditActor, body: PlaybookBody) {
  if (await tx.playbook.findUnique({ where: { kind_language: { kind: body.kind, language: body.language } } }))
    throw new ConflictError(`A playbook for ${body.kind} in ${body.language} exists already; edit it instead.`);
  const p = await tx.playbook.create({ data: { ...body, tasks: body.tasks as PrismaNS.InputJsonValue, updatedById: actor.actorId } });
  await appendAudit(tx, actor, { action: "playbook.created", targetType: "playbook", targetId: p.id, after: body });
  return p;
}

export async function updatePlaybook(tx: Tx, actor: AuditActor, id: string, body: UpdatePlaybookBody) {
  const before = await tx.playbook.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("Playbook");
  if (before.version !== body.version) throw new ConflictError("Someone saved a newer version of this playbook; reload it and edit again.");
  const { version, retired, ...fields } = body;
  const retiredAt = retired === undefined ? before.retiredAt : retired ? (before.retiredAt ?? new Date()) : null;
  const p = await tx.playbook.update({
    where: { id }, data: { ...fields, tasks: fields.tasks as PrismaNS.InputJsonValue, retiredAt, version: version + 1, updatedById: actor.actorId },
  });
  await appendAudit(tx, actor, {
    action: "playbook.updated", targetType: "playbook", targetId: id,
    before: { title: before.title, description: before.description, category: before.category, tasks: before.tasks, version: before.version, retired: before.retiredAt !== null },
    after: { ...fields, version: p.version, retired: retiredAt !== null },
  });
  return p;
}

/**
 * Fills the incident's action plan from a playbook: one action per task, due `dueHours` from now,
 * given to the incident owner when the owner has the task's role, else to the longest-serving
 * active user with it (unassigned when there is none); the checklist goes into the action's note.
 */
export async function applyPlaybook(tx: Tx, actor: AuditActor, incidentId: string, playbookId: string) {
  const incident = await findIncidentOr404(tx, incidentId);
  const playbook = await tx.playbook.findUnique({ where: { id: playbookId } });
  if (!playbook) throw new NotFoundError("Playbook");
  if (playbook.retiredAt) throw new ConflictError("This playbook is retired; choose another one.");
  const tasks = z.array(PlaybookTask).parse(playbook.tasks);
  const owner = incident.ownerId ? await tx.user.findUnique({ where: { id: incident.ownerId } }) : null;
  const byRole = new Map<string, string | undefined>();
  const assigneeFor = async (role: string) => {
    if (owner?.active && owner.role === role) return owner.id;
    if (!byRole.has(role)) byRole.set(role, (await tx.user.findFirst({ where: { role: role as never, active: true }, orderBy: { createdAt: "asc" } }))?.id);
    return byRole.get(role);
  };
  const now = Date.now();
  const actionIds: string[] = [];
  for (const t of tasks) {
    const action = await addAction(tx, actor, incidentId, { title: t.title, assigneeId: await assigneeFor(t.role), dueAt: new Date(now + t.dueHours * 3_600_000).toISOString() });
    if (t.checklist.length) await tx.action.update({ where: { id: action.id }, data: { note: t.checklist.map((c) => `☐ ${c}`).join("\n") } });
    actionIds.push(action.id);
  }
  await appendAudit(tx, actor, {
    action: "playbook.applied", targetType: "incident", targetId: incidentId, incidentId,
    after: { playbookId, kind: playbook.kind, language: playbook.language, version: playbook.version, title: playbook.title, actions: actionIds.length, checklists: tasks.map((t) => t.checklist) },
  });
  return actionIds;
}
