import { HttpError } from "../http/errors.js";

export const mfaEnrolmentRequired = () =>
  new HttpError(403, "mfa_enrolment_required", "Set up a second factor (an authenticator app or a passkey) before you continue.");
export const mfaRequired = () =>
  new HttpError(403, "mfa_required", "Prove your second factor (authenticator code, passkey or recovery code) before you continue.");
export const stepUpRequired = (minutes: number) =>
  new HttpError(403, "step_up_required", `This action needs your second factor proven within the last ${minutes} minutes. Confirm it and try again.`, { stepUpMinutes: minutes });
export const factorRejected = (message = "That code or passkey was not accepted.") => new HttpError(401, "factor_rejected", message);
