import type { Tx } from "../../db/client.js";
import type { User } from "../../generated/prisma/client.js";
import { appendAudit, type AuditActor } from "../../audit/service.js";
import { emailDomain } from "../../../shared/email.js";
import { hashPassword, randomPassword } from "../passwords.js";
import { mapRole, type IdentityClaims } from "./claims.js";
import type { OidcProvider } from "./providers.js";
import { SsoRefusal } from "./refusal.js";

/**
 * Who may sign in through `provider`: through an organisation's provider only that
 * organisation's controller users; through a staff provider never a controller user (a
 * customer's contact cannot become staff by being in a mapped group).
 */
function assertRealm(provider: OidcProvider, user: User) {
  if (provider.organizationId) {
    if (user.role !== "controller" || user.organizationId !== provider.organizationId)
      throw new SsoRefusal("other_organization", { email: user.email, provider: provider.label });
  } else if (user.role === "controller") throw new SsoRefusal("controller_staff", { email: user.email });
}

/**
 * The user behind an identity: the linked one (issuer, subject), else an existing account linked
 * by a verified e-mail, else a new one (just-in-time). Name, e-mail and role follow the claims on
 * every sign-in; each change is audited in the same transaction.
 */
export async function provisionUser({ tx, provider, issuer, identity, requestId }: {
  tx: Tx;
  provider: OidcProvider;
  issuer: string;
  identity: IdentityClaims;
  requestId: string;
}): Promise<User> {
  const vars = { provider: provider.label, email: identity.email ?? "" };
  if (!identity.email) throw new SsoRefusal("no_email", vars);
  if (provider.emailDomains.length > 0 && !provider.emailDomains.includes(emailDomain(identity.email)))
    throw new SsoRefusal("email_domain", vars);
  const mapped = mapRole(provider, identity.groups);
  if (!mapped) throw new SsoRefusal("unmapped", vars, `groups: ${identity.groups.join(", ") || "none"}`);
  const actor = (u?: User): AuditActor => ({ actorId: u?.id ?? null, actorLabel: `sso:${provider.id}`, requestId });

  const link = await tx.oidcIdentity.findUnique({ where: { issuer_subject: { issuer, subject: identity.subject } }, include: { user: true } });
  let user = link?.user ?? (await tx.user.findUnique({ where: { email: identity.email } }));
  if (user && !link && !identity.emailVerified) throw new SsoRefusal("unverified_email", vars);
  if (!user) return createFromClaims({ tx, provider, issuer, identity, role: mapped, actor: actor() });

  assertRealm(provider, user);
  if (!user.active) throw new SsoRefusal("inactive", vars);
  const before = { name: user.name, email: user.email, role: user.role };
  const takenEmail = identity.emailVerified && identity.email !== user.email && (await tx.user.findUnique({ where: { email: identity.email } }));
  const after = {
    name: identity.name ?? user.name,
    email: identity.emailVerified && !takenEmail ? identity.email : user.email,
    role: provider.organizationId ? user.role : mapped,
  };
  if (after.name !== before.name || after.email !== before.email || after.role !== before.role) {
    user = await tx.user.update({ where: { id: user.id }, data: after });
    // A role change ends the user's sessions at once, as when an admin changes it.
    if (after.role !== before.role) await tx.session.deleteMany({ where: { userId: user.id } });
    await appendAudit(tx, actor(user), {
      action: "user.updated", targetType: "user", targetId: user.id, organizationId: user.organizationId,
      before, after: { ...after, source: "oidc", provider: provider.id },
    });
  }
  if (link) await tx.oidcIdentity.update({ where: { id: link.id }, data: { lastUsedAt: new Date() } });
  else await linkIdentity(tx, { provider, issuer, identity, user, actor: actor(user) });
  return user;
}

async function createFromClaims({ tx, provider, issuer, identity, role, actor }: {
  tx: Tx; provider: OidcProvider; issuer: string; identity: IdentityClaims; role: User["role"]; actor: AuditActor;
}): Promise<User> {
  if (provider.organizationId) {
    const org = await tx.organization.findUnique({ where: { id: provider.organizationId } });
    if (!org || org.self) throw new SsoRefusal("unknown_provider", {}, `organisation ${provider.organizationId} does not exist or is the vendor`);
  }
  const user = await tx.user.create({
    data: {
      email: identity.email!,
      name: identity.name ?? identity.email!,
      role,
      organizationId: provider.organizationId ?? null,
      // Never told to anyone: the account signs in through its provider (an admin can set a password for break-glass).
      passwordHash: await hashPassword(randomPassword()),
    },
  });
  await appendAudit(tx, actor, {
    action: "user.created", targetType: "user", targetId: user.id, organizationId: user.organizationId,
    after: { email: user.email, name: user.name, role: user.role, organizationId: user.organizationId, source: "oidc", provider: provider.id },
  });
  await linkIdentity(tx, { provider, issuer, identity, user, actor: { ...actor, actorId: user.id } });
  return user;
}

async function linkIdentity(tx: Tx, { provider, issuer, identity, user, actor }: {
  provider: OidcProvider; issuer: string; identity: IdentityClaims; user: User; actor: AuditActor;
}) {
  const link = await tx.oidcIdentity.create({ data: { issuer, subject: identity.subject, providerId: provider.id, userId: user.id } });
  await appendAudit(tx, actor, {
    action: "user.sso_linked", targetType: "user", targetId: user.id, organizationId: user.organizationId,
    after: { provider: provider.id, issuer, subject: identity.subject, identityId: link.id, principalName: identity.principalName },
  });
}
