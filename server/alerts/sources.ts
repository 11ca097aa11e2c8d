import { randomBytes } from "node:crypto";
import type { Prisma } from "../db/client.js";
import type { AlertSource } from "../generated/prisma/client.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { NotFoundError } from "../http/errors.js";
import { newSecret, sha256 } from "../auth/tokens.js";
import { secretBox } from "../mfa/secretBox.js";
import type { AlertSourceView, AlertSourceWithSecret } from "../../shared/schemas/alert.js";

type Kind = AlertSource["kind"];

/**
 * Signing secrets of webhook sources must be kept to verify signatures: sealed like TOTP secrets
 * (AES-256-GCM under MFA_ENCRYPTION_KEY, the source id as associated data) when that key is set.
 */
export const signingBox = (key: string | undefined) => secretBox(key);

/** A new secret for a source: a bearer secret (stored hashed) or a Standard Webhooks signing secret (stored sealed). */
function secretFor(kind: Kind, sourceId: string, encryptionKey: string | undefined) {
  if (kind === "webhook") {
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    return { secret, data: { signingSecret: signingBox(encryptionKey).seal(secret, sourceId), secretHash: null } };
  }
  const { secret, hash } = newSecret("vakt_alert_");
  return { secret, data: { secretHash: hash, signingSecret: null } };
}

export function presentSource(s: AlertSource): AlertSourceView {
  return {
    id: s.id, name: s.name, kind: s.kind, endpoint: `/api/alerts/${s.kind}`, disabled: s.disabledAt !== null,
    createdAt: s.createdAt.toISOString(), rotatedAt: s.rotatedAt?.toISOString() ?? null, lastAlertAt: s.lastAlertAt?.toISOString() ?? null,
  };
}

export async function createSource(
  db: Prisma,
  { name, kind, by, encryptionKey }: { name: string; kind: Kind; by: AuditActor & { actorId: string | null }; encryptionKey?: string },
): Promise<AlertSourceWithSecret> {
  return inTransaction(db, async (tx) => {
    const created = await tx.alertSource.create({ data: { name, kind, createdById: by.actorId } });
    const { secret, data } = secretFor(kind, created.id, encryptionKey);
    const source = await tx.alertSource.update({ where: { id: created.id }, data });
    await appendAudit(tx, by, { action: "alert_source.created", targetType: "alert_source", targetId: source.id, after: { name, kind } });
    return { ...presentSource(source), secret };
  });
}

export async function rotateSecret(db: Prisma, { id, by, encryptionKey }: { id: string; by: AuditActor; encryptionKey?: string }): Promise<AlertSourceWithSecret> {
  return inTransaction(db, async (tx) => {
    const found = await tx.alertSource.findUnique({ where: { id } });
    if (!found) throw new NotFoundError("Alert source");
    const { secret, data } = secretFor(found.kind, found.id, encryptionKey);
    const source = await tx.alertSource.update({ where: { id }, data: { ...data, rotatedAt: new Date() } });
    await appendAudit(tx, by, { action: "alert_source.secret_rotated", targetType: "alert_source", targetId: id, after: { name: source.name } });
    return { ...presentSource(source), secret };
  });
}

/** Disabling refuses the source's posts (401) from now on; enabling lets them in again with the same secret. */
export async function setDisabled(db: Prisma, { id, disabled, by }: { id: string; disabled: boolean; by: AuditActor }): Promise<AlertSourceView> {
  return inTransaction(db, async (tx) => {
    const found = await tx.alertSource.findUnique({ where: { id } });
    if (!found) throw new NotFoundError("Alert source");
    const source = await tx.alertSource.update({ where: { id }, data: { disabledAt: disabled ? (found.disabledAt ?? new Date()) : null } });
    await appendAudit(tx, by, {
      action: disabled ? "alert_source.disabled" : "alert_source.enabled", targetType: "alert_source", targetId: id, after: { name: source.name },
    });
    return presentSource(source);
  });
}

export async function listSources(db: Prisma): Promise<AlertSourceView[]> {
  return (await db.alertSource.findMany({ orderBy: { createdAt: "asc" } })).map(presentSource);
}

/** The enabled source of `kind` whose bearer secret this is, or null. */
export async function sourceByBearer(db: Prisma, { kind, secret }: { kind: Kind; secret: string }) {
  if (!secret) return null;
  return db.alertSource.findFirst({ where: { secretHash: sha256(secret), kind, disabledAt: null } });
}
