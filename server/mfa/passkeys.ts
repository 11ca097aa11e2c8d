import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
  type AuthenticationResponseJSON, type AuthenticatorTransportFuture, type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { z } from "zod";
import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import { ValidationError } from "../http/errors.js";
import { factorRejected } from "./errors.js";
import type { AuthenticationResponse, RegistrationResponse } from "../../shared/schemas/mfa.js";

/** What a challenge was issued for; a challenge answers only its own purpose (and user). */
export type ChallengePurpose = "register" | "second-factor" | "step-up" | "passwordless";
const CHALLENGE_MS = 5 * 60_000;

/** Relying party from PUBLIC_URL: its host name is the RP ID, its origin the only accepted origin. */
export function relyingParty(config: Config) {
  const url = new URL(config.publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: `Vakt (${config.VENDOR_NAME})` };
}

const transportsOf = (t: string[]) => t as AuthenticatorTransportFuture[];

async function keepChallenge(tx: Tx, args: { challenge: string; purpose: ChallengePurpose; userId: string | null }) {
  const now = Date.now();
  await tx.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await tx.webAuthnChallenge.create({ data: { ...args, expiresAt: new Date(now + CHALLENGE_MS) } });
}

/** Takes (deletes) the challenge the browser signed; refuses one issued for another purpose or user, or expired. */
async function takeChallenge(tx: Tx, args: { clientDataJSON: string; purpose: ChallengePurpose; userId: string | null }): Promise<string> {
  let challenge: unknown;
  try {
    const data: unknown = JSON.parse(Buffer.from(args.clientDataJSON, "base64url").toString("utf8"));
    challenge = data && typeof data === "object" && "challenge" in data ? data.challenge : undefined;
  } catch {
    throw ValidationError.field("response.clientDataJSON", "is not valid client data");
  }
  if (typeof challenge !== "string") throw ValidationError.field("response.clientDataJSON", "has no challenge");
  const row = await tx.webAuthnChallenge.findUnique({ where: { challenge } });
  if (row) await tx.webAuthnChallenge.delete({ where: { challenge } });
  const fits = row && row.purpose === args.purpose && row.expiresAt.getTime() > Date.now() && (args.userId === null || row.userId === args.userId);
  if (!fits) throw factorRejected("The passkey challenge is unknown, used or expired. Try again.");
  return challenge;
}

export async function registrationOptions(args: { tx: Tx; config: Config; user: { id: string; email: string; name: string } }) {
  const { tx, config, user } = args;
  const { rpID, rpName } = relyingParty(config);
  const existing = await tx.passkey.findMany({ where: { userId: user.id } });
  const options = await generateRegistrationOptions({
    rpName, rpID, userName: user.email, userDisplayName: user.name, userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await keepChallenge(tx, { challenge: options.challenge, purpose: "register", userId: user.id });
  return options;
}

export async function registerPasskey(args: { tx: Tx; config: Config; userId: string; name: string; response: z.infer<typeof RegistrationResponse> }) {
  const { tx, config, userId, name, response } = args;
  const expectedChallenge = await takeChallenge(tx, { clientDataJSON: response.response.clientDataJSON, purpose: "register", userId });
  const { rpID, origin } = relyingParty(config);
  const result = await verifyRegistrationResponse({
    response: response as RegistrationResponseJSON, expectedChallenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false,
  }).catch((e: Error) => { throw factorRejected(`The passkey could not be registered: ${e.message}`); });
  if (!result.verified || !result.registrationInfo) throw factorRejected("The passkey could not be registered.");
  const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
  return tx.passkey.create({
    data: {
      userId, name, credentialId: credential.id, publicKey: Buffer.from(credential.publicKey), counter: BigInt(credential.counter),
      transports: credential.transports ?? [], deviceType: credentialDeviceType, backedUp: credentialBackedUp,
    },
  });
}

/** Options to sign: with the user's own credentials, or none (discoverable credentials) for passwordless sign-in. */
export async function authenticationOptions(args: { tx: Tx; config: Config; userId: string | null; purpose: ChallengePurpose }) {
  const { tx, config, userId, purpose } = args;
  const mine = userId ? await tx.passkey.findMany({ where: { userId } }) : [];
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(config).rpID, userVerification: "preferred",
    allowCredentials: mine.map((p) => ({ id: p.credentialId, transports: transportsOf(p.transports) })),
  });
  await keepChallenge(tx, { challenge: options.challenge, purpose, userId });
  return options;
}

/**
 * Verifies an assertion for the challenge's purpose. userId: the user who must own the passkey
 * (null for passwordless sign-in: the credential names its owner). Returns the owner and whether
 * the authenticator verified the user (PIN, biometrics).
 */
export async function verifyPasskey(args: {
  tx: Tx; config: Config; userId: string | null; purpose: ChallengePurpose; response: z.infer<typeof AuthenticationResponse>;
}): Promise<{ userId: string; passkeyId: string; userVerified: boolean }> {
  const { tx, config, userId, purpose, response } = args;
  const expectedChallenge = await takeChallenge(tx, { clientDataJSON: response.response.clientDataJSON, purpose, userId });
  const passkey = await tx.passkey.findUnique({ where: { credentialId: response.id } });
  if (!passkey || (userId !== null && passkey.userId !== userId)) throw factorRejected("This passkey is not registered here.");
  const { rpID, origin } = relyingParty(config);
  const result = await verifyAuthenticationResponse({
    response: response as AuthenticationResponseJSON, expectedChallenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false,
    credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: transportsOf(passkey.transports) },
  }).catch((e: Error) => { throw factorRejected(`The passkey was not accepted: ${e.message}`); });
  if (!result.verified) throw factorRejected("The passkey was not accepted.");
  await tx.passkey.update({ where: { id: passkey.id }, data: { counter: BigInt(result.authenticationInfo.newCounter), lastUsedAt: new Date() } });
  return { userId: passkey.userId, passkeyId: passkey.id, userVerified: result.authenticationInfo.userVerified };
}
