import type { Request, RequestHandler, Response, Router } from "express";
import { z } from "zod";
import type { Permission } from "../../shared/permissions.js";
import { registry } from "../openapi/registry.js";
import { ErrorBody } from "../../shared/schemas/common.js";
import { validate } from "./validate.js";
import { requireAuth, type Actor, type MfaRule } from "../auth/middleware.js";
import { ResponseContractError, UnauthorizedError } from "./errors.js";
import type { AppContext } from "../context.js";
import { assertVisible } from "../incidents/policy.js";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface HandlerArgs<B, Q, P> {
  req: Request;
  res: Response;
  app: AppContext;
  /** The signed-in user or token owner; present unless the route is public. */
  actor: Actor;
  body: B;
  query: Q;
  params: P;
}

export interface RouteSpec<BS extends z.ZodType | undefined, QS extends z.ZodType | undefined, PS extends z.ZodType | undefined> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  /** A permission from the shared matrix, "signedIn" for any user, or "public". */
  auth: Permission | "signedIn" | "public";
  body?: BS;
  query?: QS;
  params?: PS;
  /**
   * What a success returns: the zod schema of the JSON body, or `fileResponse(mediaType)` / `redirectResponse` when the
   * handler writes the answer itself. Every route declares one (tests/api/contracts.test.ts); with VALIDATE_RESPONSES the
   * JSON a handler returns is checked against it.
   */
  response?: z.ZodType | NonJsonResponse;
  /** Success status (default 200). */
  status?: number;
  /** Extra middleware before validation (e.g. a rate limiter). */
  before?: RequestHandler[];
  /** Open while a second factor is owed: "enrol" (setting one up), "prove" (me, sign-out, proving one). */
  mfa?: MfaRule["mfa"];
  /** Needs a second factor proven within STEP_UP_MINUTES (403 step_up_required); a function decides per request. */
  stepUp?: MfaRule["stepUp"];
  /** Shown in OpenAPI when stepUp is a function: when it applies. */
  stepUpWhen?: string;
  /**
   * Need-to-know guard: the incident the addressed record belongs to, checked by the incident
   * policy before the handler (404 when the caller may not see it). Paths under
   * /api/incidents/:id are guarded on :id without saying so; `false` for a route that decides itself.
   */
  incident?: ((args: { params: Infer<PS>; app: AppContext }) => Promise<string | null | undefined>) | false;
  /** Returns the JSON body; return undefined after writing the response yourself (files, redirects). */
  handler: (args: HandlerArgs<Infer<BS>, Infer<QS>, Infer<PS>>) => unknown; // the body, or a promise of it
}

/** A success that is not a JSON body: a file of this media type, or a redirect. */
export type NonJsonResponse = { file: string; description: string } | { redirect: true; description: string } | { empty: true; description: string };
export const fileResponse = (mediaType: string, description = "The file"): NonJsonResponse => ({ file: mediaType, description });
export const redirectResponse = (description: string): NonJsonResponse => ({ redirect: true, description });
/** 204: done, nothing to say. */
export const emptyResponse = (description = "Done; no content"): NonJsonResponse => ({ empty: true, description });
const isSchema = (r: RouteSpec<undefined, undefined, undefined>["response"]): r is z.ZodType => r instanceof z.ZodType;
const INCIDENT_PATH = /^\/api\/incidents\/:id(\/|$)/;

/** The incident a request addresses, by the spec's resolver or the :id of an incident path. */
function incidentResolver<PS>(spec: { path: string; incident?: ((args: { params: PS; app: AppContext }) => Promise<string | null | undefined>) | false }) {
  if (spec.incident === false) return undefined;
  if (spec.incident) return spec.incident;
  if (INCIDENT_PATH.test(spec.path)) return async ({ params }: { params: PS }) => (params as { id: string }).id;
  return undefined;
}

export const IdParams = z.object({ id: z.uuid({ message: "must be a valid id" }) });

/**
 * Declares a route once: express gets `rateLimiter -> auth -> validate -> handler`, and the
 * OpenAPI registry gets the same schemas.
 */
