import { HttpError } from "../http/errors.js";

/** RFC 7644 §3.12 scimType values Vakt answers with. */
export type ScimType = "invalidFilter" | "invalidPath" | "invalidValue" | "invalidSyntax" | "uniqueness" | "mutability" | "noTarget" | "tooMany";

/** A SCIM error: the router's error handler (routes.ts) writes it in the SCIM error schema. */
export class ScimError extends HttpError {
  constructor(status: number, scimType: ScimType | undefined, detail: string) {
    super(status, scimType ?? "scim_error", detail, scimType ? { scimType } : {});
  }
}

export const invalidFilter = (detail: string) => new ScimError(400, "invalidFilter", detail);
export const invalidPath = (detail: string) => new ScimError(400, "invalidPath", detail);
export const invalidValue = (detail: string) => new ScimError(400, "invalidValue", detail);
