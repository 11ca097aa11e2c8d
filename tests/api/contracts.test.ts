import { describe, expect, it } from "vitest";
import { bodyOf } from "../helpers/client.js";
import { withAdminApp } from "../helpers/setup.js";
import { IncidentView } from "../../shared/schemas/incident.js";

/**
 * Issue 16 §1: every route declares what a success returns (a zod schema, a file or a redirect), so
 * /api/openapi.json describes every response. The API suites then check each real JSON answer against
 * its schema (VALIDATE_RESPONSES, turned on by tests/helpers/app.ts; server/http/route.ts).
 */
interface Operation { responses?: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }> }

const t = withAdminApp();

describe("response contracts", () => {
  it("every route in the OpenAPI document declares its success response", async () => {
    const doc = (await (await fetch(`${t.app.baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));
    expect(operations.length).toBeGreaterThan(100);
    const offenders = operations
      .filter(({ op }) => !Object.entries(op.responses ?? {}).some(([status, r]) => /^[23]/.test(status) && (status === "204" || r.content || r.headers)))
      .map(({ route }) => route);
    // Each offender needs `response:` in its route() spec: a zod schema (in shared/schemas), fileResponse(...), redirectResponse(...) or, for a 204, emptyResponse().
    expect(offenders, `routes without a response schema:\n  ${offenders.join("\n  ")}`).toEqual([]);
  });

  it("the test app checks responses against their schemas, and tests can read bodies typed by the same schemas", async () => {
    expect(t.app.running.ctx.config.VALIDATE_RESPONSES).toBe(true);
    const incident = bodyOf(IncidentView, await t.admin.post("/api/incidents", { title: "Typed body probe" }));
    expect(incident.status).toBe("detected");
    expect(incident.can.update).toBe(true);
    expect(incident.transitions.map((x) => x.to)).toEqual(["triaged"]);
  });
});
