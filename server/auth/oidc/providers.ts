import fs from "node:fs";
import { z } from "zod";
import { ROLES, STAFF_ROLES } from "../../../shared/roles.js";
import { emailDomain } from "../../../shared/email.js";

/** "group=role,group=role" (the last "=" of each item splits, so group names may hold "=") or, in the JSON file, {group: role}. */
export const RoleMap = z
  .union([
    z.string().transform((s, ctx) => {
      const pairs: [string, string][] = [];
      for (const item of s.split(",").map((x) => x.trim()).filter(Boolean)) {
        const at = item.lastIndexOf("=");
        if (at <= 0) {
          ctx.addIssue({ code: "custom", message: `"${item}" is not group=role` });
          return z.NEVER;
        }
        pairs.push([item.slice(0, at).trim(), item.slice(at + 1).trim()]);
      }
      return Object.fromEntries(pairs);
    }),
    z.record(z.string(), z.string()),
  ])
  .pipe(z.record(z.string().min(1), z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` })))
  .default({});

const Flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);
const List = z.union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,]+/).filter(Boolean))]);

/** One OpenID Connect provider, from the OIDC_* variables or one entry of OIDC_PROVIDERS_FILE. */
export const OidcProviderSchema = z
  .object({
    /** Short id in /auth/oidc/login?provider=ID. */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "must be lower-case letters, digits, - or _ (at most 40)"),
    /** Button text on the sign-in page. */
    label: z.string().trim().min(1).max(80),
    issuer: z.string().url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    scopes: z.string().default("openid email profile"),
    groupsClaim: z.string().min(1).default("groups"),
    roleMap: RoleMap,
    /** Role for users in no mapped group; unset: such users are refused. */
    defaultRole: z.enum(ROLES).optional(),
    /** Home-realm discovery: the sign-in page offers this provider for these e-mail domains; when set, other domains are refused. */
    emailDomains: List.default([]).transform((ds) => ds.map((d) => emailDomain(`@${d}`))),
    /** A customer's own provider: its users are controller users of this organisation and nothing else. */
    organizationId: z.uuid().optional(),
    /** ID token `acr` values that mean the IdP performed multi-factor authentication. */
    mfaAcr: List.default([]),
    /** The IdP's own policy guarantees MFA for every sign-in (e.g. Entra conditional access). */
    idpEnforcesMfa: Flag.default(false),
  })
  .superRefine((p, ctx) => {
    const roles = [...Object.values(p.roleMap), ...(p.defaultRole ? [p.defaultRole] : [])];
    if (p.organizationId) {
      if (roles.some((r) => r !== "controller"))
        ctx.addIssue({ code: "custom", path: ["roleMap"], message: "an organisation's provider maps to role controller only" });
      if (p.emailDomains.length === 0)
        ctx.addIssue({ code: "custom", path: ["emailDomains"], message: "an organisation's provider needs its e-mail domains" });
    } else if (roles.some((r) => !(STAFF_ROLES as readonly string[]).includes(r)))
      ctx.addIssue({ code: "custom", path: ["roleMap"], message: "a staff provider maps to staff roles only (controller users come from an organisation's provider)" });
  });
export type OidcProvider = z.infer<typeof OidcProviderSchema>;

/** The provider from OIDC_ISSUER and friends ("sso"), then the ones in OIDC_PROVIDERS_FILE. */
export function loadOidcProviders(env: Record<string, string | undefined>): OidcProvider[] {
  const found: unknown[] = [];
  const shared = { mfaAcr: env.OIDC_MFA_ACR, idpEnforcesMfa: env.OIDC_IDP_ENFORCES_MFA };
  if (env.OIDC_ISSUER)
    found.push({
      id: "sso", label: env.OIDC_LABEL ?? "Single sign-on", issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET, scopes: env.OIDC_SCOPES, groupsClaim: env.OIDC_GROUPS_CLAIM,
      roleMap: env.OIDC_ROLE_MAP, defaultRole: env.OIDC_DEFAULT_ROLE, emailDomains: env.OIDC_EMAIL_DOMAINS, ...shared,
    });
  if (env.OIDC_PROVIDERS_FILE) {
    const file = env.OIDC_PROVIDERS_FILE;
    if (!fs.existsSync(file)) throw new Error(`OIDC_PROVIDERS_FILE: ${file} does not exist`);
    const list: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (!Array.isArray(list)) throw new Error("OIDC_PROVIDERS_FILE: must hold a JSON array of providers");
    found.push(...list.map((p) => ({ ...shared, ...(p as object) })));
  }
  const providers = found.map((p, i) => {
    const parsed = OidcProviderSchema.safeParse(Object.fromEntries(Object.entries(p as object).filter(([, v]) => v !== undefined && v !== "")));
    if (!parsed.success)
      throw new Error(parsed.error.issues.map((x) => `OIDC provider ${i === 0 && env.OIDC_ISSUER ? "OIDC_*" : `#${i}`} ${x.path.join(".")}: ${x.message}`).join("\n"));
    return parsed.data;
  });
  const ids = providers.map((p) => p.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`OIDC provider id "${twice}" is used twice`);
  return providers;
}
