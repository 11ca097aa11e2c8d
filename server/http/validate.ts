import type { RequestHandler } from "express";
import type { z } from "zod";
import { zodToValidationError } from "./errorHandler.js";

type Part = "body" | "query" | "params";

/**
 * Parses one part of the request with a zod schema. The parsed value replaces the raw one
 * on `res.locals[part]` (Express 5's req.query is read-only), and a failure is a 400 naming each field.
 */
export function validate(part: Part, schema: z.ZodType): RequestHandler {
  return (req, res, next) => {
    const raw: unknown = part === "body" ? (req.body ?? {}) : req[part];
    const result = schema.safeParse(raw);
    if (!result.success) return next(zodToValidationError(result.error, part === "body" ? "" : part));
    res.locals[part] = result.data;
    next();
  };
}
