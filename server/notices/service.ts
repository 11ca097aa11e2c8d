import { createHash } from "node:crypto";
import type { Prisma as PrismaNS, Notice } from "../generated/prisma/client.js";
import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import type { Actor } from "../auth/middleware.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { completeObligation, keepPromises } from "../breaches/obligations.js";
import { enqueueMail, retryMail } from "../outbox/service.js";
import { controllerReplyTo } from "../outbox/replyTo.js";
import { messageIdDomain } from "../outbox/transport.js";
import { approvalRefusal, mayTransition, sendRefusal, ACKNOWLEDGEABLE } from "../../shared/notices/rules.js";
import type { DraftNoticesBody, NoticePhase, NoticeStatus, UpdateNoticeBody } from "../../shared/schemas/notice.js";
import { describeChanges, loadSharedFacts, noticeTemplateData, prefillContent, type NoticeContext, type NoticeFacts } from "./facts.js";
import { languageOf, renderText, textToHtml } from "./render.js";
import { translator } from "../../shared/i18n/index.js";
import { ackToken } from "./ackToken.js";
import { NOTICE_PDF_SOURCE, noticePdfFilename } from "./pdf.js";
import { deadlineSection } from "./deadlineSection.js";
import { noticeRef } from "../../shared/notices/reference.js";
import { zoneOfCountry } from "../../shared/breach/localTime.js";

type Recipient = { name: string; email: string; role: string };
const json = (v: unknown) => v as PrismaNS.InputJsonValue;

/** Subject, text and "what changed" of a notice, from its facts and the notices before it to the same controller. */
function composeNotice(p: { facts: NoticeFacts; previous: NoticeFacts | null; context: Omit<NoticeContext, "changes">; lang: string; zone: string }) {
  const changes = p.previous ? describeChanges(p.previous, p.facts, p.lang) : [];
  const rendered = renderText("notice", p.lang, noticeTemplateData(p.facts, { ...p.context, changes }, p.lang, p.zone));
  return { subject: rendered.subject, body: rendered.text, changes };
}


export async function findNoticeOr404(tx: Tx, id: string) {
  const n = await tx.notice.findUnique({ where: { id } });
  if (!n) throw new NotFoundError("Notice");
  return n;
}

const DELIVERED: NoticeStatus[] = ["queued", "sent", "acknowledged", "failed"];

/** Why this controller gets no new notice of `phase` now; null when it does. */
function skipReason(phase: NoticePhase, own: Notice[]): string | null {
  if (own.some((n) => n.phase === phase && (n.status === "draft" || n.status === "approved")))
    return `an unsent ${phase} notice to this controller exists already`;
  const initial = own.find((n) => n.phase === "initial");
  if (phase === "initial" && initial) return "this controller has an initial notice already; draft an update";
  if (phase !== "initial" && !initial) return "this controller has no initial notice yet; draft the initial notice first";
  if (own.some((n) => n.phase === "final")) return "this controller has a final notice already";
  return null;
}

/**
 * Drafts one notice per affected controller (not the vendor itself) in its language, from the
 * current assessment and that controller's own numbers. Update and final notices refer to the
 * initial one and list what changed since the previous notice that went out.
 */
