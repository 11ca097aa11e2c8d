import type { ErrorRequestHandler } from "express";
import { ZodError } from "zod";
import { HttpError, ValidationError } from "./errors.js";
import { Prisma } from "../generated/prisma/client.js";

export function zodToValidationError(err: ZodError, prefix = ""): ValidationError {
  return new ValidationError(
    err.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join(".") || "(body)", message: i.message })),
  );
}

/** The single place where errors become HTTP responses. Unknown errors are 500 and logged. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let e: HttpError | undefined;
  if (err instanceof HttpError) e = err;
  else if (err instanceof ZodError) e = zodToValidationError(err);
  else if (err?.type === "entity.parse.failed") e = new ValidationError([{ field: "(body)", message: "is not valid JSON" }]);
  else if (err?.type === "entity.too.large") e = new HttpError(413, "too_large", "Request body is too large.");
  else if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
    e = new HttpError(409, "conflict", `A record with this ${String((err.meta as { target?: unknown })?.target ?? "value")} already exists.`);
  else if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2025") e = new HttpError(404, "not_found", "Resource not found.");
  if (!e) {
    req.log?.error({ err }, "unhandled error");
    res.status(500).json({ error: "Internal error.", code: "internal", requestId: req.id });
    return;
  }
  if (e.status >= 500) req.log?.error({ err }, e.message);
  res.status(e.status).json({ error: e.message, code: e.code, ...e.extra });
};
