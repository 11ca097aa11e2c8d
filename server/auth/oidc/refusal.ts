/** Why a single sign-on was refused; each has a page in sv, nb and en (shared/i18n/locales/<lang>/sso.json). */
export const REFUSALS = [
  "unknown_provider", "provider_unreachable", "flow_invalid", "provider_error", "token_invalid", "no_email",
  "email_domain", "unmapped", "unverified_email", "controller_staff", "other_organization", "inactive",
] as const;
export type Refusal = (typeof REFUSALS)[number];

/** A single sign-on refused for a reason the user is shown (sso.json); `detail` goes to the log and audit only. */
export class SsoRefusal extends Error {
  constructor(
    readonly reason: Refusal,
    readonly vars: Record<string, string> = {},
    readonly detail?: string,
  ) {
    super(`single sign-on refused: ${reason}${detail ? ` (${detail})` : ""}`);
  }
}
