import type { z } from "zod";
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { request, type Session } from "../api.js";
import type { FactorProof, MyFactors, PasskeyView, TotpSetupResponse, UserFactors } from "../../../shared/schemas/mfa.js";

export type MyFactorsView = z.infer<typeof MyFactors>;
export type Passkey = z.infer<typeof PasskeyView>;
export type TotpSetup = z.infer<typeof TotpSetupResponse>;
export type Proof = z.infer<typeof FactorProof>;
export type FactorSummary = z.infer<typeof UserFactors>;
type Options = { options: Record<string, unknown> };

/** Asks the browser's authenticator to sign the server's challenge; returns the proof to send back. */
async function passkeyProof(options: Options): Promise<Proof> {
  const response = await startAuthentication({ optionsJSON: options.options as never });
  return { method: "passkey", response: response as never };
}

export const mfaApi = {
  factors: () => request<MyFactorsView>("GET", "/api/auth/mfa"),
  totpSetup: () => request<TotpSetup>("POST", "/api/auth/mfa/totp/setup", {}),
  totpConfirm: (code: string) => request<{ recoveryCodes: string[] | null }>("POST", "/api/auth/mfa/totp/confirm", { code }, { quiet401: true }),
  totpRemove: () => request<{ ok: boolean }>("DELETE", "/api/auth/mfa/totp"),
  newRecoveryCodes: () => request<{ recoveryCodes: string[] }>("POST", "/api/auth/mfa/recovery-codes", {}),
  async addPasskey(name: string) {
    const { options } = await request<Options>("POST", "/api/auth/mfa/passkeys/options", {});
    const response = await startRegistration({ optionsJSON: options as never });
    return request<{ passkey: Passkey; recoveryCodes: string[] | null }>("POST", "/api/auth/mfa/passkeys", { name, response }, { quiet401: true });
  },
  renamePasskey: (id: string, name: string) => request<{ passkey: Passkey }>("PATCH", `/api/auth/mfa/passkeys/${encodeURIComponent(id)}`, { name }),
  removePasskey: (id: string) => request<{ ok: boolean }>("DELETE", `/api/auth/mfa/passkeys/${encodeURIComponent(id)}`),
  /** Proves a factor in this session (owed after SSO, or step-up). */
  verify: (proof: Proof) => request<{ mfa: Session["mfa"] }>("POST", "/api/auth/mfa/verify", { proof }, { quiet401: true }),
  async verifyWithPasskey() {
    return mfaApi.verify(await passkeyProof(await request<Options>("POST", "/api/auth/mfa/verify/options", {})));
  },
  /** Second sign-in step. */
  secondStep: (pendingToken: string, proof: Proof) => request<Session>("POST", "/api/auth/login/mfa", { pendingToken, proof }, { quiet401: true }),
  async secondStepWithPasskey(pendingToken: string) {
    const options = await request<Options>("POST", "/api/auth/login/mfa/options", { pendingToken }, { quiet401: true });
    return mfaApi.secondStep(pendingToken, await passkeyProof(options));
  },
  async passwordless() {
    const options = await request<Options>("POST", "/api/auth/passkey/options", {}, { quiet401: true });
    const response = await startAuthentication({ optionsJSON: options.options as never });
    return request<Session>("POST", "/api/auth/passkey/login", { response }, { quiet401: true });
  },
  resetUser: (userId: string) => request<{ removed: unknown }>("POST", `/api/users/${encodeURIComponent(userId)}/mfa/reset`, {}),
};
