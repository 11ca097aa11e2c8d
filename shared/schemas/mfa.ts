import { z } from "zod";

/** Factors a user can prove (recovery codes count only as a fallback for the others). */
export const FactorKind = z.enum(["totp", "passkey", "recovery"]);
export type FactorKind = z.infer<typeof FactorKind>;

const b64url = z.string().max(20_000).regex(/^[A-Za-z0-9_-]*$/, "must be base64url");

/** A WebAuthn assertion as @simplewebauthn/browser's startAuthentication returns it. */
export const AuthenticationResponse = z.object({
  id: b64url,
  rawId: b64url,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

/** A WebAuthn attestation as startRegistration returns it. */
export const RegistrationResponse = z.object({
  id: b64url,
  rawId: b64url,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url,
    attestationObject: b64url,
    authenticatorData: b64url.optional(),
    transports: z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url.optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export const TotpCode = z.string().trim().regex(/^\d{6}$/, "must be the 6-digit code from your authenticator app");

/** Proof of a second factor: a TOTP code, a recovery code, or a passkey assertion. */
export const FactorProof = z.discriminatedUnion("method", [
  z.object({ method: z.literal("totp"), code: TotpCode }),
  z.object({ method: z.literal("recovery"), code: z.string().trim().min(8, "must be a recovery code").max(40) }),
  z.object({ method: z.literal("passkey"), response: AuthenticationResponse }),
]);
export type FactorProof = z.infer<typeof FactorProof>;

/** The password was right and a second factor is owed: no session yet. */
export const SecondFactorChallenge = z.object({
  mfaRequired: z.literal(true),
  /** Send back with the proof to /api/auth/login/mfa; valid for a few minutes and a few attempts. */
  pendingToken: z.string(),
  methods: z.array(FactorKind),
});

export const SecondStepBody = z.object({ pendingToken: z.string().min(20).max(200), proof: FactorProof });
export const PendingTokenBody = z.object({ pendingToken: z.string().min(20).max(200) });
export const VerifyFactorBody = z.object({ proof: FactorProof });

/** WebAuthn options to hand to @simplewebauthn/browser (PublicKeyCredential*OptionsJSON). */
export const WebAuthnOptions = z.object({ options: z.record(z.string(), z.unknown()) });

/** The session's MFA state, returned with the signed-in user. */
export const MfaState = z.object({
  /** The user has a confirmed TOTP app or a passkey. */
  enrolled: z.boolean(),
  /** The MFA_REQUIRED policy applies to this user. */
  required: z.boolean(),
  /** enrol: only enrolment is open; prove: a factor must be proven before anything else; null: nothing owed. */
  pending: z.enum(["enrol", "prove"]).nullable(),
  /** When a second factor was last proven in this session. */
  verifiedAt: z.string().nullable(),
  stepUpMinutes: z.number().int(),
});
export type MfaState = z.infer<typeof MfaState>;

export const PasskeyView = z.object({
  id: z.uuid(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), backedUp: z.boolean(), deviceType: z.string(),
});
export const MyFactors = z.object({
  totp: z.object({ confirmedAt: z.string() }).nullable(),
  passkeys: z.array(PasskeyView),
  recoveryCodesLeft: z.number().int(),
  state: MfaState,
});

export const TotpSetupResponse = z.object({
  /** Base32 secret, for typing into the app by hand. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The otpauth URL as a QR code (PNG data URL). */
  qrDataUrl: z.string(),
});
export const ConfirmTotpBody = z.object({ code: TotpCode });
export const RecoveryCodesResponse = z.object({
  /** Shown once: only their hashes are kept. Null when the user already holds unused codes. */
  recoveryCodes: z.array(z.string()).nullable(),
});

export const PasskeyName = z.string().trim().min(1, "must not be empty").max(100);
export const RegisterPasskeyBody = z.object({ name: PasskeyName, response: RegistrationResponse });
export const RenamePasskeyBody = z.object({ name: PasskeyName });
export const RegisterPasskeyResponse = z.object({ passkey: PasskeyView, recoveryCodes: z.array(z.string()).nullable() });

/** Which factors each user holds (access review). */
export const UserFactors = z.object({ totp: z.boolean(), passkeys: z.number().int(), recoveryCodesLeft: z.number().int() });