export async function draftNotices(tx: Tx, actor: AuditActor, config: Config, incidentId: string, body: DraftNoticesBody) {
  await findIncidentOr404(tx, incidentId);
  // Serialises drafting per incident, so two runs never take the same sequence number.
  await tx.$queryRaw`SELECT id FROM "Incident" WHERE id = ${incidentId}::uuid FOR UPDATE`;
  const loaded = await loadSharedFacts(tx, config, incidentId);
  if (!loaded) throw new ConflictError("There is no breach assessment for this incident yet: assess the breach before notifying controllers.");
  const affected = (await tx.incidentOrganization.findMany({ where: { incidentId }, include: { organization: true } })).filter((a) => !a.organization.self);
  if (affected.length === 0) throw new ConflictError("No affected controllers: set the affected organisations (other than the vendor itself) first.");
  if (body.nextUpdateAt && new Date(body.nextUpdateAt).getTime() <= Date.now()) throw ValidationError.field("nextUpdateAt", "must be in the future");
  if (body.nextUpdateAt && body.phase === "final") throw ValidationError.field("nextUpdateAt", "does not apply to a final notice");
  let targets = affected;
  if (body.organizationIds) {
    const byId = new Map(affected.map((a) => [a.organizationId, a]));
    const bad = body.organizationIds.map((id, i) => ({ id, i })).filter(({ id }) => !byId.has(id));
    if (bad.length) throw new ValidationError(bad.map(({ i }) => ({ field: `organizationIds.${i}`, message: "is not an affected controller of this incident" })));
    targets = [...new Set(body.organizationIds)].map((id) => byId.get(id)!);
  }
  const nextUpdateAt = body.phase === "final" ? null : (body.nextUpdateAt ?? new Date(Date.now() + config.NOTICE_UPDATE_HOURS * 3_600_000).toISOString());
  const [existing, systems] = await Promise.all([
    tx.notice.findMany({ where: { incidentId, organizationId: { in: targets.map((t) => t.organizationId) } }, orderBy: { sequence: "asc" } }),
    tx.system.findMany({
      where: { OR: [{ name: { in: loaded.affectedSystems } }, { id: { in: loaded.affectedSystems.filter((s) => /^[0-9a-f-]{36}$/i.test(s)) } }] },
      include: { organizations: { select: { organizationId: true } } },
    }),
  ]);
  const rows: PrismaNS.NoticeCreateManyInput[] = [];
  const skipped: { organizationId: string; organization: string; reason: string }[] = [];
  for (const t of targets) {
    const org = t.organization;
    const own = existing.filter((n) => n.organizationId === org.id);
    const reason = skipReason(body.phase, own);
    if (reason) {
      skipped.push({ organizationId: org.id, organization: org.name, reason });
      continue;
    }
    const lang = languageOf(org.language);
    const facts: NoticeFacts = {
      ...loaded.shared, organization: org.name, approxSubjects: t.approxSubjects, approxRecords: t.approxRecords, nextUpdateAt,
      systems: systems.filter((s) => s.organizations.some((o) => o.organizationId === org.id)).map((s) => s.name).sort(),
    };
    const initial = own.find((n) => n.phase === "initial") ?? null;
    const previous = [...own].reverse().find((n) => DELIVERED.includes(n.status)) ?? initial;
    const sequence = (own.at(-1)?.sequence ?? 0) + 1;
    const previousFacts = previous ? (previous.facts as unknown as NoticeFacts) : null;
    facts.customer = prefillContent({ facts, previous: previousFacts, lang, vendorLanguage: config.VENDOR_LANGUAGE });
    const composed = composeNotice({
      facts, previous: previousFacts, lang, zone: zoneOfCountry(org.country, config.MAIL_TIME_ZONE),
      context: {
        phase: body.phase, sequence, noticeRef: noticeRef(facts.reference, sequence),
        initial: initial ? { ref: noticeRef(facts.reference, initial.sequence), at: (initial.sentAt ?? initial.createdAt).toISOString() } : null,
        previousAt: previous ? (previous.sentAt ?? previous.createdAt).toISOString() : null,
      },
    });
    const recipients = ((org.contacts ?? []) as Recipient[]).map(({ name, email, role }) => ({ name, email, role }));
    rows.push({
      incidentId, organizationId: org.id, phase: body.phase, sequence, initialId: initial?.id ?? null, previousId: previous?.id ?? null,
      language: lang, recipients: json(recipients), subject: composed.subject, body: composed.body, facts: json(facts), changes: json(composed.changes),
      createdById: actor.actorId, editedById: actor.actorId, editedAt: new Date(),
    });
  }
  // One insert, then the audit entries: the audit chain's lock is held only for the appends.
  const drafted = rows.length ? await tx.notice.createManyAndReturn({ data: rows }) : [];
  for (const n of drafted) {
    const f = n.facts as unknown as NoticeFacts;
    await appendAudit(tx, actor, {
      action: "notice.drafted", targetType: "notice", targetId: n.id, incidentId, organizationId: n.organizationId,
      after: { phase: n.phase, sequence: n.sequence, language: n.language, approxSubjects: f.approxSubjects, approxRecords: f.approxRecords, changes: n.changes },
    });
  }
  return { drafted, skipped };
}

