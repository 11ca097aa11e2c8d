import type { Request } from "express";

/** The request's id as pino-http assigned it (always our string id here; its type allows objects). */
export function requestIdOf(req: Pick<Request, "id"> | { id?: unknown }): string {
  const id = req.id;
  return typeof id === "string" || typeof id === "number" ? String(id) : "";
}
