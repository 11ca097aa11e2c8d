import { randomUUID } from "node:crypto";
import { Router, type Response } from "express";
import type { z } from "zod";
import type { AppContext } from "../context.js";
import { fileResponse, IdParams, route } from "../http/route.js";
import { assertVisible } from "../incidents/policy.js";
import { NotFoundError } from "../http/errors.js";
import type { Actor } from "../auth/middleware.js";
import type { LiveEvents } from "../../shared/schemas/live.js";
import { liveHub, type ListSubscriber, type LiveSubscriber } from "./hub.js";

type EventName = keyof typeof LiveEvents;

/** The session (or API token) the stream was opened with still stands and its user is active. */
async function stillSignedIn(app: AppContext, actor: Actor): Promise<boolean> {
  const now = new Date();
  if (actor.sessionId) return (await app.prisma.session.count({ where: { id: actor.sessionId, expiresAt: { gt: now }, user: { active: true } } })) > 0;
  return (await app.prisma.user.count({ where: { id: actor.id, active: true } })) > 0;
}

function sender(res: Response) {
  return <E extends EventName>(event: E, data: z.infer<(typeof LiveEvents)[E]>) => {
    if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
}

export function liveRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/incidents/:id/live", tag: "incidents",
    summary: "Live updates of one incident as server-sent events: ready, change (audit position and action), presence (who is viewing), gone",
    auth: "incident.read", params: IdParams,
    response: fileResponse("text/event-stream", "An event stream that stays open; reconnect after a drop"),
    handler: async ({ res, params, actor }) => {
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" });
      res.write("retry: 3000\n\n");
      const send = sender(res);
      const connectionId = randomUUID();
      const end = () => {
        send("gone", {});
        res.end();
      };
      // Checked in order before anything is sent: who was taken off a restricted incident, signed out or deactivated
      // learns nothing more.
      let checks = Promise.resolve();
      const checked = (then: () => void) => {
        checks = checks.then(async () => {
          if (!(await stillSignedIn(app, actor))) return end();
          await assertVisible(app.prisma, actor, params.id);
          then();
        }).catch((err: unknown) => {
          if (err instanceof NotFoundError) end();
          else app.logger.warn({ err }, "live stream check failed; trying again at the next event");
        });
      };
      const sub: LiveSubscriber = {
        connectionId, incidentId: params.id, userId: actor.id,
        change: (c) => checked(() => send("change", c)),
        presence: (viewers) => send("presence", { viewers }),
        ping: () => checked(() => { if (!res.writableEnded) res.write(": ping\n\n"); }),
      };
      let unsubscribe: () => void;
      try {
        unsubscribe = await liveHub(app).subscribe(sub);
      } catch (err) {
        // Headers are out: end the stream; the browser retries and falls back to polling.
        app.logger.error({ err }, "live stream could not start listening");
        res.end();
        return undefined;
      }
      if (res.destroyed || res.writableEnded) unsubscribe();
      else res.on("close", unsubscribe);
      send("ready", { connectionId });
      return undefined;
    },
  });
  route(router, app, {
    method: "get", path: "/api/live/incidents", tag: "incidents",
    summary: "Live updates of the incident list as server-sent events: ready, incident (an incident the caller may see was created or changed), gone",
    auth: "incident.read",
    response: fileResponse("text/event-stream", "An event stream that stays open; reconnect after a drop"),
    handler: async ({ res, actor }) => {
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" });
      res.write("retry: 3000\n\n");
      const send = sender(res);
      // In order, one at a time: a signed-out user hears nothing more; an incident the caller may not see is not told of.
      let checks = Promise.resolve();
      const checked = (incidentId: string | null, then: () => void) => {
        checks = checks.then(async () => {
          if (res.writableEnded) return;
          if (!(await stillSignedIn(app, actor))) {
            send("gone", {});
            res.end();
            return;
          }
          if (incidentId) await assertVisible(app.prisma, actor, incidentId);
          then();
        }).catch((err: unknown) => {
          if (!(err instanceof NotFoundError)) app.logger.warn({ err }, "live list check failed; trying again at the next event");
        });
      };
      const sub: ListSubscriber = {
        change: (c) => checked(c.incidentId, () => send("incident", c)),
        ping: () => checked(null, () => { if (!res.writableEnded) res.write(": ping\n\n"); }),
      };
      let unsubscribe: () => void;
      try {
        unsubscribe = await liveHub(app).subscribeAll(sub);
      } catch (err) {
        app.logger.error({ err }, "live list stream could not start listening");
        res.end();
        return undefined;
      }
      if (res.destroyed || res.writableEnded) unsubscribe();
      else res.on("close", unsubscribe);
      send("ready", { connectionId: randomUUID() });
      return undefined;
    },
  });
  return router;
}
