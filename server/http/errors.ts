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

export class ValidationError extends HttpError {
  constructor(issues: { field: string; message: string }[], message?: string) {
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
