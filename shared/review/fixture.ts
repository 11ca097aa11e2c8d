import type { ReviewFacts } from "./draft.js";

/**
 * A synthetic personal-data incident used by the draft tests: a misconfigured storage bucket
 * exposed an admissions export; two controllers were affected. Times in UTC.
 */
export const FIXTURE_FACTS: ReviewFacts = {
  now: "2026-11-10T12:00:00.000Z",
  incident: {
    reference: "INC-2026-0042",
    title: "Admissions export readable without sign-in",
    description: "A storage bucket was public.",
    status: "resolved",
    category: "information_security",
    severity: "high",
    level: "system",
    personalData: "yes",
    detectedAt: "2026-11-02T08:00:00.000Z",
    triagedAt: "2026-11-02T08:30:00.000Z",
    resolvedAt: "2026-11-03T08:00:00.000Z",
    closedAt: null,
    cause: "A deployment script reset the bucket policy.",
    owner: "Ada Example",
    impact: { summary: "Admissions export public for 2 h", affectedSystems: ["admissions-db"], affectedUsers: 300, seriousness: "major" },
  },
  occurredAt: "2026-11-01T20:00:00.000Z",
  timeline: [
    { at: "2026-11-02T08:00:05.000Z", action: "incident.created", actorLabel: "Ada Example", after: { title: "Admissions export readable without sign-in" } },
    { at: "2026-11-02T08:20:00.000Z", action: "incident.updated", actorLabel: "Ada Example", before: { ownerId: null }, after: { ownerId: "u-ada" } },
    { at: "2026-11-02T08:30:00.000Z", action: "incident.transitioned", actorLabel: "Ada Example", before: { status: "detected" }, after: { status: "triaged" } },
    { at: "2026-11-02T10:00:00.000Z", action: "incident.transitioned", actorLabel: "Ada Example", before: { status: "triaged" }, after: { status: "remediating" } },
    { at: "2026-11-02T18:00:00.000Z", action: "incident.transitioned", actorLabel: "Ada Example", before: { status: "remediating" }, after: { status: "resolved" } },
    { at: "2026-11-02T19:00:00.000Z", action: "incident.reopened", actorLabel: "Bo Example", before: { status: "resolved" }, after: { status: "remediating", reason: "Second bucket found" } },
    { at: "2026-11-03T08:00:00.000Z", action: "incident.transitioned", actorLabel: "Ada Example", before: { status: "remediating" }, after: { status: "resolved" } },
  ],
  actions: [
    { title: "Make the bucket private", status: "done", note: "Policy restored", assignee: "Ada Example", dueAt: "2026-11-02T12:00:00.000Z", completedAt: "2026-11-02T11:00:00.000Z" },
    { title: "Rotate the export links", status: "done", note: null, assignee: null, dueAt: "2026-11-02T12:00:00.000Z", completedAt: "2026-11-02T14:00:00.000Z" },
    { title: "Add a bucket policy check to CI", status: "deferred", note: "Planned for Q1", assignee: "Bo Example", dueAt: null, completedAt: null },
  ],
  communications: [
    { decision: "sent", audience: "Alpha school DPO", channel: "e-mail", summary: "Initial notice", sentAt: "2026-11-02T12:00:00.000Z", reason: null, createdAt: "2026-11-02T12:05:00.000Z" },
  ],
  breach: {
    awareAt: "2026-11-02T09:00:00.000Z",
    band: "high",
    score: 3.5,
    approxSubjects: 300,
    approxRecords: 1200,
    dataCategories: ["contact", "identity"],
    subjectCategories: ["applicants"],
    decision: { notifyAuthority: true, notifyDataSubjects: false, rationale: "Exposure was short.", at: "2026-11-02T11:30:00.000Z" },
  },
  affectedOrganizations: ["Beta gymnasium", "Alpha school"],
  obligations: [
    { title: "Notify the controller", article: "Art. 33(2)", creditor: "Alpha school", dueAt: "2026-11-03T09:00:00.000Z", status: "done", satisfiedAt: "2026-11-02T12:00:00.000Z", waivedReason: null, obsolete: false },
    { title: "Notify the controller", article: "Art. 33(2)", creditor: "Beta gymnasium", dueAt: "2026-11-02T21:00:00.000Z", status: "done", satisfiedAt: "2026-11-03T00:00:00.000Z", waivedReason: null, obsolete: false },
    { title: "Notify the supervisory authority", article: "Art. 33(1)", creditor: "IMY", dueAt: "2026-11-05T09:00:00.000Z", status: "waived", satisfiedAt: null, waivedReason: "The controllers report themselves", obsolete: false },
    { title: "Final report", article: "NIS2 Art. 23", creditor: "CSIRT", dueAt: "2026-11-09T09:00:00.000Z", status: "pending", satisfiedAt: null, waivedReason: null, obsolete: false },
    { title: "Inform data subjects", article: "Art. 34", creditor: "Data subjects", dueAt: "2026-11-05T09:00:00.000Z", status: "pending", satisfiedAt: null, waivedReason: null, obsolete: true },
  ],
  authorityReports: [
    { authority: "IMY", phase: "initial", submittedAt: "2026-11-04T10:00:00.000Z", caseReference: "IMY-2026-77", late: false },
    { authority: "IMY", phase: "supplementary", submittedAt: null, caseReference: null, late: true },
  ],
  notices: [
    { organization: "Alpha school", phase: "initial", sentAt: "2026-11-02T12:00:00.000Z", acknowledgedAt: "2026-11-02T15:00:00.000Z" },
  ],
};
