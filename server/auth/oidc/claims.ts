import { STAFF_ROLE_RANK } from "../../../shared/roles.js";
import type { Role } from "../../../shared/roles.js";
import { normalizeEmail } from "../../../shared/email.js";
import type { OidcProvider } from "./providers.js";

/** Feide's stable, human-readable identifier (scope `userid-feide`), e.g. "kari@uninett.no". */
export const FEIDE_PRINCIPAL_CLAIM = "https://n.feide.no/claims/eduPersonPrincipalName";

export interface IdentityClaims {
  subject: string;
  /** Normalised; null when the provider sent none. */
  email: string | null;
  /** Only an explicit `email_verified: true` (boolean or the string some IdPs send) counts. */
  emailVerified: boolean;
  name: string | null;
  groups: string[];
  /** Feide's eduPersonPrincipalName when present. */
  principalName: string | null;
}

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** The groups claim: an array of strings, one string, or (some IdPs) space- or comma-separated. */
function readGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string" && g.length > 0);
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** What Vakt uses from the ID token and user-info claims (user info fills what the ID token left out). */
export function readIdentity(provider: Pick<OidcProvider, "groupsClaim">, claims: Record<string, unknown>): IdentityClaims {
  const email = text(claims.email);
  const principalName = text(claims[FEIDE_PRINCIPAL_CLAIM]);
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ");
  return {
    subject: String(claims.sub),
    email: email ? normalizeEmail(email) : null,
    emailVerified: claims.email_verified === true || claims.email_verified === "true",
    name: text(claims.name) ?? (given || null) ?? principalName,
    groups: readGroups(claims[provider.groupsClaim]),
    principalName,
  };
}

/**
 * The role for a user in `groups`: the highest role any mapped group gives (STAFF_ROLE_RANK;
 * controller for an organisation's provider), else the provider's default, else null (refused).
 */
export function mapRole(provider: Pick<OidcProvider, "roleMap" | "defaultRole">, groups: string[]): Role | null {
  const mapped = new Set(groups.flatMap((g) => (provider.roleMap[g] ? [provider.roleMap[g]] : [])));
  const best = STAFF_ROLE_RANK.find((r) => mapped.has(r)) ?? (mapped.has("controller") ? "controller" : undefined);
  return best ?? provider.defaultRole ?? null;
}

const MFA_AMR = new Set(["mfa", "otp", "hwk"]);

/**
 * Did the IdP assert a second factor? `amr` holds mfa, otp or hwk (RFC 8176), or `acr` is one
 * the operator lists in OIDC_MFA_ACR, or the IdP's own policy enforces MFA (OIDC_IDP_ENFORCES_MFA).
 */
export function idpAssertedMfa(input: { amr?: unknown; acr?: unknown; mfaAcr: readonly string[]; idpEnforcesMfa: boolean }): boolean {
  if (input.idpEnforcesMfa) return true;
  if (Array.isArray(input.amr) && input.amr.some((m) => typeof m === "string" && MFA_AMR.has(m))) return true;
  return typeof input.acr === "string" && input.mfaAcr.includes(input.acr);
}
