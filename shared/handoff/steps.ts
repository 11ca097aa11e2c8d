import type { Permission } from "../permissions.js";
import { can } from "../permissions.js";
import type { Role } from "../roles.js";

/**
 * Steps of an incident that belong to a role other than the caller's ("this is for the privacy
 * officer"): the UI offers "Ask them" there, and the server checks that the asked role really
 * may take the step. One permission per step, from the one permission matrix.
 */
export const HANDOFF_STEPS = {
  decide: "breach.decide",
  report: "report.manage",
  close: "incident.close",
  approveReview: "review.approve",
  approveNotice: "notice.approve",
  sendNotice: "notice.send",
} as const satisfies Record<string, Permission>;
export type HandoffStep = keyof typeof HANDOFF_STEPS;
export const HANDOFF_STEP_KEYS = Object.keys(HANDOFF_STEPS) as [HandoffStep, ...HandoffStep[]];

/** The staff roles one may ask: those that hold the step's permission. */
export const ASKABLE_ROLES = ["privacy", "manager", "admin"] as const satisfies readonly Role[];
export type AskableRole = (typeof ASKABLE_ROLES)[number];

export const mayTakeStep = (role: Role, step: HandoffStep): boolean => can(role, HANDOFF_STEPS[step]);

/** Whom to ask for a step the caller cannot take: the narrowest role that may (privacy before owners before admins). */
export function roleToAsk(step: HandoffStep): AskableRole {
  return ASKABLE_ROLES.find((r) => mayTakeStep(r, step)) ?? "admin";
}
