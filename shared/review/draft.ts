import type { z } from "zod";
import { hoursBetween, round2 } from "../stats.js";
import type * as Schemas from "../schemas/review.js";
import { asText } from "../text.js";

/**
 * The generated part of a follow-up review: what Vakt already knows about an incident,
 * condensed to milestones, durations, obligation outcomes, impact, action plan and
 * communications. Pure: the server loads the facts (server/reviews/facts.ts) and stores the
 * result as a snapshot; the web may call it for a preview.
 */

type Instant = string;

/** One audit entry on the incident (server/audit), as the timeline shows it. */
export interface TimelineFact {
  at: Instant;
  action: string;
  actorLabel: string;
  before?: unknown;
  after?: unknown;
}

export interface ReviewFacts {
  /** When the draft is generated (pending obligations are judged at this instant). */
  now: Instant;
  incident: {
    reference: string;
    title: string;
    description: string;
    status: string;
    category: string | null;
    severity: string | null;
    level: string | null;
    personalData: string | null;
    detectedAt: Instant;
    triagedAt: Instant | null;
    resolvedAt: Instant | null;
    closedAt: Instant | null;
    cause: string | null;
    owner: string | null;
    impact: {
      summary?: string | null;
      affectedSystems?: string[] | null;
      affectedServices?: string[] | null;
      affectedCustomers?: string[] | null;
      affectedUsers?: number | null;
      affectedRecords?: number | null;
      seriousness?: string | null;
    } | null;
  };
  /** When the incident began, as the review established it (or an authority report states). */
  occurredAt: Instant | null;
  timeline: TimelineFact[];
  actions: { title: string; status: string; note: string | null; assignee: string | null; dueAt: Instant | null; completedAt: Instant | null }[];
  communications: { decision: string; audience: string | null; channel: string | null; summary: string | null; sentAt: Instant | null; reason: string | null; createdAt: Instant }[];
  /** The current breach assessment and decision, when the incident is a personal-data breach. */
  breach: z.infer<typeof Schemas.ReviewBreachFacts> | null;
  affectedOrganizations: string[];
  obligations: { title: string; article: string; creditor: string; dueAt: Instant; status: string; satisfiedAt: Instant | null; waivedReason: string | null; obsolete: boolean }[];
  authorityReports: { authority: string; phase: string; submittedAt: Instant | null; caseReference: string | null; late: boolean }[];
  /** Controller notices (issue 4): each sent and acknowledged notice. */
  notices: { organization: string; phase: string; sentAt: Instant | null; acknowledgedAt: Instant | null }[];
}

export type MilestoneKey = (typeof Schemas.MILESTONE_KEYS)[number];
export type Milestone = z.infer<typeof Schemas.Milestone>;
export type Duration = z.infer<typeof Schemas.Duration>;
export type ObligationOutcome = z.infer<typeof Schemas.ObligationOutcome>;
export type ReviewDraft = z.infer<typeof Schemas.ReviewDraft>;





const LABELS: Record<MilestoneKey, string> = {
  occurred: "Incident began",
  detected: "Detected",
  aware: "Aware of a personal-data breach",
  triaged: "Triaged",
  owner_appointed: "Owner appointed",
  remediation_started: "Remediation started",
  contained: "First action completed",
  reopened: "Reopened",
  resolved: "Resolved",
  closed: "Closed",
  notice_sent: "Notice sent",
  notice_acknowledged: "Notice acknowledged",
  authority_report_submitted: "Report submitted",
};

const time = (s: Instant) => new Date(s).getTime();
const iso = (s: Instant) => new Date(s).toISOString();
const rec = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

/** The first audit entry matching `pred`, in time order. */
function first(timeline: TimelineFact[], pred: (e: TimelineFact) => boolean): Instant | null {
  const hit = timeline.find(pred);
  return hit ? iso(hit.at) : null;
}

function milestones(f: ReviewFacts, contained: Instant | null): Milestone[] {
  const tl = [...f.timeline].sort((a, b) => time(a.at) - time(b.at));
  const transitionedTo = (s: string) => (e: TimelineFact) => e.action === "incident.transitioned" && rec(e.after).status === s;
  const out: Milestone[] = [];
  const add = (key: MilestoneKey, at: Instant | null | undefined, label = LABELS[key]) => {
    if (at) out.push({ key, label, at: iso(at) });
  };
  add("occurred", f.occurredAt);
  add("detected", f.incident.detectedAt);
  add("aware", f.breach?.awareAt);
  add("triaged", first(tl, transitionedTo("triaged")) ?? f.incident.triagedAt);
  add("owner_appointed", first(tl, (e) => e.action === "incident.updated" && typeof rec(e.after).ownerId === "string"));
  add("remediation_started", first(tl, transitionedTo("remediating")));
  add("contained", contained);
  for (const e of tl) if (e.action === "incident.reopened") add("reopened", e.at, `Reopened: ${asText(rec(e.after).reason, "no reason given")}`);
  add("resolved", f.incident.resolvedAt);
  add("closed", f.incident.closedAt);
  for (const n of f.notices) {
    add("notice_sent", n.sentAt, `Notice (${n.phase}) sent to ${n.organization}`);
    add("notice_acknowledged", n.acknowledgedAt, `Notice (${n.phase}) acknowledged by ${n.organization}`);
  }
  for (const r of f.authorityReports)
    add("authority_report_submitted", r.submittedAt, `Report (${r.phase}) submitted to ${r.authority}${r.caseReference ? `, case ${r.caseReference}` : ""}`);
  // Stable: equal instants keep the order above (detected before triaged, etc.).
  return out.map((m, i) => ({ m, i })).sort((a, b) => time(a.m.at) - time(b.m.at) || a.i - b.i).map(({ m }) => m);
}

