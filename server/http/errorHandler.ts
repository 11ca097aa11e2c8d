import type { ErrorRequestHandler } from "express";
import { ZodError } from "zod";
import { HttpError, ValidationError } from "./errors.js";
import { Prisma } from "../generated/prisma/client.js";
import { asText } from "../../shared/text.js";

export function zodToValidationError(err: ZodError, prefix = ""): ValidationError {
  return new ValidationError(
    err.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join(".") || "(body)", message: i.message })),
  );
}

/** What body-parser, the router and serve-static throw (http-errors): a status and, for body-parser, a type. */
interface LibraryError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  charset?: string;
  encoding?: string;
  message?: string;
}

/**
 * Errors raised by Express and its parsers before any route runs, as clear 4xx answers.
 * Each is the client's fault; none may become a 500.
 */
function fromLibrary(err: unknown): HttpError | undefined {
  if (err instanceof URIError) return new HttpError(400, "bad_path", "The path holds malformed percent-encoding (e.g. %ZZ).");
  if (!err || typeof err !== "object") return undefined;
  const e = err as LibraryError;
  switch (e.type) {
    case "entity.parse.failed":
      return new ValidationError([{ field: "(body)", message: "is not valid JSON" }]);
    case "entity.too.large":
      return new HttpError(413, "too_large", "Request body is too large.");
    case "charset.unsupported":
      return new HttpError(415, "unsupported_charset", `The charset ${JSON.stringify(e.charset ?? "")} is not supported: send the body as UTF-8.`);
    case "encoding.unsupported":
      return new HttpError(415, "unsupported_encoding", "The Content-Encoding is not supported: send identity, gzip, deflate or br.");
  }
  const status = e.status ?? e.statusCode;
  if (typeof status !== "number" || status < 400 || status > 499) return undefined;
  // Other client errors of the HTTP layer (a body that does not inflate, an aborted upload, a static file not found).
  return new HttpError(status, status === 404 ? "not_found" : "bad_request", e.expose && e.message ? e.message : "The request could not be read.");
}

/** The typed error behind `err`, or undefined when it is unknown (a 500). */
export function toHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof ZodError) return zodToValidationError(err);
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
    return new HttpError(409, "conflict", `A record with this ${asText((err.meta as { target?: unknown })?.target, "value")} already exists.`);
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2025") return new HttpError(404, "not_found", "Resource not found.");
  return fromLibrary(err);
}

/** The single place where errors become HTTP responses. Unknown errors are 500 and logged. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const e = toHttpError(err);
  if (!e) {
    req.log?.error({ err }, "unhandled error");
    res.status(500).json({ error: "Internal error.", code: "internal", requestId: req.id });
    return;
  }
  if (e.status >= 500) req.log?.error({ err }, e.message);
  res.status(e.status).json({ error: e.message, code: e.code, ...e.extra });
};
