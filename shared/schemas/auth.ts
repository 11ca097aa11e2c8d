import { z } from "zod";
import { ROLES } from "../roles.js";
import { MfaState, SecondFactorChallenge } from "./mfa.js";

export const RoleSchema = z.enum(ROLES);

export const LoginBody = z.object({
  /** Sign-in e-mail address. */
  email: z.string().trim().toLowerCase().email().max(320),
  /** Password; never logged. */
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const UserView = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    organizationId: z.uuid().nullable().optional(),
    active: z.boolean().optional(),
    lastSignInAt: z.string().nullable().optional(),
  })
  .meta({ id: "User" });
export type UserView = z.infer<typeof UserView>;

export const LoginResponse = z.object({
  user: UserView,
  /** Send back as X-CSRF-Token on every state-changing request made with the session cookie. */
  csrfToken: z.string(),
  /** Permissions of the signed-in user (from the shared matrix). */
  permissions: z.array(z.string()),
  /** Second-factor state of this session (absent for API tokens). */
  mfa: MfaState.optional(),
});
/** Password sign-in: a session, or (the user has a second factor) the challenge for it and no session yet. */
export const LoginOutcome = z.union([LoginResponse, SecondFactorChallenge]);

/** Password policy: at least 12 characters with three of lower, upper, digit, symbol. */
export const Password = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(256)
  .refine((p) => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length >= 3, {
    message: "must mix at least three of: lower-case, upper-case, digits, symbols",
  });

export const CreateUserBody = z.object({
  /** Sign-in e-mail, unique. */
  email: z.string().trim().toLowerCase().email().max(320),
  /** Display name. */
  name: z.string().trim().min(1).max(200),
  /** Role from the permission matrix. */
  role: RoleSchema,
  /** Initial password, must meet the policy. */
  password: Password,
  /** Required for role controller: the organisation the user speaks for. */
  organizationId: z.uuid().optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
});

export const CreateTokenBody = z.object({
  /** What the token is for, e.g. "alerting webhook". */
  name: z.string().trim().min(1).max(100),
});
export const CreateTokenResponse = z.object({ id: z.uuid(), name: z.string(), token: z.string() });
