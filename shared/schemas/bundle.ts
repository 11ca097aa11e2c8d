import { z } from "zod";
import { Text } from "./text.js";
import { BUNDLE_MAX_MEMBERS, BUNDLE_MIN_MEMBERS } from "../breach/bundling.js";

const IncidentId = z.uuid({ message: "must be a valid id" });

export const CreateBundleBody = z.object({
  /** What the privacy officer calls the bundle, e.g. "Misdirected e-mails, week 48". */
  title: Text.trim().min(3).max(200),
  /** What the breaches have in common: the cause and the way they happened (EDPB Guidelines 9/2022, para. 97). */
  reason: Text.trim().min(10).max(4000),
  incidentIds: z.array(IncidentId).min(BUNDLE_MIN_MEMBERS).max(BUNDLE_MAX_MEMBERS),
});
export type CreateBundleBody = z.infer<typeof CreateBundleBody>;

export const AddBundleMemberBody = z.object({ incidentId: IncidentId });
export const BundleMemberParams = z.object({ id: IncidentId, incidentId: IncidentId });

/** One bundled breach with its own figures and clock. */
export const BundleMemberView = z.object({
  incidentId: z.string(),
  reference: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  awareAt: z.string().nullable(),
  approxSubjects: z.number().int().nullable(),
  approxRecords: z.number().int().nullable(),
});

export const BundleView = z.object({
  id: z.string(),
  title: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  members: z.array(BundleMemberView),
  /** Sums over the members, as a bundled report states them. */
  totals: z.object({ approxSubjects: z.number().int(), approxRecords: z.number().int() }),
  /** The bundled authority reports (id, authority, phase, submitted). */
  reports: z.array(z.object({ id: z.string(), authority: z.string(), phase: z.string(), submittedAt: z.string().nullable(), caseReference: z.string().nullable() })),
});
export type BundleView = z.infer<typeof BundleView>;

export const BundleList = z.object({ items: z.array(BundleView) });
