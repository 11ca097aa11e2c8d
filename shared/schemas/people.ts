import { z } from "zod";
import { Text, Email } from "./text.js";
import { LANGUAGES } from "./organization.js";
import { STAFF_ROLES } from "../roles.js";
import { Password, UserView } from "./auth.js";

/** An admin invites a member of staff by e-mail; the invitee chooses a password (or signs in with SSO) from the link. */
export const InviteUserBody = z.object({
  email: Email,
  name: Text.trim().min(1).max(200),
  /** A staff role; controllers are added on their organisation. */
  role: z.enum(STAFF_ROLES),
  /** The invitation's and the account's language; left out, the vendor's. */
  language: z.enum(LANGUAGES).optional(),
});
export type InviteUserBody = z.infer<typeof InviteUserBody>;

export const InvitationView = z.object({ user: UserView, expiresAt: z.string() });

/** What the invitation page shows before the password is chosen. */
export const InvitationToken = z.object({ token: Text.min(20).max(200) });
export const InvitationInfo = z.object({ email: z.string(), name: z.string(), expiresAt: z.string(), sso: z.boolean() });

export const AcceptInvitationBody = z.object({
  /** The token from the link in the invitation mail. */
  token: Text.min(20).max(200),
  password: Password,
});

/** A user in the admin's list: the sign-in view plus when the account was last used and whether an invitation is open. */
export const ManagedUserView = UserView.extend({ invitationPending: z.boolean() });
export const ManagedUserList = z.object({ items: z.array(ManagedUserView) });
