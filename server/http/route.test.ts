import express, { Router } from "express";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { errorHandler } from "./errorHandler.js";
import { route } from "./route.js";

/** The response check of route() (VALIDATE_RESPONSES): a handler that drifts from its declared schema fails loudly. */
const Thing = z.object({ id: z.string(), at: z.iso.datetime(), count: z.number().int() });

function appWith(validate: boolean) {
  const ctx = { config: { VALIDATE_RESPONSES: validate, STEP_UP_MINUTES: 5 } } as unknown as AppContext;
  const router = Router();
  route(router, ctx, {
    method: "get", path: "/contract-probe/good", tag: "probe", summary: "Matches", auth: "public", response: Thing,
    handler: () => ({ id: "a", at: new Date("2026-01-02T03:04:05Z"), count: 1 }),
  });
  route(router, ctx, {
    method: "get", path: "/contract-probe/bad", tag: "probe", summary: "Drifts", auth: "public", response: Thing,
    handler: () => ({ id: 7, at: "yesterday", count: 1 }),
  });
  route(router, ctx, {
    method: "get", path: "/contract-probe/undeclared", tag: "probe", summary: "No schema", auth: "public",
    handler: () => ({ id: "a" }),
  });
  return express().use(router).use(errorHandler);
}

async function listen(app: express.Express) {
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("route() response contracts", () => {
  let on: Awaited<ReturnType<typeof listen>>;
  let off: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => { [on, off] = await Promise.all([listen(appWith(true)), listen(appWith(false))]); });
  afterAll(() => { on?.server.close(); off?.server.close(); });

  it("passes a response that matches its schema as the client receives it (dates as ISO strings)", async () => {
    const r = await fetch(`${on.url}/contract-probe/good`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ id: "a", at: "2026-01-02T03:04:05.000Z", count: 1 });
  });

  it("answers 500 naming the route and each field when a response drifts from its schema", async () => {
    const r = await fetch(`${on.url}/contract-probe/bad`);
    const body = (await r.json()) as { code: string; error: string; issues: { field: string }[] };
    expect(r.status).toBe(500);
    expect(body.code).toBe("response_contract");
    expect(body.error).toContain("GET /contract-probe/bad");
    expect(body.issues.map((i) => i.field).sort()).toEqual(["at", "id"]);
  });

  it("refuses JSON from a route that declares no schema", async () => {
    const r = await fetch(`${on.url}/contract-probe/undeclared`);
    expect(r.status).toBe(500);
    expect(((await r.json()) as { code: string }).code).toBe("response_contract");
  });

  it("leaves responses alone when the check is off (production)", async () => {
    const r = await fetch(`${off.url}/contract-probe/bad`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ id: 7, at: "yesterday", count: 1 });
  });
});
