import { createHash } from "node:crypto";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { fileResponse, route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor, type Actor } from "../auth/middleware.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { EvidenceItem, EvidenceList, EvidenceVerification, LegalHoldView, ReasonBody, UploadResult } from "../../shared/schemas/evidence.js";
import { receiveFiles } from "./upload.js";
import { evidenceStore } from "./store.js";
import { liftLegalHold, openForDownload, placeLegalHold, presentEvidence, removeEvidence, storeUploads } from "./service.js";
import { verifyEvidence } from "./verify.js";

const EvidenceParams = IdParams.extend({ evidenceId: z.uuid({ message: "must be a valid id" }) });
/** Files in one upload request. */
const MAX_FILES = 20;

/** The incident, as far as the caller may see it: restricted incidents plug their access rule in here. */
async function visibleIncident(app: AppContext, _actor: Actor, id: string) {
  return findIncidentOr404(app.prisma, id);
}

/** Passes the stored bytes on, holding the last chunk back until the whole content hashed to what was recorded. */
function verifiedStream(expectedSha256: string) {
  const hash = createHash("sha256");
  let held: Buffer | null = null;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      const out = held;
      held = chunk;
      done(null, out ?? undefined);
    },
    flush(done) {
      if (hash.digest("hex") !== expectedSha256) return done(new Error("stored evidence does not match its recorded SHA-256"));
      done(null, held ?? undefined);
    },
  });
}

export function evidenceRoutes(app: AppContext): Router {
  const router = Router();
  const maxBytes = app.config.UPLOAD_MAX_MB * 1024 * 1024;

  route(router, app, {
    method: "get", path: "/api/incidents/:id/evidence", tag: "evidence", summary: "Evidence files of an incident with their hashes, and its legal hold",
    auth: "evidence.read", params: IdParams, response: EvidenceList,
    handler: async ({ actor, params }) => {
      await visibleIncident(app, actor, params.id);
      const [rows, hold] = await Promise.all([
        app.prisma.evidence.findMany({ where: { incidentId: params.id }, orderBy: [{ uploadedAt: "asc" }, { fileName: "asc" }, { id: "asc" }] }),
        app.prisma.legalHold.findUnique({ where: { incidentId: params.id } }),
      ]);
      return {
        items: rows.map(presentEvidence),
        legalHold: hold ? { reason: hold.reason, placedBy: hold.placedBy, placedAt: hold.placedAt.toISOString() } : null,
        maxBytes,
      };
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/evidence", tag: "evidence",
    summary: "Upload evidence: multipart/form-data, one or more files in the field \"files\" (streamed and hashed; 413 above UPLOAD_MAX_MB)",
    auth: "evidence.upload", params: IdParams, status: 201, response: UploadResult,
    handler: async ({ req, actor, params }) => {
      await visibleIncident(app, actor, params.id);
      const files = await receiveFiles(req, { spoolDir: evidenceStore(app).spoolDir, maxBytes, maxFiles: MAX_FILES });
      const rows = await storeUploads(app, auditActor(req), params.id, files);
      return { items: rows.map(presentEvidence) };
    },
  });

  route(router, app, {
    method: "get", path: "/api/incidents/:id/evidence/:evidenceId/content", tag: "evidence",
    summary: "Download an evidence file (audited; served as an attachment with the type detected from its content)",
    auth: "evidence.read", params: EvidenceParams, response: fileResponse("application/octet-stream", "The file as stored, with the type detected from its content"),
    handler: async ({ req, res, actor, params }) => {
      await visibleIncident(app, actor, params.id);
      const { row, content } = await openForDownload(app, auditActor(req), params.id, params.evidenceId);
      res.attachment(row.fileName);
      res.setHeader("content-type", row.mediaType === "text/plain" ? "text/plain; charset=utf-8" : (row.mediaType ?? "application/octet-stream"));
      res.setHeader("content-length", String(row.size));
      res.setHeader("x-content-type-options", "nosniff");
      res.setHeader("content-security-policy", "default-src 'none'; sandbox");
      res.setHeader("x-evidence-sha256", row.sha256);
      try {
        await pipeline(content, verifiedStream(row.sha256), res);
      } catch (err) {
        // Headers are gone: breaking the connection is how the client learns the file is not the recorded one.
        req.log?.error({ err, evidenceId: row.id }, "evidence download broken off");
        res.destroy();
      }
      return undefined;
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/evidence/:evidenceId/removal", tag: "evidence",
    summary: "Remove an evidence file with a reason (the record stays; blocked by a legal hold)",
    auth: "evidence.remove", params: EvidenceParams, body: ReasonBody, response: EvidenceItem,
    handler: async ({ req, actor, params, body }) => {
      await visibleIncident(app, actor, params.id);
      return presentEvidence(await removeEvidence(app, auditActor(req), { incidentId: params.id, evidenceId: params.evidenceId, reason: body.reason }));
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/legal-hold", tag: "evidence", summary: "Place the incident under legal hold (no evidence can be removed)",
    auth: "legalHold.manage", params: IdParams, body: ReasonBody, status: 201, response: LegalHoldView,
    handler: async ({ req, actor, params, body }) => {
      await visibleIncident(app, actor, params.id);
      const hold = await inTransaction(app.prisma, (tx) => placeLegalHold(tx, auditActor(req), params.id, body.reason));
      return { reason: hold.reason, placedBy: hold.placedBy, placedAt: hold.placedAt.toISOString() };
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/legal-hold/release", tag: "evidence", summary: "Lift the incident's legal hold, with a reason",
    auth: "legalHold.manage", params: IdParams, body: ReasonBody, response: z.object({ released: z.literal(true) }),
    handler: async ({ req, actor, params, body }) => {
      await visibleIncident(app, actor, params.id);
      await inTransaction(app.prisma, (tx) => liftLegalHold(tx, auditActor(req), params.id, body.reason));
      return { released: true as const };
    },
  });

  route(router, app, {
    method: "post", path: "/api/evidence/verify", tag: "evidence", summary: "Re-hash all stored evidence now; mismatches are marked, audited and mailed to the admins",
    auth: "evidence.verify", response: EvidenceVerification,
    handler: async ({ req }) => verifyEvidence(app, auditActor(req)),
  });
  return router;
}
