import { z } from "zod";
import { Text, Email } from "./text.js";
import { ROLES } from "../roles.js";
import { MfaState, SecondFactorChallenge } from "./mfa.js";
import { LANGUAGES } from "./organization.js";
import { TimeZone } from "./setup.js";

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
    /** The language chosen in the profile; null follows the organisation (controllers) or the browser. */
    language: z.enum(LANGUAGES).nullable().optional(),
    /** The IANA zone chosen in the profile; null follows the browser. */
    timeZone: z.string().nullable().optional(),
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
  /** The language to show: the profile's, else the organisation's for a controller user; null lets the browser decide. */
  language: z.enum(LANGUAGES).nullable().optional(),
});

export const SetLanguageBody = z.object({
  /** sv, nb or en; null goes back to the default (the organisation's or the browser's language). */
  language: z.enum(LANGUAGES).nullable(),
});
export const SetLanguageResponse = z.object({ language: z.enum(LANGUAGES).nullable() });

export const SetTimeZoneBody = z.object({
  /** IANA zone, e.g. Europe/Oslo; null goes back to the browser's zone. */
  timeZone: TimeZone.nullable(),
});
export const SetTimeZoneResponse = z.object({ timeZone: z.string().nullable() });
/** Password sign-in: a session, or (the user has a second factor) the challenge for it and no session yet. */
export const LoginOutcome = z.union([LoginResponse, SecondFactorChallenge]);

/**
 * Password length (NIST SP 800-63B: at least 12, no composition rules). The server also refuses
 * common, breached and guessable passwords and ones that contain the e-mail (server/auth/passwordPolicy.ts).
 */
export const Password = Text.min(12, "must be at least 12 characters").max(256, "must be at most 256 characters");

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
  /** sv, nb or en; left out, the person reads their organisation's (controllers) or their browser's language. */
  language: z.enum(LANGUAGES).optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.object({
  name: Text.trim().min(1).max(200).optional(),
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
});

export const ChangePasswordBody = z.object({
  /** The password the user signs in with today. */
  currentPassword: Text.min(1).max(1024),
  /** The new password: at least 12 characters, not common, breached or containing the e-mail. */
  newPassword: Password,
  /** Also revoke every API token of the user (a password change after a suspected compromise). */
  revokeTokens: z.boolean().default(false),
});
export const ChangePasswordResponse = z.object({
  ok: z.literal(true),
  /** The user's other sessions that were ended. */
  endedSessions: z.number().int(),
  revokedTokens: z.number().int(),
});

export const SignInOptionsQuery = z.object({
  /** The address typed so far: an organisation's own provider is offered when its e-mail domain matches. */
  email: Text.max(320).optional(),
});
export const SignInOptions = z.object({
  /** PASSWORD_LOGIN: whether staff may use the password form (controllers always may). */
  passwordLogin: z.enum(["on", "admins-only", "off"]),
  providers: z.array(z.object({
    id: z.string(),
    label: z.string(),
    /** Where the button goes: GET /auth/oidc/login?provider=ID. */
    loginUrl: z.string(),
    /** The typed e-mail's domain belongs to this provider (home-realm discovery). */
    matchesEmail: z.boolean(),
  })),
});
export type SignInOptions = z.infer<typeof SignInOptions>;
