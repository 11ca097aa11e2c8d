import { randomBytes } from "node:crypto";
import type { Tx } from "../db/client.js";
import { sha256 } from "../auth/tokens.js";

const COUNT = 10;
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 symbols, no 0/o, 1/l

/** 16 symbols of 5 bits = 80 random bits, shown as xxxx-xxxx-xxxx-xxxx; SHA-256 suffices at that entropy. */
function newCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

const normalise = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");
const hashCode = (code: string) => sha256(`vakt-recovery:${normalise(code)}`);

/** Replaces the user's recovery codes with ten new ones; returns them (the only time they are seen). */
export async function issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  const codes = Array.from({ length: COUNT }, newCode);
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashCode(c) })) });
  return codes;
}

/** Issues codes only when the user holds no unused ones (the first factor), else null. */
export async function issueRecoveryCodesIfNone(tx: Tx, userId: string): Promise<string[] | null> {
  const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
  return left > 0 ? null : issueRecoveryCodes(tx, userId);
}

/** Marks the code used if it is one of the user's unused codes; conditional, so two requests cannot both use it. */
export async function consumeRecoveryCode(tx: Tx, userId: string, code: string): Promise<{ ok: boolean; left: number }> {
  const { count } = await tx.recoveryCode.updateMany({ where: { userId, codeHash: hashCode(code), usedAt: null }, data: { usedAt: new Date() } });
  const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
  return { ok: count === 1, left };
}
