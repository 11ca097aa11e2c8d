import { z } from "zod";
import { AwarenessView } from "./breach.js";

/** One Art. 33(5) register entry, as GET /api/breach-register returns it and each stored version keeps it. */
const Person = z.object({ id: z.string(), name: z.string() }).nullable();
const Iso = z.string();

export const RegisterObligation = z.object({
  id: z.string(), code: z.string(), regime: z.string(), article: z.string(), title: z.string(), creditor: z.string(), dueAt: Iso,
  status: z.enum(["pending", "done", "waived"]), obsolete: z.boolean(), satisfiedAt: Iso.nullable(), metOnTime: z.boolean().nullable(),
  note: z.string().nullable(), waivedReason: z.string().nullable(),
  /** Who met or waived it. */
  decidedBy: Person,
});

export const RegisterEntry = z.object({
  incidentId: z.string(),
  reference: z.string(),
  title: z.string(),
  status: z.string(),
  detectedAt: Iso,
  awareAt: Iso.nullable(),
  /** The first recorded awareness and every move of it (who, when, from, to, why); `movedLater`: moved later than first recorded. */
  awareness: AwarenessView.nullable(),
  /** "breach", or "not_a_breach": assessed as not a personal-data breach (the entry stays, with the reason and who decided). */
  entry: z.object({
    status: z.enum(["breach", "not_a_breach"]), reason: z.string().nullable(), decidedBy: Person, decidedAt: Iso.nullable(),
    /** The entry's current version (each change keeps the earlier one: GET /api/breach-register/:id/versions). */
    version: z.number().int(),
  }),
  facts: z.object({ description: z.string(), cause: z.string().nullable(), types: z.array(z.string()), summary: z.string().nullable() }),
  effects: z.object({
    impact: z.string().nullable(), dataCategories: z.array(z.string()), subjectCategories: z.array(z.string()),
    approxSubjects: z.number().nullable(), approxRecords: z.number().nullable(), likelyConsequences: z.string().nullable(),
    severity: z.object({ score: z.number(), band: z.string() }).nullable(),
  }),
  remedialActions: z.array(z.object({ title: z.string(), status: z.string(), note: z.string().nullable(), doneBy: Person })),
  affectedOrganizations: z.array(z.object({
    id: z.string(), name: z.string(),
    decision: z.object({
      reportedToAuthority: z.boolean(), authority: z.string().nullable(), caseReference: z.string().nullable(), reportedAt: Iso.nullable(),
      notifySubjects: z.boolean().nullable(), decidedAt: Iso,
    }).nullable(),
  })),
  assessments: z.number().int(),
  recommendation: z.unknown().nullable(),
  /** Each notification decision with the decider's name. */
  decisions: z.array(z.object({
    at: Iso, notifyAuthority: z.boolean(), notifyDataSubjects: z.boolean(), rationale: z.string(), againstRecommendation: z.boolean(), decidedBy: Person,
  })),
  /** The GDPR obligations and the decision on each (met, waived, pending), with who decided. NIS2 ones are in the NIS2 view. */
  obligations: z.array(RegisterObligation),
  /** Art. 34 communication per controller: whether, by which channels, when, to how many people (approx.), who decided. */
  art34: z.array(z.object({
    organization: z.string(), communicate: z.boolean(), channels: z.array(z.string()), communicatedAt: Iso.nullable(),
    exception: z.string().nullable(), reason: z.string().nullable(), approxCount: z.number().nullable(), decidedBy: Person, decidedAt: Iso,
  })),
  /** Supplements sent: update and final notices to controllers, supplementary and final authority reports (Art. 33(4)). */
  supplements: z.array(z.object({ kind: z.enum(["controller-notice", "authority-report"]), to: z.string(), phase: z.string(), sentAt: Iso, reference: z.string().nullable() })),
});
export type RegisterEntry = z.infer<typeof RegisterEntry>;

export const RegisterPage = z.object({
  items: z.array(RegisterEntry),
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
  /** How many entries match the filters in all. */
  total: z.number().int(),
});

export const RegisterVersions = z.object({
  items: z.array(z.object({
    version: z.number().int(), at: Iso, actor: z.object({ id: z.string().nullable(), label: z.string() }),
    /** The top-level fields that changed against the previous version. */
    changes: z.array(z.string()),
    snapshot: RegisterEntry,
  })),
});
