import { Router } from "express";
import type { AppContext } from "../context.js";

export function noticeRoutes(_app: AppContext): Router {
  const router = Router();
  return router;
}
