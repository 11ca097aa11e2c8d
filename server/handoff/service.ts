import path from "node:path";
import type { User } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import type { AppContext } from "../context.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { enqueueMail } from "../outbox/service.js";
import { createMailRenderer } from "../mail/render.js";
import { textMailIn } from "../mail/languages.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { audienceOf } from "../incidents/policy.js";
import { excerpt } from "../notes/service.js";
import { ValidationError } from "../http/errors.js";
import { languageOf, translator } from "../../shared/i18n/index.js";
import { mayTakeStep } from "../../shared/handoff/steps.js";
import type { HandoffRequestBody } from "../../shared/schemas/handoff.js";

const templates = createMailRenderer(path.resolve(import.meta.dirname, "templates"));

/** Active colleagues holding `role` who may see the incident (need-to-know: a restricted one only its owner and members), never the asker. */
async function peopleToAsk(tx: Tx, incidentId: string, role: HandoffRequestBody["role"], askerId: string): Promise<User[]> {
  const holders = await tx.user.findMany({ where: { role, active: true, id: { not: askerId } }, orderBy: { name: "asc" } });
  const allowed = new Set(await audienceOf(tx, incidentId, holders.map((u) => u.email)));
  return holders.filter((u) => allowed.has(u.email));
}

interface AskInput {
  ctx: AppContext;
  actor: AuditActor & { actorId: string; name: string };
  incidentId: string;
  body: HandoffRequestBody;
}

/**
 * "Ask them": hands a step to the people whose role it belongs to. The request is a working note that
 * mentions each of them (so it shows as "Mentions you" and in their mentions list, as a mention does),
 * plus a mail to each in their own language, audited as one event in the same transaction.
 */
export async function askRole(tx: Tx, { ctx, actor, incidentId, body }: AskInput) {
  const incident = await findIncidentOr404(tx, incidentId);
  const vendorT = translator(ctx.config.VENDOR_LANGUAGE);
  if (!mayTakeStep(body.role, body.step))
    throw ValidationError.field("role", `a ${vendorT(`labels:role.${body.role}`).toLocaleLowerCase()} cannot ${vendorT(`labels:handoffStep.${body.step}`)}`);
  const people = await peopleToAsk(tx, incidentId, body.role, actor.actorId);
  if (people.length === 0)
    throw ValidationError.field("role", "nobody else with this role is active and may see this incident; ask an administrator to add one as a member");

  const names = people.map((u) => u.name);
  const line = vendorT("mail:ask.note", {
    names: names.join(", "), role: vendorT(`labels:role.${body.role}`).toLocaleLowerCase(), step: vendorT(`labels:handoffStep.${body.step}`),
  });
  const noteBody = body.message ? `**${line}**\n\n${body.message}` : `**${line}**`;
  const note = await tx.note.create({
    data: { incidentId, authorId: actor.actorId, body: noteBody, mentionedIds: people.map((u) => u.id), versions: { create: { version: 1, body: noteBody } } },
  });
  await appendAudit(tx, actor, {
    action: "handoff.requested", targetType: "note", targetId: note.id, incidentId,
    after: { role: body.role, step: body.step, recipients: names, ...(body.message ? { message: excerpt(body.message) } : {}) },
  });
  for (const u of people) {
    const lang = languageOf(u.language ?? ctx.config.VENDOR_LANGUAGE);
    const t = translator(lang);
    const m = textMailIn(templates, "ask", {
      actor: actor.name, role: t(`labels:role.${body.role}`).toLocaleLowerCase(), step: t(`labels:handoffStep.${body.step}`),
      reference: incident.reference, title: incident.title, message: body.message ?? "", link: `${ctx.config.publicUrl}/incidents/${incident.id}#notes`,
    }, lang);
    await enqueueMail(tx, actor, { dedupeKey: `handoff:${note.id}:${u.id}`, to: [u.email], ...m, incidentId });
  }
  return { noteId: note.id, role: body.role, step: body.step, recipients: people.map((u) => ({ id: u.id, name: u.name })), at: note.createdAt.toISOString() };
}
