import type { Prisma, Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import { bundleProblems, BUNDLE_MIN_MEMBERS, type BundleCandidate } from "../../shared/breach/bundling.js";
import type { BreachAssessmentBody } from "../../shared/schemas/breach.js";
import type { CreateBundleBody } from "../../shared/schemas/bundle.js";

type Db = Prisma | Tx;

/** The incidents with their newest assessment, in the order of awareness (the first aware is the bundle's lead). */
export async function bundleCandidates(db: Db, incidentIds: string[]) {
  const [incidents, assessments] = await Promise.all([
    db.incident.findMany({ where: { id: { in: incidentIds } }, select: { id: true, reference: true, title: true, category: true, personalData: true } }),
    db.breachAssessment.findMany({ where: { incidentId: { in: incidentIds } }, orderBy: { version: "desc" } }),
  ]);
  const newest = new Map<string, (typeof assessments)[number]>();
  for (const a of assessments) if (!newest.has(a.incidentId)) newest.set(a.incidentId, a);
  return incidents
    .map((i) => {
      const a = newest.get(i.id);
      const input = a?.input as BreachAssessmentBody | undefined;
      const assessment = a && input ? { types: input.types, dataCategories: input.dataCategories, awareAt: a.awareAt } : null;
      return { ...i, assessment, approxSubjects: input?.approxSubjects ?? null, approxRecords: input?.approxRecords ?? null };
    })
    .sort((x, y) => (x.assessment?.awareAt.getTime() ?? Infinity) - (y.assessment?.awareAt.getTime() ?? Infinity) || x.reference.localeCompare(y.reference));
}
export type BundleMember = Awaited<ReturnType<typeof bundleCandidates>>[number];

/** Refuses ids that name no incident, incidents in another bundle, and incidents that are not alike (shared/breach/bundling.ts). */
async function checkMembers(tx: Tx, incidentIds: string[], bundleId: string | null) {
  const members = await bundleCandidates(tx, incidentIds);
  const found = new Set(members.map((m) => m.id));
  const unknown = incidentIds.filter((id) => !found.has(id));
  if (unknown.length) throw ValidationError.field("incidentIds", `no such incident: ${unknown.join(", ")}`);
  const notBreach = members.filter((m) => m.personalData !== "yes").map((m) => m.reference);
  if (notBreach.length) throw ValidationError.field("incidentIds", `only personal-data breaches can be bundled: ${notBreach.join(", ")}`);
  const elsewhere = await tx.breachBundleMember.findMany({ where: { incidentId: { in: incidentIds }, bundleId: bundleId ? { not: bundleId } : undefined } });
  if (elsewhere.length) {
    const refs = members.filter((m) => elsewhere.some((e) => e.incidentId === m.id)).map((m) => m.reference);
    throw ValidationError.field("incidentIds", `already in another bundle: ${refs.join(", ")}`);
  }
  const problems = bundleProblems(members.map((m): BundleCandidate => ({ reference: m.reference, category: m.category, assessment: m.assessment })));
  if (problems.length) throw new ValidationError(problems);
  return members;
}

/** A bundled initial report exists already: members can no longer change (the authority was told which breaches it covers). */
async function refuseOnceReported(tx: Tx, bundleId: string) {
  const submitted = await tx.authorityReport.findFirst({ where: { bundleId, submittedAt: { not: null } } });
  if (submitted) throw new ConflictError("A bundled report was submitted: its breaches can no longer change. Report a further breach on its own.");
}

export async function createBundle(tx: Tx, actor: AuditActor, body: CreateBundleBody) {
  const incidentIds = [...new Set(body.incidentIds)];
  if (incidentIds.length < BUNDLE_MIN_MEMBERS) throw ValidationError.field("incidentIds", `name at least ${BUNDLE_MIN_MEMBERS} different incidents`);
  const members = await checkMembers(tx, incidentIds, null);
  const bundle = await tx.breachBundle.create({
    data: { title: body.title, reason: body.reason, createdById: actor.actorId, members: { create: members.map((m) => ({ incidentId: m.id, addedById: actor.actorId })) } },
  });
  await appendAudit(tx, actor, { action: "bundle.created", targetType: "breach_bundle", targetId: bundle.id, after: { title: body.title, reason: body.reason, incidents: members.map((m) => m.reference) } });
  for (const m of members)
    await appendAudit(tx, actor, { action: "bundle.joined", targetType: "breach_bundle", targetId: bundle.id, incidentId: m.id, after: { bundle: body.title } });
  return bundle;
}

export async function addBundleMember(tx: Tx, actor: AuditActor, bundleId: string, incidentId: string) {
  const bundle = await bundleOr404(tx, bundleId);
  await refuseOnceReported(tx, bundleId);
  const current = bundle.members.map((m) => m.incidentId);
  if (current.includes(incidentId)) throw ValidationError.field("incidentId", "is in this bundle already");
  await checkMembers(tx, [...current, incidentId], bundleId);
  await tx.breachBundleMember.create({ data: { bundleId, incidentId, addedById: actor.actorId } });
  await appendAudit(tx, actor, { action: "bundle.joined", targetType: "breach_bundle", targetId: bundleId, incidentId, after: { bundle: bundle.title } });
}

export async function removeBundleMember(tx: Tx, actor: AuditActor, bundleId: string, incidentId: string) {
  const bundle = await bundleOr404(tx, bundleId);
  await refuseOnceReported(tx, bundleId);
  if (!bundle.members.some((m) => m.incidentId === incidentId)) throw new NotFoundError("Bundle member");
  if (bundle.members.length <= BUNDLE_MIN_MEMBERS)
    throw new ConflictError(`A bundle holds at least ${BUNDLE_MIN_MEMBERS} breaches; report the remaining one on its own instead.`);
  const drafts = await tx.authorityReport.count({ where: { bundleId, incidentId } });
  if (drafts) throw new ConflictError("A bundled report draft is filed under this incident; delete the bundle's drafts or keep it in the bundle.");
  await tx.breachBundleMember.delete({ where: { bundleId_incidentId: { bundleId, incidentId } } });
  await appendAudit(tx, actor, { action: "bundle.left", targetType: "breach_bundle", targetId: bundleId, incidentId, before: { bundle: bundle.title } });
}

export async function bundleOr404(db: Db, id: string) {
  const bundle = await db.breachBundle.findUnique({ where: { id }, include: { members: true } });
  if (!bundle) throw new NotFoundError("Bundle");
  return bundle;
}

/** The bundle an incident is in, if any. */
export async function bundleOfIncident(db: Db, incidentId: string) {
  const m = await db.breachBundleMember.findUnique({ where: { incidentId } });
  return m ? bundleOr404(db, m.bundleId) : null;
}
