/** Typed errors; the one error handler maps them to HTTP status codes. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * A route returned JSON its declared response schema does not describe. Only raised where VALIDATE_RESPONSES is on (the
 * tests), as a 500 naming the route and each difference so that the suite fails loudly.
 */
export class ResponseContractError extends HttpError {
  constructor(route: string, issues: FieldIssue[]) {
    super(500, "response_contract", `The response of ${route} does not match its declared schema: ${issues.map((i) => `${i.field || "(body)"}: ${i.message}`).join("; ")}`, { issues });
  }
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** Problems listed per field before the rest are summed up: 5000 bad ids in one array are one finding, not 5000. */
export const ISSUES_PER_FIELD = 3;

/** At most ISSUES_PER_FIELD issues per field (array indexes ignored: `ids.0` and `ids.7` are the field `ids`), then "and N more". */
export function capIssues(issues: FieldIssue[]): FieldIssue[] {
  const byField = new Map<string, FieldIssue[]>();
  for (const issue of issues) {
    const field = issue.field.split(".").filter((part) => !/^\d+$/.test(part)).join(".") || issue.field;
    byField.set(field, [...(byField.get(field) ?? []), issue]);
  }
  return [...byField].flatMap(([field, list]) =>
    list.length <= ISSUES_PER_FIELD
      ? list
      : [...list.slice(0, ISSUES_PER_FIELD), { field, message: `and ${list.length - ISSUES_PER_FIELD} more problems in this field` }],
  );
}

export class ValidationError extends HttpError {
  constructor(all: FieldIssue[], message?: string) {
    const issues = capIssues(all);
    super(400, "validation_failed", message ?? issues.map((i) => `${i.field}: ${i.message}`).join("; "), { issues });
  }
  static field(field: string, message: string) {
    return new ValidationError([{ field, message }]);
  }
}
export class UnauthorizedError extends HttpError {
  constructor(message = "Sign in required.") {
    super(401, "unauthorized", message);
  }
}
export class ForbiddenError extends HttpError {
  constructor(message = "You are not allowed to do this.") {
    super(403, "forbidden", message);
  }
}
export class NotFoundError extends HttpError {
  constructor(what = "Resource") {
    super(404, "not_found", `${what} not found.`);
  }
}
export class ConflictError extends HttpError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(409, "conflict", message, extra);
  }
}
export class TooManyRequestsError extends HttpError {
  constructor(message = "Too many requests, try again later.") {
    super(429, "rate_limited", message);
  }
}
export class PayloadTooLargeError extends HttpError {
  constructor(message: string) {
    super(413, "payload_too_large", message);
  }
}
export class GoneError extends HttpError {
  constructor(message: string) {
    super(410, "gone", message);
  }
}
