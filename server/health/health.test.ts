import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import type { TestApp } from "../../tests/helpers/app.js";

describe("health, readiness and the API reference", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await pgliteBackend.start();
  });
  afterAll(() => app?.stop());

  it("is live and ready once migrations are applied, and not ready when one is missing", async () => {
    expect(await (await fetch(`${app.baseUrl}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    const prisma = app.running.ctx.prisma;
    const rows = await prisma.$queryRaw<{ id: string; migration_name: string }[]>`SELECT id, migration_name FROM _prisma_migrations`;
    expect(rows.length).toBeGreaterThan(0);
    await prisma.$executeRaw`UPDATE _prisma_migrations SET finished_at = NULL WHERE id = ${rows[0].id}`;
    const notReady = await fetch(`${app.baseUrl}/readyz`);
    expect(notReady.status).toBe(503);
    const body = await notReady.json();
    expect(body.failing).toEqual(["migrations"]);
    expect(body.checks.migrations.pending).toContain(rows[0].migration_name);
    await prisma.$executeRaw`UPDATE _prisma_migrations SET finished_at = now() WHERE id = ${rows[0].id}`;
  });

  it("serves an OpenAPI document generated from the zod schemas, and a browsable reference", async () => {
    const doc = await (await fetch(`${app.baseUrl}/api/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    const create = doc.paths["/api/incidents"].post;
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.required).toContain("title");
    expect(schema.properties.title.maxLength).toBe(200);
    expect(doc.paths["/api/incidents/{id}/transitions"].post.parameters[0].name).toBe("id");
    const html = await (await fetch(`${app.baseUrl}/api/docs/`)).text();
    expect(html).toMatch(/swagger-ui/i);
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const r = await fetch(`${app.baseUrl}/api/nothing-here`);
    expect(r.status).toBe(404);
    expect((await r.json()).code).toBe("not_found");
  });
});
