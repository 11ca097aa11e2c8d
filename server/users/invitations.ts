import { createHash, randomBytes } from "node:crypto";
import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { enqueueMail } from "../outbox/service.js";
import { textToHtml } from "../notices/render.js";
import { hashPassword } from "../auth/passwords.js";
import { assertAcceptablePassword } from "../auth/passwordPolicy.js";
import { ConflictError, GoneError } from "../http/errors.js";
import { languageOf, translator } from "../../shared/i18n/index.js";
import { formatLocalDateTime } from "../../shared/breach/localTime.js";
import type { InviteUserBody } from "../../shared/schemas/people.js";

/** An invited account cannot sign in with a password until the invitation is accepted (verifyPassword refuses it). */
const NO_PASSWORD_YET = "invited";
const DAY_MS = 86_400_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates the account (no usable password) and its one-time link, and queues the invitation mail: one transaction. */
export async function inviteUser(tx: Tx, actor: AuditActor, config: Config, body: InviteUserBody) {
  if (await tx.user.findUnique({ where: { email: body.email } })) throw new ConflictError(`A user with e-mail ${body.email} already exists.`);
  const user = await tx.user.create({
    data: { email: body.email, name: body.name, role: body.role, language: body.language ?? null, passwordHash: NO_PASSWORD_YET },
  });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + config.INVITATION_DAYS * DAY_MS);
  await tx.userInvitation.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt } });
  await appendAudit(tx, actor, {
    action: "user.invited", targetType: "user", targetId: user.id,
    after: { email: user.email, name: user.name, role: user.role, expiresAt: expiresAt.toISOString() },
  });
  const mail = invitationMail({ config, name: body.name, link: `${config.publicUrl}/invitation#${token}`, expiresAt, lang: body.language ?? config.VENDOR_LANGUAGE });
  await enqueueMail(tx, actor, { dedupeKey: `invitation:${user.id}:${expiresAt.getTime()}`, to: [user.email], ...mail });
  return { user, expiresAt };
}

/** The invitation mail in the invitee's language, sent from the vendor's name (never a placeholder name). */
export function invitationMail({ config, name, link, expiresAt, lang }: { config: Config; name: string; link: string; expiresAt: Date; lang: string }) {
  const t = translator(lang);
  const vars = { name, vendor: config.VENDOR_NAME, link, expires: formatLocalDateTime(expiresAt.toISOString(), config.VENDOR_TIME_ZONE, languageOf(lang)) };
  const lines = [t("people:mail.greeting", vars), t("people:mail.body", vars), link, t("people:mail.expiry", vars)];
  const subject = t("people:mail.subject", vars);
  const text = `${lines.join("\n\n")}\n`;
  // One HTML convention for every mail: a document in the reader's language, links made clickable.
  return { subject, text, html: textToHtml(text, languageOf(lang), subject) };
}

/** The open invitation a token names; 410 when it was used, expired or never existed. */
export async function openInvitation(tx: Tx, token: string) {
  const inv = await tx.userInvitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!inv || inv.acceptedAt || inv.expiresAt.getTime() <= Date.now() || !inv.user.active || inv.user.anonymisedAt)
    throw new GoneError("This invitation link has expired or was already used: ask an administrator for a new one.");
  return inv;
}

/** The invitee chooses a password: the link is spent, the account can sign in. */
export async function acceptInvitation(tx: Tx, { token, password }: { token: string; password: string }) {
  const inv = await openInvitation(tx, token);
  assertAcceptablePassword({ password, email: inv.user.email, name: inv.user.name });
  // Conditional, so two uses of one link at the same time cannot both succeed.
  const { count } = await tx.userInvitation.updateMany({ where: { id: inv.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
  if (count === 0) throw new GoneError("This invitation link has expired or was already used: ask an administrator for a new one.");
  await tx.user.update({ where: { id: inv.userId }, data: { passwordHash: await hashPassword(password) } });
  await appendAudit(tx, { actorId: inv.userId, actorLabel: inv.user.email }, {
    action: "user.invitation_accepted", targetType: "user", targetId: inv.userId, after: { email: inv.user.email },
  });
  return inv.user;
}

export async function pendingInvitations(tx: Tx, userIds: string[]) {
  const open = await tx.userInvitation.findMany({ where: { userId: { in: userIds }, acceptedAt: null, expiresAt: { gt: new Date() } }, select: { userId: true } });
  return new Set(open.map((i) => i.userId));
}
