import type { Prisma, Tx } from "../db/client.js";
import type { BundleView } from "../../shared/schemas/bundle.js";
import { bundleCandidates } from "./service.js";

type Db = Prisma | Tx;
type BundleRow = { id: string; title: string; reason: string; createdAt: Date; createdById: string | null; members: { incidentId: string }[] };

/** Bundles with their members' own figures (earliest awareness first), sums and bundled reports. */
export async function presentBundles(db: Db, bundles: BundleRow[]): Promise<BundleView[]> {
  const ids = bundles.flatMap((b) => b.members.map((m) => m.incidentId));
  const [members, reports, users] = await Promise.all([
    bundleCandidates(db, ids),
    db.authorityReport.findMany({ where: { bundleId: { in: bundles.map((b) => b.id) } }, orderBy: { createdAt: "asc" } }),
    db.user.findMany({ where: { id: { in: bundles.flatMap((b) => (b.createdById ? [b.createdById] : [])) } }, select: { id: true, name: true } }),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return bundles.map((b) => {
    const mine = members.filter((m) => b.members.some((x) => x.incidentId === m.id));
    return {
      id: b.id, title: b.title, reason: b.reason, createdAt: b.createdAt.toISOString(),
      createdBy: b.createdById ? { id: b.createdById, name: names.get(b.createdById) ?? "(unknown user)" } : null,
      members: mine.map((m) => ({
        incidentId: m.id, reference: m.reference, title: m.title, category: m.category, awareAt: m.assessment?.awareAt.toISOString() ?? null,
        approxSubjects: m.approxSubjects, approxRecords: m.approxRecords,
      })),
      totals: { approxSubjects: mine.reduce((a, m) => a + (m.approxSubjects ?? 0), 0), approxRecords: mine.reduce((a, m) => a + (m.approxRecords ?? 0), 0) },
      reports: reports.filter((r) => r.bundleId === b.id).map((r) => ({
        id: r.id, authority: r.authority, phase: r.phase, submittedAt: r.submittedAt?.toISOString() ?? null, caseReference: r.caseReference,
      })),
    };
  });
}
