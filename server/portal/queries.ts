import type { Notice } from "../generated/prisma/client.js";
import type { Prisma } from "../db/client.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { NotFoundError } from "../http/errors.js";
import { controllerClock } from "../../shared/breach/controllerDeadline.js";
import { notifiedWhere } from "../notices/policy.js";
import { presentControllerDecision, presentPortalNotice, presentQuestion, type Names } from "./presenter.js";

/** Names of the users and organisations the rows refer to, in two queries. */
export async function loadNames(prisma: Prisma, userIds: (string | null)[], organizationIds: string[]): Promise<Names> {
  const [users, orgs] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: [...new Set(userIds.filter((u): u is string => Boolean(u)))] } }, select: { id: true, name: true, role: true } }),
    prisma.organization.findMany({ where: { id: { in: [...new Set(organizationIds)] } }, select: { id: true, name: true } }),
  ]);
  return { users: new Map(users.map((u) => [u.id, { name: u.name, role: u.role }])), organizations: new Map(orgs.map((o) => [o.id, o.name])) };
}

async function organizationName(prisma: Prisma, id: string) {
  const org = await prisma.organization.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!org) throw new NotFoundError("Organisation");
  return org;
}

/** Shared by the list and the single view: what one incident looks like from its notices to this organisation. */
function summarize(incident: { id: string; reference: string }, notices: Notice[], openQuestions: number) {
  const latest = notices[notices.length - 1];
  return {
    id: incident.id,
    reference: incident.reference,
    title: latest.subject,
    latestNotice: { id: latest.id, phase: latest.phase, sequence: latest.sequence, status: latest.status, sentAt: latest.sentAt?.toISOString() ?? null },
    notices: notices.length,
    unacknowledged: notices.filter((n) => !n.acknowledgedAt).length,
    openQuestions,
    firstNotifiedAt: (notices[0].sentAt ?? notices[0].queuedAt ?? notices[0].createdAt).toISOString(),
  };
}

/** The incidents notified to the organisation, newest notice first. */
export async function listPortalIncidents(prisma: Prisma, organizationId: string) {
  const organization = await organizationName(prisma, organizationId);
  const notices = await prisma.notice.findMany({ where: notifiedWhere(organizationId), orderBy: [{ incidentId: "asc" }, { sequence: "asc" }] });
  const incidentIds = [...new Set(notices.map((n) => n.incidentId))];
  const [incidents, open] = await Promise.all([
    prisma.incident.findMany({ where: { id: { in: incidentIds } }, select: { id: true, reference: true } }),
    prisma.noticeQuestion.groupBy({ by: ["incidentId"], where: { organizationId, incidentId: { in: incidentIds }, answeredAt: null }, _count: { _all: true } }),
  ]);
  const openBy = new Map(open.map((o) => [o.incidentId, o._count._all]));
  const items = incidents.map((i) => summarize(i, notices.filter((n) => n.incidentId === i.id), openBy.get(i.id) ?? 0));
  items.sort((a, b) => latestAt(b).localeCompare(latestAt(a)));
  return { organization, items };
}

const latestAt = (s: { latestNotice: { sentAt: string | null }; firstNotifiedAt: string }) => s.latestNotice.sentAt ?? s.firstNotifiedAt;

/** One incident as notified to the organisation: its notices, its questions and its decisions, and a merged timeline. */
export async function portalIncident(prisma: Prisma, organizationId: string, incidentId: string) {
  const [organization, incident, notices, questions, decisions, obligation, hours] = await Promise.all([
    organizationName(prisma, organizationId),
    prisma.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { id: true, reference: true } }),
    prisma.notice.findMany({ where: notifiedWhere(organizationId, incidentId), orderBy: { sequence: "asc" } }),
    prisma.noticeQuestion.findMany({ where: { organizationId, incidentId }, orderBy: { createdAt: "asc" } }),
    prisma.controllerDecision.findMany({ where: { organizationId, incidentId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    prisma.obligation.findUnique({ where: { incidentId_key: { incidentId, key: `gdpr-33-2:${organizationId}` } } }),
    prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { noticeHours: true } }),
  ]);
  const initial = notices.find((n) => n.phase === "initial");
  const deadlines = {
    processor: obligation && !obligation.obsolete
      ? { dueAt: obligation.dueAt.toISOString(), hours: hours.noticeHours, metAt: obligation.satisfiedAt?.toISOString() ?? null }
      : null,
    controller: initial ? controllerClock(initial) : null,
  };
  const names = await loadNames(prisma, [...questions.map((q) => q.askedById), ...decisions.map((d) => d.decidedById)], [organizationId]);
  const timeline = [
    ...notices.map((n) => ({ at: (n.sentAt ?? n.queuedAt ?? n.createdAt).toISOString(), kind: "notice" as const, id: n.id })),
    ...notices.filter((n) => n.acknowledgedAt).map((n) => ({ at: n.acknowledgedAt!.toISOString(), kind: "acknowledged" as const, id: n.id })),
    ...questions.map((q) => ({ at: q.createdAt.toISOString(), kind: "question" as const, id: q.id })),
    ...questions.filter((q) => q.answeredAt).map((q) => ({ at: q.answeredAt!.toISOString(), kind: "answer" as const, id: q.id })),
    ...decisions.map((d) => ({ at: d.createdAt.toISOString(), kind: "decision" as const, id: d.id })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    ...summarize(incident, notices, questions.filter((q) => !q.answeredAt).length),
    organization,
    deadlines,
    noticeHistory: notices.map((n) => presentPortalNotice(n, incident.reference)),
    questions: questions.map((q) => presentQuestion(q, names, false)),
    decisions: decisions.map((d) => presentControllerDecision(d, names)),
    timeline,
  };
}

/** Every organisation's questions on an incident (privacy team view), oldest first. */
export async function listQuestions(prisma: Prisma, incidentId: string) {
  await findIncidentOr404(prisma, incidentId);
  const questions = await prisma.noticeQuestion.findMany({ where: { incidentId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const names = await loadNames(prisma, questions.flatMap((q) => [q.askedById, q.answeredById]), questions.map((q) => q.organizationId));
  return { items: questions.map((q) => presentQuestion(q, names, true)) };
}

/** Each controller's newest decision on an incident and every earlier version (privacy team view). */
export async function listControllerDecisions(prisma: Prisma, incidentId: string) {
  await findIncidentOr404(prisma, incidentId);
  const rows = await prisma.controllerDecision.findMany({ where: { incidentId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const names = await loadNames(prisma, rows.map((d) => d.decidedById), rows.map((d) => d.organizationId));
  const byOrg = new Map<string, typeof rows>();
  for (const d of rows) byOrg.set(d.organizationId, [...(byOrg.get(d.organizationId) ?? []), d]);
  const items = [...byOrg.entries()].map(([orgId, history]) => {
    const views = history.map((d) => presentControllerDecision(d, names));
    return { organization: { id: orgId, name: names.organizations.get(orgId) ?? "" }, current: views[0], history: views };
  });
  items.sort((a, b) => a.organization.name.localeCompare(b.organization.name));
  return { items };
}
