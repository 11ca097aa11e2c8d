import { createHash } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../helpers/backends.js";
import type { TestApp } from "../helpers/app.js";
import { Client } from "../helpers/client.js";
import type { JsonSchema } from "../helpers/fuzz/schemaArbitrary.js";
import { asCurl, operationsOf, requestArbitrary, send, withKnownIds, type FuzzRequest, type Operation } from "../helpers/fuzz/requests.js";

/**
 * Issue 17 §1: no input gives a 5xx. For every route in /api/openapi.json (and the few served
 * outside it) fast-check draws paths, query strings, bodies and headers from the route's own
 * shapes, mixed with hostile values (NUL, lone surrogates, broken percent-encoding, wrong
 * charsets and encodings, wrong types, huge arrays), sends them to the real app signed in as an
 * admin and anonymously, and expects every answer below 500. Seeded and bounded: FUZZ_RUNS
 * requests per route as the admin (default 8; half that anonymously, where most routes stop at
 * the sign-in check), FUZZ_SEED to replay another run, FUZZ_STATS=1 to print the statuses seen.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? 17_2026);

/** Served outside the OpenAPI document (pages, probes, the document itself). */
const EXTRA_OPERATIONS: Operation[] = [
  { method: "GET", path: "/ack/{token}", params: [{ name: "token", in: "path", schema: { type: "string", maxLength: 300 } }] },
  { method: "POST", path: "/ack/{token}", params: [{ name: "token", in: "path", schema: { type: "string", maxLength: 300 } }], form: true },
  { method: "GET", path: "/healthz", params: [] },
  { method: "GET", path: "/readyz", params: [] },
  { method: "GET", path: "/metrics", params: [] },
  { method: "GET", path: "/api/openapi.json", params: [] },
  { method: "GET", path: "/api/docs/{file}", params: [{ name: "file", in: "path", schema: { type: "string" } }] },
  { method: "POST", path: "/api/no-such-endpoint/{id}", params: [{ name: "id", in: "path", schema: { type: "string", format: "uuid" } }] },
];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const seedOf = (op: Operation, identity: string) => SEED + createHash("sha256").update(`${identity} ${op.method} ${op.path}`).digest().readUInt16BE(0);

/** A customer with a contact, an incident with an action and a breach assessment: ids worth hitting besides random ones. */
async function fixture(admin: Client) {
  const org = (await admin.post("/api/organizations", {
    name: "Fuzz customer AB", country: "SE", language: "sv", contacts: [{ name: "Dana Dataskydd", email: "dpo@fuzz.example.test", role: "DPO" }],
  })).body;
  const inc = (await admin.post("/api/incidents", { title: "Fuzz target incident", description: "Synthetic" })).body;
  await admin.post(`/api/incidents/${inc.id}/actions`, { title: "Fuzz action" });
  await admin.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [org.id] });
  const texts = await Promise.all(["/api/users", "/api/organizations", `/api/incidents/${inc.id}`, "/api/systems"].map(async (p) => JSON.stringify((await admin.get(p)).body)));
  return texts.join(" ").match(UUID) ?? [];
}

interface Failure {
  route: string;
  identity: string;
  seed: number;
  status: number;
  answer: string;
  curl: string;
}

for (const backend of BACKENDS) {
  describe(`no 5xx from any input (${backend.name})`, () => {
    let app: TestApp;
    let ops: Operation[];
    let components: Record<string, JsonSchema>;
    let token: string;
    /** Ids handed out by the app; ids whose change would lock the fuzzing admin out stay off the list. */
    const pool: string[] = [];
    const protectedIds = new Set<string>();
    const statuses = new Map<string, number[]>();

    beforeAll(async () => {
      app = await backend.start();
      const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
      const created = (await admin.post("/api/tokens", { name: "fuzz" })).body;
      token = created.token;
      protectedIds.add(created.id).add((await admin.get("/api/auth/me")).body.user.id);
      for (const id of await fixture(admin)) if (!protectedIds.has(id) && !pool.includes(id)) pool.push(id);
      const doc = await (await fetch(`${app.baseUrl}/api/openapi.json`)).json();
      ops = [...operationsOf(doc), ...EXTRA_OPERATIONS];
      components = doc.components?.schemas ?? {};
    });
    afterAll(async () => app?.stop());

    const harvest = (text: string) => {
      for (const id of text.match(UUID) ?? []) if (!protectedIds.has(id) && !pool.includes(id) && pool.length < 400) pool.push(id);
    };

    async function fuzz(identity: "admin" | "anonymous"): Promise<Failure[]> {
      const failures: Failure[] = [];
      for (const op of ops) {
        const route = `${op.method} ${op.path}`;
        const seed = seedOf(op, identity);
        let last: Failure | undefined;
        const property = fc.asyncProperty(requestArbitrary(op, components, identity === "anonymous"), async (generated: FuzzRequest) => {
          const req = withKnownIds(generated, pool);
          const res = await send(app.baseUrl, req, identity === "admin" ? { authorization: `Bearer ${token}` } : {});
          statuses.set(`${identity} ${route}`, [...(statuses.get(`${identity} ${route}`) ?? []), res.status]);
          if (res.status >= 200 && res.status < 300) harvest(res.text);
          last = { route, identity, seed, status: res.status, answer: res.text.slice(0, 300), curl: asCurl(app.baseUrl, req) };
          return res.status < 500;
        });
        const numRuns = identity === "admin" ? RUNS : Math.ceil(RUNS / 2);
        const details = await fc.check(property, { numRuns, seed, endOnFailure: true });
        if (details.failed && last) failures.push(last);
        else if (details.failed) failures.push({ route, identity, seed, status: 0, answer: String(details.errorInstance), curl: "(request not sent)" });
      }
      return failures;
    }

    const report = (failures: Failure[]) =>
      failures.map((f) => `${f.route} as ${f.identity} answered ${f.status} (seed ${f.seed}): ${f.answer}\n  ${f.curl}`).join("\n\n");

    it("answers every generated request from a signed-in admin below 500", { timeout: 300_000 }, async () => {
      const failures = await fuzz("admin");
      expect(report(failures)).toBe("");
      expect(ops.length).toBeGreaterThan(90);
      // Each route was exercised, and the generator reaches past validation: a fair share of requests succeed.
      const admin = [...statuses].filter(([k]) => k.startsWith("admin "));
      expect(admin.length).toBe(ops.length);
      const all = admin.flatMap(([, s]) => s);
      expect(all.filter((s) => s < 300).length / all.length).toBeGreaterThan(0.1);
    });

    afterAll(() => {
      if (!process.env.FUZZ_STATS) return;
      for (const [key, list] of statuses) {
        const counts = new Map<number, number>();
        for (const s of list) counts.set(s, (counts.get(s) ?? 0) + 1);
        console.log(key, [...counts].map(([s, n]) => `${s}x${n}`).join(" "));
      }
    });

    it("answers every generated anonymous request below 500", { timeout: 300_000 }, async () => {
      const failures = await fuzz("anonymous");
      expect(report(failures)).toBe("");
    });
  });
}
