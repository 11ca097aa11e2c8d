/** Why a review workflow button is unavailable, in words, from the shared rules (shared/review/rules.ts). */
import { mayApprove, reviewRequirements } from "../../../shared/review/rules.js";
import type { ReviewStatus, ReviewView } from "./api.js";

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  scheduled: "Scheduled", draft: "Draft", in_review: "In review", approved: "Approved",
};

/** Null when `userId` may approve now; otherwise the reason. */
export function approveBlocker(r: ReviewView, userId: string | undefined, roleMayApprove: boolean): string | null {
  if (r.status === "approved") return `Approved${r.approvedBy ? ` by ${r.approvedBy.name}` : ""}.`;
  if (!roleMayApprove) return "Your role cannot approve reviews (administrators, incident owners and privacy officers can).";
  if (r.status !== "in_review") return "The review must be submitted for review before it can be approved.";
  if (mayApprove({ status: r.status, authorId: r.author?.id ?? null }, userId)) return null;
  return "You wrote this review: someone else must approve it (four eyes).";
}

/** Null when the saved review may be submitted; otherwise the reasons. */
export function submitBlockers(r: ReviewView, dirty: boolean): string[] {
  if (r.status !== "draft") return [r.status === "scheduled" ? "The draft is generated when the incident is resolved." : "Already submitted."];
  const missing = reviewRequirements(r);
  return dirty ? ["Save your changes first.", ...missing] : missing;
}
