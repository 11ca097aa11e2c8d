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

/** Why a notice cannot be approved or sent, as a code the web words in the reader's language. */
export type ApprovalRefusal = "role" | "status" | "recipients" | "fourEyes";
export type SendRefusal = "role" | "status" | "recipients";

/**
 * Why `actor` may not approve the notice, as a code; null when approval is allowed.
 * Four eyes: the last editor (who also drafted it, until someone edits) cannot approve.
 */
export function approvalRefusalCode(n: NoticeForRules, actor: ActorForRules, fourEyes: boolean): ApprovalRefusal | null {
  if (!can(actor.role, "notice.approve")) return "role";
  if (n.status !== "draft") return "status";
  if (n.recipients.length === 0) return "recipients";
  if (fourEyes && n.editedById === actor.id) return "fourEyes";
  return null;
}

/** Why the notice cannot be sent now, as a code; null when it can. */
export function sendRefusalCode(n: NoticeForRules, actor: ActorForRules): SendRefusal | null {
  if (!can(actor.role, "notice.send")) return "role";
  if (n.status !== "approved") return "status";
  if (n.recipients.length === 0) return "recipients";
  return null;
}

/** Why `actor` may not approve the notice, in words (the API's message); null when approval is allowed. */
export function approvalRefusal(n: NoticeForRules, actor: ActorForRules, fourEyes: boolean): string | null {
  const code = approvalRefusalCode(n, actor, fourEyes);
  if (!code) return null;
  return {
    role: "Your role may not approve notices.",
    status: `Only a draft can be approved; this notice is ${n.status}.`,
    recipients: "The notice has no recipients: add contacts to the organisation or edit the notice's recipients.",
    // Said in words, never as the setting's name: the message reaches people in the web app.
    fourEyes: "Someone other than the last editor must approve this notice: a second person checks every notice before it is sent.",
  }[code];
}

/** Why the notice cannot be sent now, in words (the API's message); null when it can. */
export function sendRefusal(n: NoticeForRules, actor: ActorForRules): string | null {
  const code = sendRefusalCode(n, actor);
  if (!code) return null;
  return {
    role: "Your role may not send notices.",
    status: `Only an approved notice can be sent; this notice is ${n.status}.`,
    recipients: "The notice has no recipients.",
  }[code];
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
