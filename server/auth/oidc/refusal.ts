import type { Refusal } from "./texts.js";

/** A single sign-on refused for a reason the user is shown (texts.ts); `detail` goes to the log and audit only. */
export class SsoRefusal extends Error {
  constructor(
    readonly reason: Refusal,
    readonly vars: Record<string, string> = {},
    readonly detail?: string,
  ) {
    super(`single sign-on refused: ${reason}${detail ? ` (${detail})` : ""}`);
  }
}
