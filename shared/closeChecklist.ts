/**
 * What is still open when an incident is closed: things that do not block closing but that a
 * person must see, and give a reason to close anyway (issue 15 §4). Pure rule: the server
 * refuses a close without a reason while any item is open; the web lists the same items.
 */
import { z } from "zod";

/** The facts the rule reads, counted by the server from notices, reports and the review. */
export interface CloseFacts {
  /** Notices sent to a controller and not yet acknowledged. */
  unacknowledgedNotices: number;
  /** Controllers that were notified but have not been sent a final notice. */
  controllersWithoutFinalNotice: number;
  /** Authority reports that are required (by the decision) or started but not recorded as submitted. */
  authorityReportsNotSubmitted: number;
  /** Whether the follow-up review exists and is approved. */
  reviewApproved: boolean;
}

export const OPEN_ITEM_KINDS = ["unacknowledged_notices", "final_notice_not_sent", "authority_report_not_submitted", "review_not_approved"] as const;
export const OpenItem = z.object({ kind: z.enum(OPEN_ITEM_KINDS), count: z.number().int().min(1) });
export type OpenItem = z.infer<typeof OpenItem>;

/** The open items, in the order a person would deal with them; empty when nothing is left open. */
export function openItemsAtClose(facts: CloseFacts): OpenItem[] {
  const items: OpenItem[] = [];
  if (facts.unacknowledgedNotices > 0) items.push({ kind: "unacknowledged_notices", count: facts.unacknowledgedNotices });
  if (facts.controllersWithoutFinalNotice > 0) items.push({ kind: "final_notice_not_sent", count: facts.controllersWithoutFinalNotice });
  if (facts.authorityReportsNotSubmitted > 0) items.push({ kind: "authority_report_not_submitted", count: facts.authorityReportsNotSubmitted });
  if (!facts.reviewApproved) items.push({ kind: "review_not_approved", count: 1 });
  return items;
}

/** Whether closing with these open items and this reason may go ahead. */
export function closeReasonMissing(items: OpenItem[], reason: string | null | undefined): boolean {
  return items.length > 0 && !reason?.trim();
}
