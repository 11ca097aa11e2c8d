import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import type { Config } from "../config.js";
import type { Actor } from "../auth/middleware.js";
import { NotFoundError, ValidationError } from "../http/errors.js";
import { noticeWhere } from "./policy.js";
import type { ListNoticesQuery, NoticeList, NoticeView } from "../../shared/schemas/notice.js";
import { decodeCursor, encodeCursor } from "../incidents/queries.js";
import { presentNotice } from "./presenter.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


/** Notices as the caller sees them, with their organisation, incident and outbox message. */
export async function presentNotices(tx: Tx, notices: Awaited<ReturnType<Tx["notice"]["findMany"]>>, actor: Actor, config: Config): Promise<NoticeView[]> {
  if (notices.length === 0) return [];
  const [orgs, incidents, messages] = await Promise.all([
    tx.organization.findMany({ where: { id: { in: [...new Set(notices.map((n) => n.organizationId))] } }, select: { id: true, name: true } }),
    tx.incident.findMany({ where: { id: { in: [...new Set(notices.map((n) => n.incidentId))] } }, select: { id: true, reference: true, title: true } }),
    tx.outboxMessage.findMany({ where: { dedupeKey: { in: notices.map((n) => `notice:${n.id}`) } } }),
  ]);
  const org = new Map(orgs.map((o) => [o.id, o]));
  const inc = new Map(incidents.map((i) => [i.id, i]));
  const msg = new Map(messages.map((m) => [m.noticeId, m]));
  return notices.map((n) =>
    presentNotice({ ...n, organization: org.get(n.organizationId) ?? { name: "?" }, incident: inc.get(n.incidentId) ?? { reference: "?", title: "?" } }, msg.get(n.id) ?? null, actor, config),
  );
}

/**
 * Newest first, keyset-paginated on (createdAt, id): a drafting run gives hundreds of notices the
 * same createdAt, so the id breaks the tie and no page repeats or skips one.
 */
export async function listNotices(tx: Tx, actor: Actor, config: Config, q: ListNoticesQuery): Promise<NoticeList> {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  if (after && !UUID.test(after.id)) throw ValidationError.field("query.cursor", "is not a cursor returned by this API");
  const where: PrismaNS.NoticeWhereInput = {
    AND: [
      await noticeWhere(tx, actor),
      {
        ...(q.incidentId ? { incidentId: q.incidentId } : {}),
        ...(q.organizationId ? { organizationId: q.organizationId } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.unacknowledged ? { status: "sent" as const, acknowledgedAt: null } : {}),
      },
      after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {},
    ],
  };
  const rows = await tx.notice.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { items: await presentNotices(tx, page, actor, config), nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** One notice the caller may see; 404 otherwise (a controller never learns other organisations' notices exist). */
export async function loadNoticeView(tx: Tx, actor: Actor, config: Config, id: string): Promise<NoticeView> {
  const n = await tx.notice.findFirst({ where: { AND: [{ id }, await noticeWhere(tx, actor)] } });
  if (!n) throw new NotFoundError("Notice");
  return (await presentNotices(tx, [n], actor, config))[0];
}
