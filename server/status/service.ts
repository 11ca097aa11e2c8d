import type { z } from "zod";
import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { HttpError, NotFoundError, ValidationError } from "../http/errors.js";
import { findIncidentOr404 } from "../incidents/find.js";
import { Contact } from "../../shared/schemas/organization.js";
import type { PostStatusUpdateBody, StatusServiceBody, SubscribeBody, UpdateStatusServiceBody } from "../../shared/schemas/status.js";
import { languageOf } from "../../shared/i18n/index.js";
import { subscriberWants } from "./policy.js";
import { confirmTokenHash, newConfirmToken } from "./tokens.js";
import { queueConfirmationMail, queueUpdateMail, type StatusLinks } from "./mails.js";
import { presentService } from "./presenter.js";

export async function createService(tx: Tx, by: AuditActor, body: z.infer<typeof StatusServiceBody>) {
  const s = await tx.statusService.create({ data: { names: body.names, position: body.position } });
  await appendAudit(tx, by, { action: "status.service_created", targetType: "status-service", targetId: s.id, after: { names: body.names } });
  return presentService(s);
}

export async function updateService(tx: Tx, by: AuditActor, { id, body }: { id: string; body: z.infer<typeof UpdateStatusServiceBody> }) {
  const before = await tx.statusService.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("Service");
  const s = await tx.statusService.update({ where: { id }, data: body });
  await appendAudit(tx, by, {
    action: "status.service_updated", targetType: "status-service", targetId: id,
    before: { names: before.names, position: before.position, archived: before.archived }, after: { names: s.names, position: s.position, archived: s.archived },
  });
  return presentService(s);
}

async function assertKnown(tx: Tx, body: z.infer<typeof PostStatusUpdateBody>) {
  const services = await tx.statusService.findMany({ where: { id: { in: body.serviceIds }, archived: false }, select: { id: true } });
  const unknownService = body.serviceIds.find((id) => !services.some((s) => s.id === id));
  if (unknownService) throw ValidationError.field("serviceIds", `names no service on the status page: ${unknownService}`);
  const orgs = await tx.organization.findMany({ where: { id: { in: body.organizationIds }, self: false } });
  const unknownOrg = body.organizationIds.find((id) => !orgs.some((o) => o.id === id));
  if (unknownOrg) throw ValidationError.field("organizationIds", `names no customer organisation: ${unknownOrg}`);
  return orgs;
}

/**
 * Subscribes the contacts of the affected organisations, confirmed (they are the customer's named contacts), in the
 * organisation's language. An address that unsubscribed stays unsubscribed.
 */
async function subscribeContacts(tx: Tx, by: AuditActor, { orgs, incidentId }: { orgs: { id: string; language: string; contacts: unknown }[]; incidentId: string }) {
  for (const org of orgs) {
    const emails = [...new Set(Contact.array().catch([]).parse(org.contacts).map((c) => c.email))];
    let added = 0;
    for (const email of emails) {
      const existing = await tx.statusSubscriber.findUnique({ where: { email } });
      if (!existing) {
        await tx.statusSubscriber.create({
          data: { email, language: languageOf(org.language), organizationIds: [org.id], serviceIds: [], source: "organization", confirmedAt: new Date() },
        });
        added++;
      } else if (!existing.unsubscribedAt && existing.confirmedAt && !existing.organizationIds.includes(org.id)
        && (existing.serviceIds.length > 0 || existing.organizationIds.length > 0)) {
        await tx.statusSubscriber.update({ where: { id: existing.id }, data: { organizationIds: [...existing.organizationIds, org.id] } });
        added++;
      }
    }
    if (added > 0)
      await appendAudit(tx, by, { action: "status.contacts_subscribed", targetType: "organization", targetId: org.id, incidentId, organizationId: org.id, after: { count: added } });
  }
}

