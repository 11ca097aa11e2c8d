import type { Router } from "express";
import type { z } from "zod";
import type { Prisma } from "../db/client.js";
import type { AppContext } from "../context.js";
import { IdParams, route } from "../http/route.js";
import { TimelinePage, TimelineQuery } from "../../shared/schemas/timeline.js";
import { eventSentence, TIMELINE_KINDS } from "../events/registry.js";
import { findIncidentOr404 } from "./service.js";
import { languageOf } from "../../shared/i18n/index.js";

/** The names entries on a timeline refer to: people, organisations, notices. */
async function lookups(prisma: Prisma, entries: { actorId: string | null; organizationId: string | null; targetId: string | null; before: unknown }[]) {
  const userIds = new Set<string>();
  for (const e of entries) {
    if (e.actorId) userIds.add(e.actorId);
    const owner = (e.before as { ownerId?: unknown } | null)?.ownerId;
    if (typeof owner === "string") userIds.add(owner);
  }
  const orgIds = [...new Set(entries.flatMap((e) => (e.organizationId ? [e.organizationId] : [])))];
  const noticeIds = [...new Set(entries.flatMap((e) => (e.targetId && /^[0-9a-f-]{36}$/.test(e.targetId) ? [e.targetId] : [])))];
  const [users, orgs, notices] = await Promise.all([
    userIds.size ? prisma.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }) : [],
    orgIds.length ? prisma.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }) : [],
    noticeIds.length ? prisma.notice.findMany({ where: { id: { in: noticeIds } }, select: { id: true, phase: true, language: true } }) : [],
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u.name])),
    organizations: new Map(orgs.map((o) => [o.id, o.name])),
    notices: new Map(notices.map((n) => [n.id, { phase: String(n.phase), language: n.language }])),
  };
}

/** Newest first, a page at a time, optionally only some kinds or one person; each entry as a sentence in the reader's language. */
export async function readTimeline(p: { prisma: Prisma; incidentId: string; query: z.infer<typeof TimelineQuery>; lang: string; zone: string }) {
  const { prisma, incidentId, query } = p;
  await findIncidentOr404(prisma, incidentId);
  const kinds = query.kind?.split(",").map((k) => k.trim()).filter(Boolean);
  const rows = await prisma.auditEntry.findMany({
    where: {
      incidentId,
      ...(kinds?.length ? { action: { in: kinds } } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.cursor ? { id: { lt: BigInt(query.cursor) } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const actors = await prisma.auditEntry.findMany({ where: { incidentId, actorId: { not: null } }, distinct: ["actorId"], select: { actorId: true } });
  const names = await lookups(prisma, [...page, ...actors.map((a) => ({ actorId: a.actorId, organizationId: null, targetId: null, before: null }))]);
  const l = { lang: p.lang, zone: p.zone, ...names };
  return {
    items: page.map((e) => ({
      id: String(e.id), at: e.at.toISOString(), kind: e.action,
      actor: { id: e.actorId, label: e.actorId ? (names.users.get(e.actorId) ?? e.actorLabel) : e.actorLabel },
      sentence: eventSentence(e, l),
    })),
    nextCursor: rows.length > query.limit ? String(page[page.length - 1].id) : null,
    people: actors.flatMap((a) => (a.actorId ? [{ id: a.actorId, name: names.users.get(a.actorId) ?? a.actorId }] : [])),
    kinds: TIMELINE_KINDS,
  };
}

export function timelineRoute(router: Router, app: AppContext) {
  route(router, app, {
    method: "get", path: "/api/incidents/:id/timeline", tag: "incidents",
    summary: "The incident's timeline, newest first, in pages; each event as a sentence in the reader's language",
    auth: "incident.read", params: IdParams, query: TimelineQuery, response: TimelinePage,
    handler: ({ req, params, query }) => readTimeline({
      prisma: app.prisma, incidentId: params.id, query,
      lang: query.lang ?? languageOf(req.acceptsLanguages(["en", "sv", "nb"]) || "en"),
      zone: query.zone ?? app.config.MAIL_TIME_ZONE,
    }),
  });
}