export function route<BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined, PS extends z.ZodType | undefined = undefined>(
  router: Router,
  app: AppContext,
  spec: RouteSpec<BS, QS, PS>,
) {
  const chain: RequestHandler[] = [...(spec.before ?? [])];
  if (spec.auth !== "public")
    chain.push(requireAuth(spec.auth === "signedIn" ? undefined : spec.auth, { mfa: spec.mfa, stepUp: spec.stepUp, stepUpMinutes: app.config.STEP_UP_MINUTES }));
  if (spec.params) chain.push(validate("params", spec.params));
  const incidentOf = incidentResolver<Infer<PS>>(spec);
  // Before the query and body are validated: a non-member learns nothing, not even that its input was wrong.
  if (incidentOf)
    chain.push(async (req, res, next) => {
      try {
        const incidentId = req.actor ? await incidentOf({ params: res.locals.params as Infer<PS>, app }) : null;
        if (incidentId && req.actor) await assertVisible(app.prisma, req.actor, incidentId);
        next();
      } catch (err) {
        next(err);
      }
    });
  if (spec.query) chain.push(validate("query", spec.query));
  if (spec.body) chain.push(validate("body", spec.body));
  chain.push(async (req, res) => {
    const actor = req.actor;
    if (spec.auth !== "public" && !actor) throw new UnauthorizedError();
    const result = await spec.handler({
      req,
      res,
      app,
      actor: actor as Actor,
      // Set by validate() from the same schemas.
      body: res.locals.body as Infer<BS>,
      query: res.locals.query as Infer<QS>,
      params: res.locals.params as Infer<PS>,
    });
    if (result === undefined || res.headersSent) return;
    if (app.config.VALIDATE_RESPONSES) assertContract(spec, result);
    res.status(spec.status ?? 200).json(result);
  });
  router[spec.method](spec.path, ...chain);

  const status = String(spec.status ?? 200);
  registry.registerPath({
    method: spec.method,
    path: spec.path.replace(/:(\w+)/g, "{$1}"),
    summary: spec.summary,
    tags: [spec.tag],
    description: [
      spec.auth === "public" ? "Public." : spec.auth === "signedIn" ? "Any signed-in user." : `Requires permission \`${spec.auth}\`.`,
      spec.stepUp ? `Step-up: a second factor proven within STEP_UP_MINUTES${spec.stepUpWhen ? ` (${spec.stepUpWhen})` : ""}.` : "",
      spec.mfa ? "Open while a second factor is still owed." : "",
    ].filter(Boolean).join(" "),
    ...(spec.stepUp ? { "x-step-up": spec.stepUpWhen ?? true } : {}),
    ...(incidentOf ? { "x-need-to-know": true } : {}),
    request: {
      ...(spec.params ? { params: spec.params as z.ZodObject } : {}),
      ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
      ...(spec.body ? { body: { content: { "application/json": { schema: spec.body } } } } : {}),
    },
    responses: {
      [status]: successResponse(spec.response),
      "400": { description: "Invalid input; each field named", content: { "application/json": { schema: ErrorBody } } },
      ...(spec.auth === "public" ? {} : {
        "401": { description: "Not signed in" },
        "403": {
          description: "Not permitted; or code mfa_enrolment_required / mfa_required (a second factor is owed), step_up_required",
          content: { "application/json": { schema: ErrorBody } },
        },
      }),
    },
  });
}

function successResponse(response: RouteSpec<undefined, undefined, undefined>["response"]) {
  if (!response) return { description: "Success" };
  if (isSchema(response)) return { description: "Success", content: { "application/json": { schema: response } } };
  if ("file" in response) return { description: response.description, content: { [response.file]: { schema: { type: "string" as const, format: "binary" } } } };
  if ("empty" in response) return { description: response.description };
  return { description: response.description, headers: { Location: { schema: { type: "string" as const }, description: "Where to go next" } } };
}

function assertContract(spec: { method: Method; path: string; response?: RouteSpec<undefined, undefined, undefined>["response"] }, result: unknown) {
  const where = `${spec.method.toUpperCase()} ${spec.path}`;
  if (!spec.response) throw new ResponseContractError(where, [{ field: "", message: "the route declares no response schema" }]);
  if (!isSchema(spec.response)) throw new ResponseContractError(where, [{ field: "", message: "the route declares a file or redirect but returned JSON" }]);
  // Checked as the client receives it (dates as strings, undefined fields dropped).
  const parsed = spec.response.safeParse(JSON.parse(JSON.stringify(result)));
  if (!parsed.success) throw new ResponseContractError(where, parsed.error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message })));
}