/** Publishes one update of an incident and queues it, in one transaction, to every subscriber who wants it (once each). */
export async function postStatusUpdate(
  tx: Tx,
  { by, incidentId, body, links }: { by: AuditActor; incidentId: string; body: z.infer<typeof PostStatusUpdateBody>; links: StatusLinks },
) {
  await findIncidentOr404(tx, incidentId);
  const orgs = await assertKnown(tx, body);
  const statusIncident = await tx.statusIncident.upsert({ where: { incidentId }, create: { incidentId, titles: body.title }, update: { titles: body.title } });
  const update = await tx.statusUpdate.create({
    data: {
      statusIncidentId: statusIncident.id, state: body.state, texts: body.text, serviceIds: body.serviceIds, organizationIds: body.organizationIds,
      public: body.public, createdById: by.actorId,
    },
  });
  if (body.subscribeOrganizationContacts) await subscribeContacts(tx, by, { orgs, incidentId });
  const subscribers = await tx.statusSubscriber.findMany({ where: { confirmedAt: { not: null }, unsubscribedAt: null }, orderBy: { createdAt: "asc" } });
  const audience = subscribers.filter((s) => subscriberWants(s, update));
  const services = await tx.statusService.findMany({ where: { id: { in: body.serviceIds } }, orderBy: { position: "asc" } });
  for (const sub of audience)
    await queueUpdateMail(tx, { sub, update: { ...update, titles: body.title, texts: body.text, services: services.map((s) => s.names) }, links });
  await appendAudit(tx, by, {
    action: "status.update_published", targetType: "status-update", targetId: update.id, incidentId,
    after: { state: body.state, public: body.public, services: body.serviceIds.length, organizations: body.organizationIds.length, mailed: audience.length },
  });
  return { update, mailed: audience.length };
}

/**
 * Records a subscribe request and mails a confirmation link. The answer and the work are the same whether the address is
 * new, pending, confirmed or unsubscribed, so the endpoint tells nobody which addresses subscribe.
 */
export async function requestSubscription(tx: Tx, { body, links }: { body: z.infer<typeof SubscribeBody>; links: StatusLinks }) {
  if (body.serviceIds.length > 0) {
    const known = await tx.statusService.count({ where: { id: { in: body.serviceIds }, archived: false } });
    if (known !== new Set(body.serviceIds).size) throw ValidationError.field("serviceIds", "names a service that is not on the status page");
  }
  const { token, hash, expiresAt } = newConfirmToken();
  const pending = { language: body.language, serviceIds: [...new Set(body.serviceIds)] };
  const sub = await tx.statusSubscriber.upsert({
    where: { email: body.email },
    create: { email: body.email, language: body.language, serviceIds: pending.serviceIds, organizationIds: [], source: "visitor", confirmTokenHash: hash, confirmExpiresAt: expiresAt, pending },
    update: { confirmTokenHash: hash, confirmExpiresAt: expiresAt, pending },
  });
  await queueConfirmationMail(tx, { sub: { id: sub.id, email: sub.email, language: body.language }, token, tokenHash: hash, links });
  await appendAudit(tx, { actorId: null, actorLabel: "status page visitor" }, {
    action: "status.subscription_requested", targetType: "status-subscriber", targetId: sub.id, after: { language: body.language, services: pending.serviceIds.length },
  });
  return { accepted: true as const };
}

const Pending = (p: PrismaNS.JsonValue | null) => (p ?? {}) as { language?: string; serviceIds?: string[] };

/** Confirms a subscription by its link: 404 for an unknown token, 410 when it expired. */
export async function confirmSubscription(tx: Tx, token: string, now = new Date()) {
  const sub = await tx.statusSubscriber.findUnique({ where: { confirmTokenHash: confirmTokenHash(token) } });
  if (!sub) throw new HttpError(404, "invalid_link", "This confirmation link is not valid (it may have been used already).");
  if (!sub.confirmExpiresAt || sub.confirmExpiresAt <= now) throw new HttpError(410, "link_expired", "This confirmation link has expired. Subscribe again.");
  const pending = Pending(sub.pending);
  const language = languageOf(pending.language ?? sub.language);
  await tx.statusSubscriber.update({
    where: { id: sub.id },
    data: {
      language, serviceIds: pending.serviceIds ?? sub.serviceIds, confirmedAt: now, unsubscribedAt: null,
      confirmTokenHash: null, confirmExpiresAt: null, pending: undefined,
    },
  });
  await appendAudit(tx, { actorId: null, actorLabel: "status subscriber" }, {
    action: "status.subscription_confirmed", targetType: "status-subscriber", targetId: sub.id, after: { language },
  });
  return { confirmed: true as const, language };
}

/** Ends a subscription (idempotent: a second click changes nothing and says the same). */
export async function unsubscribe(tx: Tx, subscriberId: string) {
  const sub = await tx.statusSubscriber.findUnique({ where: { id: subscriberId } });
  if (!sub) throw new HttpError(404, "invalid_link", "This unsubscribe link is not valid.");
  if (!sub.unsubscribedAt) {
    await tx.statusSubscriber.update({ where: { id: sub.id }, data: { unsubscribedAt: new Date(), confirmTokenHash: null, confirmExpiresAt: null } });
    await appendAudit(tx, { actorId: null, actorLabel: "status subscriber" }, {
      action: "status.unsubscribed", targetType: "status-subscriber", targetId: sub.id, after: { source: sub.source },
    });
  }
  return { unsubscribed: true as const, language: languageOf(sub.language) };
}
