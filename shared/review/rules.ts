/**
 * Review workflow rules: draft -> in_review -> approved. Pure, so the web can explain them
 * before the server refuses.
 */
export interface ReviewForRules {
  status: "scheduled" | "draft" | "in_review" | "approved";
  rootCause: string[];
  lessons: string;
  authorId: string | null;
}

const blank = (s: string | null | undefined) => !s || !s.trim();

/** What the review still needs before it can be submitted, in words (empty when ready). */
export function reviewRequirements(r: Pick<ReviewForRules, "rootCause" | "lessons">): string[] {
  const missing: string[] = [];
  if (r.rootCause.filter((s) => !blank(s)).length === 0) missing.push("Write the root cause (e.g. the five whys).");
  if (blank(r.lessons)) missing.push("Write the lessons learned.");
  return missing;
}

/** Whether `userId` may approve: the review is submitted and someone else wrote it (four eyes). */
export function mayApprove(r: Pick<ReviewForRules, "status" | "authorId">, userId: string | null | undefined): boolean {
  return r.status === "in_review" && Boolean(userId) && userId !== r.authorId;
}
