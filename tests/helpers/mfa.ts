import { generate } from "otplib";
import { Client } from "./client.js";

/** The TOTP code for `secret`, `stepsAhead` 30-second steps from now (the server accepts one step either side). */
export const totpCode = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });

/** Enrols an authenticator app for the signed-in client; returns its secret and the recovery codes. */
export async function enrolTotp(client: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await client.post("/api/auth/mfa/totp/setup");
  if (setup.status !== 200) throw new Error(`totp setup: ${setup.status} ${JSON.stringify(setup.body)}`);
  const confirm = await client.post("/api/auth/mfa/totp/confirm", { code: await totpCode(setup.body.secret) });
  if (confirm.status !== 200) throw new Error(`totp confirm: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  return { secret: setup.body.secret, recoveryCodes: confirm.body.recoveryCodes };
}

/** Password, then the TOTP code one step ahead (a step not yet used), as the two-step sign-in does. */
export async function loginWithTotp(baseUrl: string, user: { email: string; password: string }, secret: string, stepsAhead = 1): Promise<Client> {
  const c = new Client(baseUrl);
  const first = await c.post("/api/auth/login", user);
  if (!first.body?.pendingToken) throw new Error(`login step 1: ${first.status} ${JSON.stringify(first.body)}`);
  const second = await c.post("/api/auth/login/mfa", { pendingToken: first.body.pendingToken, proof: { method: "totp", code: await totpCode(secret, stepsAhead) } });
  if (second.status !== 200) throw new Error(`login step 2: ${second.status} ${JSON.stringify(second.body)}`);
  c.csrf = second.body.csrfToken;
  return c;
}
