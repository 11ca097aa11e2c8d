import express, { Router, type Request, type RequestHandler, type Response } from "express";
import { rateLimit } from "express-rate-limit";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { HTTP, type CloudEventV1 } from "cloudevents";
import type { AppContext } from "../context.js";
import type { AlertSource } from "../generated/prisma/client.js";
import { route } from "../http/route.js";
import { HttpError, TooManyRequestsError, UnauthorizedError, ValidationError } from "../http/errors.js";
import { zodToValidationError } from "../http/errorHandler.js";
import { DatabaseRateLimitStore } from "../auth/rateLimitStore.js";
import { AlertmanagerPayload, GenericAlert, IntakeResponse } from "../../shared/schemas/alert.js";
import { fromAlertmanager, fromGeneric } from "./normalize.js";
import { recordAlerts } from "./intake.js";
import { signingBox, sourceByBearer } from "./sources.js";

const sourceOf = (res: Response) => res.locals.alertSource as AlertSource;
const rawText = (req: Request) => (Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: "(body)", message: "is not valid JSON" }]);
  }
}

/**
 * The intake endpoints read the body themselves (raw, up to ALERT_BODY_LIMIT_BYTES): a Standard
 * Webhooks signature covers the exact bytes, and CloudEvents arrive as application/cloudevents+json.
 * Mounted before the app's JSON parser. Each source authenticates with its own secret, not a user.
 */
export function alertIntakeRoutes(app: AppContext): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: app.config.ALERT_BODY_LIMIT_BYTES });
  const perSource = rateLimit({
    windowMs: 60_000, limit: app.config.ALERT_RATE_PER_MINUTE, standardHeaders: "draft-8", legacyHeaders: false,
    store: new DatabaseRateLimitStore(app.prisma, "alerts:"), keyGenerator: (_req, res) => sourceOf(res).id,
    handler: (_req, _res, next) => next(new TooManyRequestsError("Too many alert posts from this source; slow down.")),
  });

  const bearer = (kind: "alertmanager" | "cloudevents"): RequestHandler => async (req, res, next) => {
    const header = req.headers.authorization ?? "";
    const source = header.startsWith("Bearer ") ? await sourceByBearer(app.prisma, { kind, secret: header.slice(7).trim() }) : null;
    if (!source) return next(new UnauthorizedError(`A valid bearer secret of an enabled ${kind} alert source is required.`));
    res.locals.alertSource = source;
    next();
  };
  /** Parsed JSON into req.body, for route()'s validation. */
  const json: RequestHandler = (req, res, next) => {
    const text = rawText(req);
    res.locals.rawText = text;
    req.body = parseJson(text);
    next();
  };

  route(router, app, {
    method: "post", path: "/api/alerts/alertmanager", tag: "alerts", auth: "public",
    summary: "Alertmanager webhook (payload version 4; Grafana's version 1), Authorization: Bearer <source secret>",
    before: [bearer("alertmanager"), raw, perSource, json], body: AlertmanagerPayload, response: IntakeResponse,
    handler: ({ res, body }) => recordAlerts(app.prisma, { source: sourceOf(res), alerts: fromAlertmanager(body), taxonomy: app.taxonomy }),
  });

  route(router, app, {
    method: "post", path: "/api/alerts/webhook", tag: "alerts", auth: "public",
    summary: "Generic JSON alert signed with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); replays refused (409)",
    before: [raw, verifySignature(app), perSource, json], body: GenericAlert, response: IntakeResponse,
    handler: ({ req, res, body }) =>
      recordAlerts(app.prisma, { source: sourceOf(res), alerts: [fromGeneric(body)], taxonomy: app.taxonomy,
        delivery: { id: String(req.headers["webhook-id"]), replay: "refuse" },
      }),
  });

  route(router, app, {
    method: "post", path: "/api/alerts/cloudevents", tag: "alerts", auth: "public",
    summary: "CloudEvents 1.0, structured (application/cloudevents+json) or binary (ce-* headers); data is the generic alert; bearer secret",
    before: [bearer("cloudevents"), raw, perSource], response: IntakeResponse,
    handler: ({ req, res }) => {
      const event = readCloudEvent(req);
      const alert = fromGeneric(cloudEventAlert(event));
      return recordAlerts(app.prisma, { source: sourceOf(res), alerts: [alert], taxonomy: app.taxonomy, delivery: { id: `${event.source}|${event.id}`, replay: "ignore" } });
    },
  });
  return router;
}

/** Finds the webhook source whose signing secret verifies this request (timestamp within 5 minutes), or answers 401. */
function verifySignature(app: AppContext): RequestHandler {
  return async (req, res, next) => {
    const headers = { "webhook-id": header(req, "webhook-id"), "webhook-timestamp": header(req, "webhook-timestamp"), "webhook-signature": header(req, "webhook-signature") };
    if (!headers["webhook-id"] || !headers["webhook-timestamp"] || !headers["webhook-signature"])
      return next(new UnauthorizedError("The webhook-id, webhook-timestamp and webhook-signature headers are required (Standard Webhooks)."));
    const payload = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    const box = signingBox(app.config.MFA_ENCRYPTION_KEY);
    let reason = "The signature matches no enabled webhook alert source.";
    for (const source of await app.prisma.alertSource.findMany({ where: { kind: "webhook", disabledAt: null, signingSecret: { not: null } } })) {
      try {
        new Webhook(box.open(source.signingSecret!, source.id)).verify(payload, headers, { jsonParse: false });
        res.locals.alertSource = source;
        return next();
      } catch (err) {
        if (!(err instanceof WebhookVerificationError)) return next(err);
        if (/timestamp/i.test(err.message)) reason = "The webhook-timestamp is more than 5 minutes away from now: stale or future messages are refused.";
      }
    }
    next(new HttpError(401, "bad_signature", reason));
  };
}

const header = (req: Request, name: string) => {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
};

function readCloudEvent(req: Request): CloudEventV1<unknown> {
  const text = rawText(req);
  const structured = /application\/cloudevents\+json/i.test(header(req, "content-type"));
  // Parse ourselves first, so malformed JSON is a 400 naming the body in both modes.
  const body = structured || /json/i.test(header(req, "content-type")) ? parseJson(text) : text;
  let parsed;
  try {
    parsed = HTTP.toEvent({ headers: req.headers as Record<string, string>, body });
  } catch (err) {
    throw new ValidationError([{ field: "(event)", message: `is not a valid CloudEvent: ${(err as Error).message}` }]);
  }
  if (Array.isArray(parsed)) throw new ValidationError([{ field: "(event)", message: "batched CloudEvents are not accepted; send one event per request" }]);
  return parsed as CloudEventV1<unknown>;
}

/** The generic alert in the event's data; the fingerprint defaults to the event's subject, then its id. */
function cloudEventAlert(event: CloudEventV1<unknown>) {
  const data = typeof event.data === "string" ? parseJson(event.data) : event.data;
  const withFingerprint = data && typeof data === "object" && !("fingerprint" in data) ? { ...data, fingerprint: event.subject ?? event.id } : data;
  const result = GenericAlert.safeParse(withFingerprint);
  if (!result.success) throw zodToValidationError(result.error, "data");
  return result.data;
}

