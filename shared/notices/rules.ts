import { can } from "../permissions.js";
import type { Role } from "../roles.js";
import type { NoticeStatus } from "../schemas/notice.js";

/**
 * Controller-notice rules: the status flow and who may do what. Pure, so the web offers exactly
 * the actions the server allows, and explains a refusal before it happens.
 *
 *   draft -> approved -> queued -> sent -> acknowledged
 *                          |  ^
 *                          v  | retry
 *                        failed
 */
export const NOTICE_TRANSITIONS: Record<NoticeStatus, readonly NoticeStatus[]> = {
  draft: ["approved"],
  approved: ["queued"],
  // The outbox delivered it, or gave up. An acknowledgement may overtake our own bookkeeping.
  queued: ["sent", "failed", "acknowledged"],
  sent: ["acknowledged"],
  failed: ["queued", "sent"],
  acknowledged: [],
};

export function mayTransition(from: NoticeStatus, to: NoticeStatus): boolean {
  return NOTICE_TRANSITIONS[from].includes(to);
}

/** What a controller may see: only notices that actually went out (never drafts or unsent ones). */
export const CONTROLLER_VISIBLE: readonly NoticeStatus[] = ["sent", "acknowledged"];

/** A notice can be acknowledged once it has been handed over for delivery (the link is in the mail). */
export const ACKNOWLEDGEABLE: readonly NoticeStatus[] = ["queued", "sent"];

export interface NoticeForRules {
  status: NoticeStatus;
  organizationId: string;
  /** The last person who edited or drafted it. */
  editedById: string | null;
  recipients: { email: string }[];
}

export interface ActorForRules {
  id: string;
  role: Role;
  organizationId: string | null;
}

/**
 * Why `actor` may not approve the notice, in words; null when approval is allowed.
 * Four eyes: the last editor (who also drafted it, until someone edits) cannot approve.
 */
export function approvalRefusal(n: NoticeForRules, actor: ActorForRules, fourEyes: boolean): string | null {
  if (!can(actor.role, "notice.approve")) return "Your role may not approve notices.";
  if (n.status !== "draft") return `Only a draft can be approved; this notice is ${n.status}.`;
  if (n.recipients.length === 0) return "The notice has no recipients: add contacts to the organisation or edit the notice's recipients.";
  if (fourEyes && n.editedById === actor.id)
    return "Someone other than the last editor must approve this notice (four-eyes rule; NOTICE_FOUR_EYES=false turns it off).";
  return null;
}

/** Why the notice cannot be sent now, in words; null when it can. */
export function sendRefusal(n: NoticeForRules, actor: ActorForRules): string | null {
  if (!can(actor.role, "notice.send")) return "Your role may not send notices.";
  if (n.status !== "approved") return `Only an approved notice can be sent; this notice is ${n.status}.`;
  if (n.recipients.length === 0) return "The notice has no recipients.";
  return null;
}

/** What the caller may do with one notice (the presenter sends this as `can`). */
export function noticeActions(n: NoticeForRules, actor: ActorForRules, fourEyes: boolean) {
  return {
    edit: can(actor.role, "notice.manage") && n.status === "draft",
    approve: approvalRefusal(n, actor, fourEyes) === null,
    send: sendRefusal(n, actor) === null,
    retry: can(actor.role, "notice.send") && n.status === "failed",
    acknowledge: can(actor.role, "portal.use") && actor.organizationId === n.organizationId && ACKNOWLEDGEABLE.includes(n.status),
  };
}
