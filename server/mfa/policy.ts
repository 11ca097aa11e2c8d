import type { Config } from "../config.js";
import type { Role } from "../../shared/roles.js";
import type { SessionMethod } from "../auth/sessions.js";

/** A cookie session's second-factor state, worked out once per request by authenticate(). */
export interface SessionMfa {
  method: SessionMethod;
  /** When a second factor was last proven in this session (or asserted by the IdP). */
  at: Date | null;
  /** The user holds a confirmed TOTP app or a passkey. */
  enrolled: boolean;
  /** MFA_REQUIRED applies to this user's role. */
  required: boolean;
  /** What the session owes before anything else: enrol a factor, prove one, or nothing. */
  pending: "enrol" | "prove" | null;
  /** Step-up is enforced (the user has a factor or the policy applies) and a factor was proven recently enough. */
  fresh: boolean;
  /** Step-up applies to this user at all. */
  stepUpEnforced: boolean;
}

/** MFA_REQUIRED covers every staff role; controllers only with MFA_REQUIRED_CONTROLLERS. */
export function mfaPolicyApplies(config: Config, role: Role): boolean {
  return config.mfaRequired && (role !== "controller" || config.MFA_REQUIRED_CONTROLLERS);
}

export function sessionMfa(args: { config: Config; role: Role; method: SessionMethod; mfaAt: Date | null; enrolled: boolean; now?: number }): SessionMfa {
  const { config, role, method, mfaAt, enrolled, now = Date.now() } = args;
  const required = mfaPolicyApplies(config, role);
  const pending = mfaAt ? null : enrolled ? "prove" : required ? "enrol" : null;
  const fresh = mfaAt !== null && now - mfaAt.getTime() <= config.STEP_UP_MINUTES * 60_000;
  return { method, at: mfaAt, enrolled, required, pending, fresh, stepUpEnforced: enrolled || required };
}
