import { describe, expect, it } from "vitest";
import { buildReviewDraft } from "./draft.js";
import { FIXTURE_FACTS as facts } from "./fixture.js";

describe("review draft from a fixture incident", () => {
  const d = buildReviewDraft(facts);

  it("is stamped with its format and generation time", () => {
    expect(d.format).toBe("vakt-review-draft/1");
    expect(d.generatedAt).toBe("2026-11-10T12:00:00.000Z");
  });

  it("condenses the timeline to its milestones, in time order", () => {
    expect(d.milestones.map((m) => [m.key, m.at])).toEqual([
      ["occurred", "2026-11-01T20:00:00.000Z"],
      ["detected", "2026-11-02T08:00:00.000Z"],
      ["owner_appointed", "2026-11-02T08:20:00.000Z"],
      ["triaged", "2026-11-02T08:30:00.000Z"],
      ["aware", "2026-11-02T09:00:00.000Z"],
      ["remediation_started", "2026-11-02T10:00:00.000Z"],
      ["contained", "2026-11-02T11:00:00.000Z"],
      ["notice_sent", "2026-11-02T12:00:00.000Z"],
      ["notice_acknowledged", "2026-11-02T15:00:00.000Z"],
      ["reopened", "2026-11-02T19:00:00.000Z"],
      ["resolved", "2026-11-03T08:00:00.000Z"],
      ["authority_report_submitted", "2026-11-04T10:00:00.000Z"],
    ]);
    expect(d.milestones.find((m) => m.key === "reopened")!.label).toBe("Reopened: Second bucket found");
    expect(d.milestones.find((m) => m.key === "notice_acknowledged")!.label).toBe("Notice (initial) acknowledged by Alpha school");
    expect(d.milestones.find((m) => m.key === "authority_report_submitted")!.label).toBe("Report (initial) submitted to IMY, case IMY-2026-77");
  });

  it("takes the milestones from the incident when the audit trail lacks them", () => {
    const bare = buildReviewDraft({ ...facts, timeline: [], occurredAt: null, breach: null, notices: [], authorityReports: [] });
    expect(bare.milestones.map((m) => m.key)).toEqual(["detected", "triaged", "contained", "resolved"]);
    expect(bare.durations.find((x) => x.key === "detect")!.hours).toBeNull();
    expect(bare.durations.find((x) => x.key === "appoint_owner")!.hours).toBeNull();
  });

  it("measures the durations between milestones, in hours", () => {
    expect(d.durations).toEqual([
      { key: "detect", label: "Time to detect", from: "occurred", to: "detected", hours: 12 },
      { key: "triage", label: "Time to triage", from: "detected", to: "triaged", hours: 0.5 },
      { key: "appoint_owner", label: "Time to appoint an owner", from: "detected", to: "owner_appointed", hours: 0.33 },
      { key: "contain", label: "Time to contain (first action completed)", from: "detected", to: "contained", hours: 3 },
      { key: "resolve", label: "Time to resolve", from: "detected", to: "resolved", hours: 24 },
    ]);
  });

  it("says for each obligation whether it was met or missed and by how much; obsolete ones are left out", () => {
    expect(d.obligations.map((o) => [o.article, o.creditor, o.outcome, o.marginHours])).toEqual([
      ["Art. 33(2)", "Beta gymnasium", "missed", -3],
      ["Art. 33(2)", "Alpha school", "met", 21],
      ["Art. 33(1)", "IMY", "waived", null],
      ["NIS2 Art. 23", "CSIRT", "overdue", -27],
    ]);
    expect(d.obligations[2].waivedReason).toBe("The controllers report themselves");
    expect(d.obligationSummary).toEqual({ total: 4, met: 1, missed: 1, overdue: 1, pending: 0, waived: 1 });
  });

  it("carries the impact analysis with the breach facts and the affected controllers", () => {
    expect(d.impact).toMatchObject({
      summary: "Admissions export public for 2 h", seriousness: "major", severity: "high", category: "information_security",
      level: "system", personalData: "yes", affectedSystems: ["admissions-db"], affectedServices: [], affectedUsers: 300, affectedRecords: null,
      affectedOrganizations: ["Alpha school", "Beta gymnasium"],
    });
    expect(d.impact.breach).toMatchObject({ band: "high", approxSubjects: 300, decision: { notifyAuthority: true } });
    expect(d.cause).toBe("A deployment script reset the bucket policy.");
  });

  it("lists the action plan with outcomes and whether each action was done on time", () => {
    expect(d.actionPlan.map((a) => [a.title, a.status, a.outcome, a.onTime])).toEqual([
      ["Make the bucket private", "done", "Policy restored", true],
      ["Rotate the export links", "done", null, false],
      ["Add a bucket policy check to CI", "deferred", "Planned for Q1", null],
    ]);
  });

  it("lists the communications: recorded ones, notices and authority reports, unsent last", () => {
    expect(d.communications.map((c) => [c.kind, c.at, c.audience, c.summary])).toEqual([
      ["communication", "2026-11-02T12:00:00.000Z", "Alpha school DPO", "Initial notice"],
      ["notice", "2026-11-02T12:00:00.000Z", "Alpha school", "initial notice, acknowledged 2026-11-02T15:00:00.000Z"],
      ["authority_report", "2026-11-04T10:00:00.000Z", "IMY", "initial report, case IMY-2026-77"],
      ["authority_report", null, "IMY", "supplementary report (not submitted), after 72 hours"],
    ]);
    const none = buildReviewDraft({ ...facts, communications: [{ decision: "none", audience: null, channel: null, summary: null, sentAt: null, reason: "Internal only", createdAt: "2026-11-02T09:00:00.000Z" }], notices: [], authorityReports: [] });
    expect(none.communications).toEqual([{ kind: "no_one_informed", at: "2026-11-02T09:00:00.000Z", audience: "No one", channel: null, summary: "Internal only" }]);
  });
});
