import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { Tx } from "../db/client.js";
import type { SecretBox } from "./secretBox.js";
import { factorRejected } from "./errors.js";

/** One 30-second step either side of now: tolerates clock drift, nothing more. */
const TOLERANCE_SECONDS = 30;

export async function newTotpEnrolment(args: { issuer: string; email: string }) {
  const secret = generateSecret();
  const otpauthUrl = generateURI({ issuer: args.issuer, label: args.email, secret });
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: "M", margin: 2, width: 240 }) };
}

/**
 * Checks a code against the user's TOTP secret (confirmed or, when `pending`, not yet) and
 * records its time step. A step at or before the last accepted one is refused, and the record is
 * a conditional update, so the same code cannot be used twice even by two requests at once.
 */
export async function checkTotp(args: { tx: Tx; box: SecretBox; userId: string; code: string; pending?: boolean }): Promise<boolean> {
  const { tx, box, userId, code, pending = false } = args;
  const factor = await tx.totpFactor.findUnique({ where: { userId } });
  if (!factor || (factor.confirmedAt === null) !== pending) return false;
  let secret: string;
  try {
    secret = box.open(factor.secret, userId);
  } catch {
    throw factorRejected("The authenticator app cannot be checked (the server's MFA_ENCRYPTION_KEY changed). Use a passkey or a recovery code.");
  }
  const result = await verify({
    secret, token: code, epochTolerance: TOLERANCE_SECONDS,
    ...(factor.lastTimeStep !== null ? { afterTimeStep: factor.lastTimeStep } : {}),
  });
  if (!result.valid || !("timeStep" in result)) return false;
  const { count } = await tx.totpFactor.updateMany({
    where: { userId, OR: [{ lastTimeStep: null }, { lastTimeStep: { lt: result.timeStep } }] },
    data: { lastTimeStep: result.timeStep, ...(pending ? { confirmedAt: new Date() } : {}) },
  });
  return count === 1;
}