/** Edits a draft; the editor becomes the one person who cannot approve it (four eyes). */
export async function updateNotice(tx: Tx, actor: AuditActor, config: Config, id: string, body: UpdateNoticeBody) {
  const n = await findNoticeOr404(tx, id);
  if (n.status !== "draft") throw new ConflictError(`Only a draft can be edited; this notice is ${n.status}.`);
  if (body.version !== undefined && body.version !== n.version)
    throw new ConflictError(`The notice was changed by someone else (version ${n.version}, you edited version ${body.version}); reload it.`);
  const { version: _v, content, ...edited } = body;
  const rewritten = content ? await withContent(tx, config, n, content) : null;
  const { count } = await tx.notice.updateMany({
    where: { id, version: n.version, status: "draft" },
    data: {
      ...(rewritten ? { subject: rewritten.subject, body: rewritten.body, facts: json(rewritten.facts), changes: json(rewritten.changes) } : {}),
      ...edited, ...(edited.recipients ? { recipients: json(edited.recipients) } : {}), editedById: actor.actorId, editedAt: new Date(), version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError("The notice was changed by someone else meanwhile; reload it.");
  await appendAudit(tx, actor, {
    action: "notice.edited", targetType: "notice", targetId: id, incidentId: n.incidentId, organizationId: n.organizationId,
    before: { ...Object.fromEntries(Object.keys(edited).map((k) => [k, n[k as keyof Notice]])), ...(content ? { content: (n.facts as unknown as NoticeFacts).customer ?? null } : {}) },
    after: { ...edited, ...(content ? { content } : {}) },
  });
  return findNoticeOr404(tx, id);
}

/**
 * A draft with new customer-facing texts: each one sent counts as written for the notice's language
 * (translated), and subject, text and "what changed" are written again from them.
 */
async function withContent(tx: Tx, config: Config, n: Notice, content: NonNullable<UpdateNoticeBody["content"]>) {
  const facts = n.facts as unknown as NoticeFacts;
  const [org, initial, previous] = await Promise.all([
    tx.organization.findUniqueOrThrow({ where: { id: n.organizationId }, select: { country: true } }),
    n.initialId ? tx.notice.findUnique({ where: { id: n.initialId } }) : null,
    n.previousId ? tx.notice.findUnique({ where: { id: n.previousId } }) : null,
  ]);
  const current = facts.customer ?? prefillContent({ facts, previous: null, lang: n.language, vendorLanguage: config.VENDOR_LANGUAGE });
  const customer = { ...current, ...Object.fromEntries(Object.entries(content).map(([k, text]) => [k, { text, translated: true }])) };
  const next: NoticeFacts = { ...facts, customer };
  const composed = composeNotice({
    facts: next, previous: previous ? (previous.facts as unknown as NoticeFacts) : null, lang: n.language,
    zone: zoneOfCountry(org.country, config.MAIL_TIME_ZONE),
    context: {
      phase: n.phase, sequence: n.sequence, noticeRef: noticeRef(facts.reference, n.sequence),
      initial: initial ? { ref: noticeRef(facts.reference, initial.sequence), at: (initial.sentAt ?? initial.createdAt).toISOString() } : null,
      previousAt: previous ? (previous.sentAt ?? previous.createdAt).toISOString() : null,
    },
  });
  return { facts: next, ...composed };
}

/** Notices that never left: discarding one removes it (nothing was sent, nobody outside saw it). */
export const DISCARDABLE: readonly NoticeStatus[] = ["draft", "approved"];

/**
 * Discards a draft or an approved-but-unsent notice by deleting it, so that phase can be drafted
 * again. Sequence numbers stay gap-free: only a controller's latest notice can be discarded (its
 * number is then taken by the next draft), and nothing may refer to it. The audit entry keeps
 * the reference, the phase and a SHA-256 of the removed subject and text.
 */
export async function discardNotice(tx: Tx, actor: AuditActor, id: string) {
  const n = await findNoticeOr404(tx, id);
  if (!DISCARDABLE.includes(n.status))
    throw new ConflictError(`Only a draft or an approved notice that was not sent can be discarded; this notice is ${n.status}${n.status === "failed" ? " (it was handed to the outbox: retry it, or send it by hand)" : ""}.`);
  // Serialises with drafting, which numbers notices per controller under the same lock.
  await tx.$queryRaw`SELECT id FROM "Incident" WHERE id = ${n.incidentId}::uuid FOR UPDATE`;
  const incident = await tx.incident.findUniqueOrThrow({ where: { id: n.incidentId }, select: { reference: true } });
  const later = await tx.notice.findFirst({ where: { incidentId: n.incidentId, organizationId: n.organizationId, sequence: { gt: n.sequence } }, orderBy: { sequence: "desc" } });
  if (later)
    throw new ConflictError(`Notice ${noticeRef(incident.reference, later.sequence)} to this controller came after this one; discard it first (notice numbers stay without gaps).`);
  const referring = await tx.notice.count({ where: { OR: [{ initialId: id }, { previousId: id }] } });
  if (referring) throw new ConflictError("Another notice refers to this one; discard that notice first.");
  const { count } = await tx.notice.deleteMany({ where: { id, status: { in: [...DISCARDABLE] }, version: n.version } });
  if (count === 0) throw new ConflictError("The notice changed while you discarded it; reload it.");
  const reference = noticeRef(incident.reference, n.sequence);
  await appendAudit(tx, actor, {
    action: "notice.discarded", targetType: "notice", targetId: id, incidentId: n.incidentId, organizationId: n.organizationId,
    before: { status: n.status, phase: n.phase, sequence: n.sequence, reference, language: n.language, sha256: createHash("sha256").update(`${n.subject}\n\n${n.body}`).digest("hex") },
    after: null,
  });
  return { id, reference, phase: n.phase, status: n.status };
}

const rulesView = (n: Notice) => ({ status: n.status, organizationId: n.organizationId, editedById: n.editedById, recipients: n.recipients as Recipient[] });

export async function approveNotice(tx: Tx, actor: Actor, audit: AuditActor, config: Config, id: string) {
  const n = await findNoticeOr404(tx, id);
  const refusal = approvalRefusal(rulesView(n), actor, config.NOTICE_FOUR_EYES);
  if (refusal) throw new ConflictError(refusal);
  const { count } = await tx.notice.updateMany({ where: { id, status: "draft", version: n.version }, data: { status: "approved", approvedById: actor.id, approvedAt: new Date() } });
  if (count === 0) throw new ConflictError("The notice changed while you approved it; reload it.");
  await appendAudit(tx, audit, {
    action: "notice.approved", targetType: "notice", targetId: id, incidentId: n.incidentId, organizationId: n.organizationId,
    before: { status: n.status }, after: { status: "approved", fourEyes: config.NOTICE_FOUR_EYES },
  });
  return findNoticeOr404(tx, id);
}

/** Approves every draft of an incident the caller may approve (four eyes per notice); the rest are listed with the reason. */
export async function approveDrafts(tx: Tx, actor: Actor, audit: AuditActor, config: Config, incidentId: string) {
  await findIncidentOr404(tx, incidentId);
  const drafts = await tx.notice.findMany({ where: { incidentId, status: "draft" }, orderBy: [{ organizationId: "asc" }, { sequence: "asc" }] });
  const skipped: { noticeId: string; reason: string }[] = [];
  let approved = 0;
  for (const n of drafts) {
    const refusal = approvalRefusal(rulesView(n), actor, config.NOTICE_FOUR_EYES);
    if (refusal) skipped.push({ noticeId: n.id, reason: refusal });
    else {
      await approveNotice(tx, actor, audit, config, n.id);
      approved++;
    }
  }
  return { approved, skipped };
}

/** The acknowledgement link of a notice (the base is PUBLIC_URL, else the request's host). */
export const ackLink = (baseUrl: string, secret: string, n: { id: string; ackExpiresAt: Date }) =>
  `${baseUrl.replace(/\/+$/, "")}/ack/${ackToken(secret, n.id, n.ackExpiresAt)}`;

/** The portal's address for one incident: sign-in first, then straight to it. */
export const portalLink = (baseUrl: string, incidentId: string) => `${baseUrl.replace(/\/+$/, "")}/portal/incidents/${incidentId}`;

/** What the mail adds below the notice as kept: the acknowledgement link, and the way into the portal and what can be done there. */
function mailFooter(p: { lang: string; baseUrl: string; incidentId: string; ackUrl: string }): string {
  const t = translator(p.lang);
  return [
    t("notice:ack.link", { link: p.ackUrl }), "",
    t("notice:portal.heading"), t("notice:portal.intro"), t("notice:portal.signIn", { link: portalLink(p.baseUrl, p.incidentId) }),
  ].join("\n") + "\n";
}

/** Hands an approved notice to the outbox (dedupe key notice:<id>), with the acknowledgement link in both parts. */
export async function queueNotice(tx: Tx, actor: Actor, audit: AuditActor, config: Config, n: Notice, link: { baseUrl: string; secret: string }) {
  const refusal = sendRefusal(rulesView(n), actor);
  if (refusal) throw new ConflictError(refusal);
  const ackExpiresAt = new Date(Date.now() + config.NOTICE_ACK_LINK_DAYS * 86_400_000);
  const queuedAt = new Date();
  // The deadlines depend on when the notice leaves, so they join its text now, as sent and as kept.
  const body = `${n.body.trim()}\n\n${await deadlineSection(tx, n, queuedAt, config.MAIL_TIME_ZONE)}\n`;
  const { count } = await tx.notice.updateMany({
    where: { id: n.id, status: "approved" },
    data: { status: "queued", queuedById: actor.id, queuedAt, ackExpiresAt, body },
  });
  if (count === 0) throw new ConflictError("The notice is being sent already.");
  const text = `${body.trim()}\n\n${mailFooter({ lang: n.language, baseUrl: link.baseUrl, incidentId: n.incidentId, ackUrl: ackLink(link.baseUrl, link.secret, { id: n.id, ackExpiresAt }) })}`;
  const [initial, incident, replyTo] = await Promise.all([
    n.initialId ? tx.outboxMessage.findFirst({ where: { noticeId: n.initialId }, select: { id: true } }) : null,
    tx.incident.findUniqueOrThrow({ where: { id: n.incidentId }, select: { reference: true } }),
    controllerReplyTo(tx, config),
  ]);
  const queued = await enqueueMail(tx, audit, {
    dedupeKey: `notice:${n.id}`, to: (n.recipients as Recipient[]).map((r) => r.email), replyTo, subject: n.subject, text,
    html: textToHtml(text, n.language, n.subject), incidentId: n.incidentId, noticeId: n.id, organizationId: n.organizationId,
    // The PDF is built by the outbox worker when it sends (server/notices/pdf.ts), from the committed notice.
    attachments: [{ filename: noticePdfFilename(noticeRef(incident.reference, n.sequence)), contentType: "application/pdf", source: { kind: NOTICE_PDF_SOURCE, id: n.id } }],
    // Updates thread under the initial notice in the controller's mail client.
    headers: initial ? { "In-Reply-To": `<${initial.id}@${messageIdDomain(config.MAIL_FROM)}>`, References: `<${initial.id}@${messageIdDomain(config.MAIL_FROM)}>` } : {},
  });
  await appendAudit(tx, audit, {
    action: "notice.queued", targetType: "notice", targetId: n.id, incidentId: n.incidentId, organizationId: n.organizationId,
    before: { status: n.status }, after: { status: "queued", outboxId: queued.id, ackExpiresAt, deadlinesAdded: true },
  });
  return queued;
}

export async function sendNotice(tx: Tx, actor: Actor, audit: AuditActor, config: Config, id: string, link: { baseUrl: string; secret: string }) {
  await queueNotice(tx, actor, audit, config, await findNoticeOr404(tx, id), link);
  return findNoticeOr404(tx, id);
}

/** Sends every approved notice of an incident in one transaction. */
export async function sendApproved(tx: Tx, actor: Actor, audit: AuditActor, config: Config, incidentId: string, link: { baseUrl: string; secret: string }) {
  await findIncidentOr404(tx, incidentId);
  const approved = await tx.notice.findMany({ where: { incidentId, status: "approved" }, orderBy: [{ organizationId: "asc" }, { sequence: "asc" }] });
  const skipped: { noticeId: string; reason: string }[] = [];
  let queued = 0;
  for (const n of approved) {
    const refusal = sendRefusal(rulesView(n), actor);
    if (refusal) skipped.push({ noticeId: n.id, reason: refusal });
    else {
      await queueNotice(tx, actor, audit, config, n, link);
      queued++;
    }
  }
  const drafts = await tx.notice.count({ where: { incidentId, status: "draft" } });
  return { queued, skipped, draftsNotApproved: drafts };
}

/** A failed notice goes back to the queue (the outbox message is retried, never duplicated). */
export async function retryNotice(tx: Tx, audit: AuditActor, id: string) {
  const n = await findNoticeOr404(tx, id);
  if (n.status !== "failed") throw new ConflictError(`Only a failed notice can be retried; this notice is ${n.status}.`);
  const m = await tx.outboxMessage.findUnique({ where: { dedupeKey: `notice:${id}` } });
  if (!m) throw new ConflictError("The notice's message is missing from the outbox.");
  await retryMail(tx, audit, m.id);
  await tx.notice.update({ where: { id }, data: { status: "queued", lastError: null, failedAt: null } });
  await appendAudit(tx, audit, {
    action: "notice.retried", targetType: "notice", targetId: id, incidentId: n.incidentId, organizationId: n.organizationId,
    before: { status: n.status, lastError: n.lastError }, after: { status: "queued" },
  });
  return findNoticeOr404(tx, id);
}

/**
 * Records who acknowledged, by link (a name typed on the page) or in the portal (the user).
 * Idempotent: a second acknowledgement changes nothing and says when the first one was.
 */
export async function acknowledgeNotice(tx: Tx, audit: AuditActor, id: string, by: { via: "link" | "portal"; name: string; userId?: string }) {
  const n = await findNoticeOr404(tx, id);
  if (n.status === "acknowledged") return { notice: n, already: true };
  if (!ACKNOWLEDGEABLE.includes(n.status)) throw new ConflictError(`This notice cannot be acknowledged: it is ${n.status}.`);
  const at = new Date();
  const { count } = await tx.notice.updateMany({
    where: { id, status: { in: [...ACKNOWLEDGEABLE] } },
    data: { status: "acknowledged", acknowledgedAt: at, acknowledgedBy: by.name, acknowledgedVia: by.via, acknowledgedById: by.userId ?? null },
  });
  if (count === 0) return { notice: await findNoticeOr404(tx, id), already: true };
  await appendAudit(tx, audit, {
    action: "notice.acknowledged", targetType: "notice", targetId: id, incidentId: n.incidentId, organizationId: n.organizationId,
    before: { status: n.status }, after: { status: "acknowledged", by: by.name, via: by.via, at },
  });
  return { notice: await findNoticeOr404(tx, id), already: false };
}

export type DeliveryOutcome = { outcome: "sent"; at: Date } | { outcome: "failed" | "undeliverable"; error: string };

/**
 * The outbox delivered a notice or gave up on it. Sent: the notice is sent, and the initial
 * notice meets this controller's Art. 33(2) obligation (later notices do not re-complete it).
 * Failed or undeliverable: the notice is failed with the reason. Conditional, so a repeat is a no-op.
 */
export async function recordNoticeDelivery(tx: Tx, actor: AuditActor, config: Config, noticeId: string, d: DeliveryOutcome) {
  const n = await tx.notice.findUnique({ where: { id: noticeId } });
  if (!n) return;
  if (d.outcome === "sent") {
    // An acknowledgement may overtake our bookkeeping (the link was in the mail): it keeps its
    // status, but the sending is still recorded and still meets the obligation.
    const overtaken = n.status === "acknowledged" && !n.sentAt;
    if (!mayTransition(n.status, "sent") && !overtaken) return;
    const { count } = await tx.notice.updateMany({
      where: { id: n.id, status: n.status, sentAt: null },
      data: { status: overtaken ? "acknowledged" : "sent", sentAt: d.at, lastError: null, failedAt: null },
    });
    if (count === 0) return;
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: n.incidentId }, select: { reference: true } });
    const org = await tx.organization.findUnique({ where: { id: n.organizationId }, select: { name: true } });
    let obligationId: string | null = null;
    if (n.phase === "initial") {
      const o = await tx.obligation.findUnique({ where: { incidentId_key: { incidentId: n.incidentId, key: `gdpr-33-2:${n.organizationId}` } } });
      if (o && o.status === "pending" && !o.obsolete) {
        await completeObligation(tx, actor, config, o.id, { at: d.at.toISOString(), note: `Notice ${noticeRef(incident.reference, n.sequence)} sent to ${org?.name ?? n.organizationId} (notice ${n.id}).` });
        obligationId = o.id;
      }
    }
    // Art. 33(4): this notice keeps the updates promised to this controller before, and starts its own promise's clock.
    await keepPromises(tx, actor, config, {
      incidentId: n.incidentId, to: "controller", recipient: n.organizationId, sentId: n.id, at: d.at,
      note: `Notice ${noticeRef(incident.reference, n.sequence)} (${n.phase}) sent to ${org?.name ?? n.organizationId}.`,
    });
    await appendAudit(tx, actor, {
      action: "notice.sent", targetType: "notice", targetId: n.id, incidentId: n.incidentId, organizationId: n.organizationId,
      before: { status: n.status }, after: { status: overtaken ? "acknowledged" : "sent", sentAt: d.at, obligationCompleted: obligationId },
    });
    return;
  }
  if (!mayTransition(n.status, "failed")) return;
  const error = d.outcome === "undeliverable" ? "Not delivered: no SMTP server configured (SMTP_URL). Send it by hand, or configure SMTP and retry." : `Not delivered: ${d.error}`;
  const { count } = await tx.notice.updateMany({ where: { id: n.id, status: n.status }, data: { status: "failed", failedAt: new Date(), lastError: error } });
  if (count === 0) return;
  await appendAudit(tx, actor, {
    action: "notice.failed", targetType: "notice", targetId: n.id, incidentId: n.incidentId, organizationId: n.organizationId,
    before: { status: n.status }, after: { status: "failed", lastError: error },
  });
}
