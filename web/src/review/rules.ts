/** Why a review workflow button is unavailable, in words, from the shared rules (shared/review/rules.ts). */
import { mayApprove, reviewRequirements } from "../../../shared/review/rules.js";
import type { TFunction } from "i18next";
import type { ReviewView } from "./api.js";

/** Null when `userId` may approve now; otherwise the reason. */
export function approveBlocker(r: ReviewView, userId: string | undefined, roleMayApprove: boolean, t: TFunction): string | null {
  if (r.status === "approved") return r.approvedBy ? t("review:blocker.approvedBy", { name: r.approvedBy.name }) : t("review:blocker.approved");
  if (!roleMayApprove) return t("review:blocker.role");
  if (r.status !== "in_review") return t("review:blocker.notSubmitted");
  if (mayApprove({ status: r.status, authorId: r.author?.id ?? null }, userId)) return null;
  return t("review:blocker.fourEyes");
}

/** Null when the saved review may be submitted; otherwise the reasons. */
export function submitBlockers(r: ReviewView, dirty: boolean, t: TFunction): string[] {
  if (r.status !== "draft") return [r.status === "scheduled" ? t("review:blocker.notDrafted") : t("review:blocker.alreadySubmitted")];
  const missing = reviewRequirements(r);
  return dirty ? [t("review:blocker.saveFirst"), ...missing] : missing;
}
