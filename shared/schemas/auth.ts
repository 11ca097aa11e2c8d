import { z } from "zod";
import { Text, Email } from "./text.js";
import { ROLES } from "../roles.js";

export const RoleSchema = z.enum(ROLES);

export const LoginBody = z.object({
  /** Sign-in e-mail address. */
  email: Email,
  /** Password; never logged. */
  password: Text.min(1).max(1024),
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
});

/** Password policy: at least 12 characters with three of lower, upper, digit, symbol. */
export const Password = Text
  .min(12, "must be at least 12 characters")
  .max(256)
  .refine((p) => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length >= 3, {
    message: "must mix at least three of: lower-case, upper-case, digits, symbols",
  });

export const CreateUserBody = z.object({
  /** Sign-in e-mail, unique. */
  email: Email,
  /** Display name. */
  name: Text.trim().min(1).max(200),
  /** Role from the permission matrix. */
  role: RoleSchema,
  /** Initial password, must meet the policy. */
  password: Password,
  /** Required for role controller: the organisation the user speaks for. */
  organizationId: z.uuid().optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.object({
  name: Text.trim().min(1).max(200).optional(),
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
});
