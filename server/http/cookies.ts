import type { Request } from "express";

/** A cookie's value as cookie-parser read it (its `req.cookies` is typed any), or undefined. */
export function cookieOf(req: Request, name: string): string | undefined {
  const jar: unknown = req.cookies;
  if (!jar || typeof jar !== "object") return undefined;
  const value: unknown = (jar as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}