function durations(ms: Milestone[]): Duration[] {
  const at = (k: MilestoneKey) => ms.find((m) => m.key === k)?.at ?? null;
  const d = (key: Duration["key"], label: string, from: MilestoneKey, to: MilestoneKey): Duration => ({ key, label, from, to, hours: round2(hoursBetween(at(from), at(to))) });
  return [
    d("detect", "Time to detect", "occurred", "detected"),
    d("triage", "Time to triage", "detected", "triaged"),
    d("appoint_owner", "Time to appoint an owner", "detected", "owner_appointed"),
    d("contain", "Time to contain (first action completed)", "detected", "contained"),
    d("resolve", "Time to resolve", "detected", "resolved"),
  ];
}

function obligationOutcome(o: ReviewFacts["obligations"][number], now: Instant): ObligationOutcome {
  const base = { title: o.title, article: o.article, creditor: o.creditor, dueAt: iso(o.dueAt), satisfiedAt: o.satisfiedAt ? iso(o.satisfiedAt) : null, waivedReason: o.waivedReason };
  if (o.status === "waived") return { ...base, outcome: "waived", marginHours: null };
  if (o.status === "done" && o.satisfiedAt) {
    const margin = round2(hoursBetween(o.satisfiedAt, o.dueAt))!;
    return { ...base, outcome: margin >= 0 ? "met" : "missed", marginHours: margin };
  }
  const margin = round2(hoursBetween(now, o.dueAt))!;
  return { ...base, outcome: margin < 0 ? "overdue" : "pending", marginHours: margin };
}

function communications(f: ReviewFacts): ReviewDraft["communications"] {
  const out: ReviewDraft["communications"] = [];
  for (const c of f.communications) {
    if (c.decision === "none") out.push({ kind: "no_one_informed", at: iso(c.createdAt), audience: "No one", channel: null, summary: c.reason ?? "" });
    else out.push({ kind: "communication", at: c.sentAt ? iso(c.sentAt) : iso(c.createdAt), audience: c.audience ?? "", channel: c.channel, summary: c.summary ?? "" });
  }
  for (const n of f.notices)
    out.push({ kind: "notice", at: n.sentAt ? iso(n.sentAt) : null, audience: n.organization, channel: "notice", summary: `${n.phase} notice${n.acknowledgedAt ? `, acknowledged ${iso(n.acknowledgedAt)}` : n.sentAt ? ", not acknowledged" : ", not sent"}` });
  for (const r of f.authorityReports)
    out.push({ kind: "authority_report", at: r.submittedAt ? iso(r.submittedAt) : null, audience: r.authority, channel: "authority report", summary: `${r.phase} report${r.submittedAt ? "" : " (not submitted)"}${r.late ? ", after 72 hours" : ""}${r.caseReference ? `, case ${r.caseReference}` : ""}` });
  // Unsent items last, the rest in time order.
  return out.map((c, i) => ({ c, i })).sort((a, b) => (a.c.at ? time(a.c.at) : Infinity) - (b.c.at ? time(b.c.at) : Infinity) || a.i - b.i).map(({ c }) => c);
}

export function buildReviewDraft(f: ReviewFacts): ReviewDraft {
  const done = f.actions.filter((a) => a.status === "done" && a.completedAt).map((a) => iso(a.completedAt!)).sort();
  const ms = milestones(f, done[0] ?? null);
  const obligations = f.obligations.filter((o) => !o.obsolete).sort((a, b) => time(a.dueAt) - time(b.dueAt)).map((o) => obligationOutcome(o, f.now));
  const count = (k: ObligationOutcome["outcome"]) => obligations.filter((o) => o.outcome === k).length;
  const imp = f.incident.impact ?? {};
  return {
    format: "vakt-review-draft/1",
    generatedAt: iso(f.now),
    milestones: ms,
    durations: durations(ms),
    obligations,
    obligationSummary: { total: obligations.length, met: count("met"), missed: count("missed"), overdue: count("overdue"), pending: count("pending"), waived: count("waived") },
    impact: {
      summary: imp.summary ?? null,
      seriousness: imp.seriousness ?? null,
      severity: f.incident.severity,
      category: f.incident.category,
      level: f.incident.level,
      personalData: f.incident.personalData,
      affectedSystems: imp.affectedSystems ?? [],
      affectedServices: imp.affectedServices ?? [],
      affectedUsers: imp.affectedUsers ?? null,
      affectedRecords: imp.affectedRecords ?? null,
      affectedOrganizations: [...f.affectedOrganizations].sort(),
      breach: f.breach,
    },
    cause: f.incident.cause,
    actionPlan: f.actions.map((a) => ({
      title: a.title, status: a.status, outcome: a.note, assignee: a.assignee,
      dueAt: a.dueAt ? iso(a.dueAt) : null, completedAt: a.completedAt ? iso(a.completedAt) : null,
      onTime: a.dueAt && a.completedAt && a.status === "done" ? time(a.completedAt) <= time(a.dueAt) : null,
    })),
    communications: communications(f),
  };
}
