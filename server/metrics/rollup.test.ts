import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { referenceSummary } from "../../tests/helpers/summaryReference.js";
import { computeSummary } from "./summary.js";
import { refreshRollups } from "./rollup.js";
import { DURATION_BOUNDS, bucketOf } from "./buckets.js";

const H = 3600_000;
const DAY = 24 * H;
const START = Date.UTC(2025, 0, 20, 5, 30); // data from 20 Jan to about mid-April 2025

/** Small deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Periods that exercise every split: partial days at both ends, whole days, whole months, a
// period inside one day, one inside a month, month-aligned, empty and far away.
const PERIODS: [string, string][] = [
  ["2025-01-01T00:00:00Z", "2025-06-01T00:00:00Z"],
  ["2025-01-21T13:17:00Z", "2025-04-09T07:45:30Z"],
  ["2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z"],
  ["2025-02-03T10:00:00Z", "2025-02-03T18:00:00Z"],
  ["2025-02-03T00:00:00Z", "2025-02-17T00:00:00Z"],
  ["2025-02-10T06:00:00Z", "2025-03-20T00:00:00Z"],
  ["2025-03-01T00:00:00Z", "2025-03-01T00:00:00.001Z"],
  ["2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z"],
  // Edges inside days that have incidents on both sides, or only on one (served by the day roll-up).
  ["2025-01-20T05:00:00Z", "2025-04-14T12:00:00Z"],
  ["2025-01-24T23:00:00Z", "2025-03-15T01:00:00Z"],
  ["2025-02-20T11:11:11Z", "2025-02-20T11:11:12Z"],
];

describe.each(BACKENDS)("dashboard roll-ups on $name", (backend) => {
  let app: TestApp;
  const prisma = () => app.running.ctx.prisma;
  const random = rng(20261201);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const incidentIds: string[] = [];
  let orgIds: string[] = [];

  async function expectSameAsReference(label: string) {
    for (const [from, to] of PERIODS) {
      const f = new Date(from), t = new Date(to);
      const rolled = await computeSummary(prisma(), f, t);
      const reference = await referenceSummary(prisma(), f, t);
      expect({ label, from, to, ...rolled.summary }).toEqual({ label, from, to, ...reference.summary });
      expect(rolled.changesAt).toBe(reference.changesAt);
    }
  }

  beforeAll(async () => {
    app = await backend.start();
    const orgs = await Promise.all(
      ["Rollup school", "Rollup clinic", "Rollup shop"].map((name, k) =>
        prisma().organization.create({ data: { name: `${name} (synthetic)`, country: "SE", language: "sv", noticeHours: 24 + k } })),
    );
    orgIds = orgs.map((o) => o.id);
    for (let k = 0; k < 160; k++) {
      const detectedAt = new Date(START + Math.floor(random() * 85 * DAY) + Math.floor(random() * 1000));
      const triaged = random() < 0.8;
      const resolved = triaged && random() < 0.5;
      // Some durations repeat exactly (ties), the rest have milliseconds.
      const triageMs = random() < 0.3 ? H : Math.floor(random() * 60 * H);
      const resolveMs = triageMs + (random() < 0.2 ? 2 * DAY : Math.floor(random() * 20 * DAY));
      const inc = await prisma().incident.create({
        data: {
          reference: `ROLL-${k}`, title: `Roll-up fixture ${k}`, description: "", detectedAt,
          category: pick(["intrusions", "availability", "fraud", null]), severity: pick(["low", "medium", "high", "critical", null] as const),
          status: resolved ? pick(["resolved", "closed"] as const) : triaged ? pick(["triaged", "remediating"] as const) : "detected",
          triagedAt: triaged ? new Date(detectedAt.getTime() + triageMs) : null,
          resolvedAt: resolved ? new Date(detectedAt.getTime() + resolveMs) : null,
        },
      });
      incidentIds.push(inc.id);
      await prisma().obligation.create({
        data: {
          incidentId: inc.id, key: "gdpr-33-1", code: "gdpr-33-1", regime: "GDPR", article: "Art. 33(1)", title: "Report", debtor: "C", creditor: "SA",
          dueAt: new Date(detectedAt.getTime() + 72 * H), status: pick(["pending", "done", "waived"] as const),
          satisfiedAt: random() < 0.5 ? new Date(detectedAt.getTime() + Math.floor(random() * 100) * H) : null, obsolete: random() < 0.1,
        },
      });
      for (const org of orgIds) {
        if (random() > 0.4) continue;
        await prisma().incidentOrganization.create({ data: { incidentId: inc.id, organizationId: org } });
        const dueAt = new Date(detectedAt.getTime() + 24 * H);
        const done = random() < 0.7;
        await prisma().obligation.create({
          data: {
            incidentId: inc.id, key: `gdpr-33-2:${org}`, code: "gdpr-33-2", regime: "GDPR", article: "Art. 33(2)", title: "Notify", debtor: "P", creditor: "C",
            organizationId: org, dueAt, status: done ? "done" : pick(["pending", "waived"] as const),
            satisfiedAt: done ? new Date(dueAt.getTime() + (random() - 0.6) * 10 * H) : null,
          },
        });
        const notices = Math.floor(random() * 3);
        for (let s = 1; s <= notices; s++) {
          const sentAt = random() < 0.85 ? new Date(detectedAt.getTime() + Math.floor(random() * 30 * H)) : null;
          const ackAt = sentAt && random() < 0.7 ? new Date(sentAt.getTime() + (random() < 0.2 ? 6 * H : Math.floor(random() * 90 * H))) : null;
          await prisma().notice.create({
            data: {
              incidentId: inc.id, organizationId: org, phase: s === 1 ? "initial" : "update", sequence: s, language: "sv", subject: "Notice", body: "Synthetic", facts: {},
              status: ackAt ? "acknowledged" : sentAt ? "sent" : "draft", sentAt, acknowledgedAt: ackAt,
            },
          });
        }
      }
    }
  }, 240_000);
  afterAll(() => app?.stop());

  it("answers exactly what computing from the rows answers, for every kind of period", async () => {
    await expectSameAsReference("fresh data");
    expect(await prisma().statDirtyDay.count()).toBe(0);
    const rows = await prisma().incidentCountStat.count();
    expect(rows).toBeGreaterThan(0);
  });

  it("stays exact after edits that move incidents between days and months, change their figures, and delete rows", async () => {
    for (const id of incidentIds.slice(0, 12)) {
      const inc = await prisma().incident.findUniqueOrThrow({ where: { id } });
      const shift = (random() < 0.5 ? -1 : 1) * Math.floor(random() * 40) * DAY;
      await prisma().incident.update({
        where: { id },
        data: {
          detectedAt: new Date(inc.detectedAt.getTime() + shift), severity: pick(["low", "high", null] as const), status: pick(["closed", "triaged"] as const),
          triagedAt: inc.triagedAt ? new Date(inc.triagedAt.getTime() + shift + H) : new Date(inc.detectedAt.getTime() + shift + 2 * H),
        },
      });
    }
    await prisma().incident.updateMany({ where: { id: { in: incidentIds.slice(12, 30) } }, data: { category: "malicious-code", resolvedAt: null } });
    await prisma().obligation.updateMany({ where: { incidentId: { in: incidentIds.slice(30, 60) } }, data: { status: "done", satisfiedAt: new Date(START + 3 * DAY) } });
    const unacknowledged = await prisma().notice.findMany({ where: { acknowledgedAt: null, sentAt: { not: null } }, take: 10 });
    for (const n of unacknowledged) await prisma().notice.update({ where: { id: n.id }, data: { acknowledgedAt: new Date(n.sentAt!.getTime() + 5 * H), status: "acknowledged" } });
    const pair = await prisma().incidentOrganization.findFirstOrThrow({ where: { incidentId: { in: incidentIds.slice(60) } } });
    await prisma().notice.deleteMany({ where: { incidentId: pair.incidentId, organizationId: pair.organizationId } });
    await prisma().incidentOrganization.delete({ where: { incidentId_organizationId: { incidentId: pair.incidentId, organizationId: pair.organizationId } } });
    const lonely = incidentIds[incidentIds.length - 1];
    await prisma().notice.deleteMany({ where: { incidentId: lonely } });
    await prisma().obligation.deleteMany({ where: { incidentId: lonely } });
    await prisma().incidentOrganization.deleteMany({ where: { incidentId: lonely } });
    await prisma().incident.delete({ where: { id: lonely } });
    expect(await prisma().statDirtyDay.count()).toBeGreaterThan(0);
    await expectSameAsReference("after edits");
  });

  it("recomputes only what was marked, and writes that change no figure (titles, notice texts, notes, controllers' numbers) mark nothing", async () => {
    await refreshRollups(prisma());
    await prisma().incident.update({ where: { id: incidentIds[1] }, data: { title: "Renamed, figures unchanged" } });
    expect(await prisma().statDirtyDay.count()).toBe(0);
    const notice = await prisma().notice.findFirstOrThrow();
    await prisma().notice.update({ where: { id: notice.id }, data: { body: "Edited, figures unchanged" } });
    const obligation = await prisma().obligation.findFirstOrThrow({ where: { status: "pending" } });
    await prisma().obligation.update({ where: { id: obligation.id }, data: { note: "A note, figures unchanged" } });
    await prisma().incidentOrganization.updateMany({ data: { approxSubjects: 12 } });
    expect(await prisma().statDirtyDay.count()).toBe(0);
    await prisma().obligation.update({ where: { id: obligation.id }, data: { status: "done", satisfiedAt: new Date(START) } });
    expect(await refreshRollups(prisma())).toBe(1);
    await prisma().incident.update({ where: { id: incidentIds[1] }, data: { severity: "critical" } });
    expect(await refreshRollups(prisma())).toBe(1);
    expect(await refreshRollups(prisma())).toBe(0);
    await expectSameAsReference("after a single edit");
  });

  it("assigns every value to the same bucket in SQL (width_bucket) as in JavaScript", async () => {
    for (const bounds of [DURATION_BOUNDS, [0, 1, 2, 4, 8, 24]]) {
      const values = bounds.flatMap((b) => [b, b - 1e-9, b + 1e-9, b + 0.1]).concat([-1, 1e6]);
      const rows = await prisma().$queryRaw<{ v: number; b: number }[]>`
        SELECT v, width_bucket(v, ${[...bounds]}::float8[]) AS b FROM unnest(${values}::float8[]) AS v`;
      expect(rows.length).toBe(values.length);
      for (const r of rows) expect({ v: r.v, b: r.b }).toEqual({ v: r.v, b: bucketOf(bounds, r.v) });
    }
  });

  it("rebuilds from nothing: losing every roll-up row and marking all days gives the same answer", async () => {
    for (const t of ["IncidentCountStat", "DurationStat", "ObligationStat", "OrganizationStat"]) await prisma().$executeRawUnsafe(`DELETE FROM "${t}"`);
    await prisma().$executeRawUnsafe(`INSERT INTO "StatDirtyDay" (day) SELECT DISTINCT date_trunc('day', "detectedAt") FROM "Incident"`);
    await expectSameAsReference("rebuilt");
  });
});
