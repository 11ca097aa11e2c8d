import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { UNSTORABLE_TEXT_MESSAGE } from "../../shared/schemas/text.js";

/** Issue 17 §1: each class of input that used to answer 500, by name, on both databases (the fuzzer in tests/api/noServerErrors.test.ts finds the rest). */
describe.each(BACKENDS)("hostile input answers 4xx on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let incidentId: string;
  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    incidentId = (await admin.post("/api/incidents", { title: "Input probe" })).body.id;
  });
  afterAll(() => app?.stop());

  const raw = (path: string, init: RequestInit = {}) => fetch(app.baseUrl + path, init);

  it("malformed percent-encoding in a path is a 400, signed in or not, on API routes and the acknowledgement page", async () => {
    for (const path of ["/api/incidents/%ZZ", `/api/incidents/${incidentId}/actions/%E0%A4%A`, "/api/notices/%ED%A0%80"]) {
      const r = await admin.get(path);
      expect([path, r.status, r.body.code]).toEqual([path, 400, "bad_path"]);
    }
    expect((await raw("/ack/%ZZ")).status).toBe(400);
    expect((await raw("/api/incidents/%ZZ")).status).toBe(400);
  });

  it("NUL in sign-in, titles, action titles and answers is a 400 naming the field", async () => {
    const login = await new Client(app.baseUrl).post("/api/auth/login", { email: "\u0000", password: "\u0000" });
    expect(login.status).toBe(400);
    expect(login.body.issues).toEqual(expect.arrayContaining([{ field: "password", message: UNSTORABLE_TEXT_MESSAGE }]));
    const title = await admin.post("/api/incidents", { title: "Leak\u0000" });
    expect([title.status, title.body.issues]).toEqual([400, [{ field: "title", message: UNSTORABLE_TEXT_MESSAGE }]]);
    const action = await admin.post(`/api/incidents/${incidentId}/actions`, { title: "Rotate\u0000keys" });
    expect([action.status, action.body.issues[0].field]).toEqual([400, "title"]);
    const answer = await admin.post(`/api/questions/${incidentId}/answer`, { answer: "Yes\u0000" });
    expect([answer.status, answer.body.issues[0].field]).toEqual([400, "answer"]);
    const search = await admin.get("/api/incidents?q=%00");
    expect([search.status, search.body.issues[0].field]).toEqual([400, "query.q"]);
  });

  it("a lone surrogate is a 400 (not stored as U+FFFD), while a real emoji pair is kept", async () => {
    const lone = await admin.request("POST", "/api/incidents", '{"title":"Broken \\ud800 text"}');
    expect([lone.status, lone.body.issues[0]]).toEqual([400, { field: "title", message: UNSTORABLE_TEXT_MESSAGE }]);
    const pair = await admin.post("/api/incidents", { title: "Läcka 🔥 på portalen" });
    expect([pair.status, pair.body.title]).toEqual([201, "Läcka 🔥 på portalen"]);
  });

  it("an unsupported charset or content encoding is a 415 that says what to send", async () => {
    const body = JSON.stringify({ email: app.admin.email, password: "x" });
    const latin1 = await raw("/api/auth/login", { method: "POST", headers: { "content-type": "application/json; charset=latin1" }, body });
    expect(latin1.status).toBe(415);
    expect(await latin1.json()).toMatchObject({ code: "unsupported_charset", error: expect.stringMatching(/UTF-8/) });
    const encoding = await raw("/api/auth/login", { method: "POST", headers: { "content-type": "application/json", "content-encoding": "x-bogus" }, body });
    expect([encoding.status, (await encoding.json()).code]).toEqual([415, "unsupported_encoding"]);
    const notGzip = await raw("/api/auth/login", { method: "POST", headers: { "content-type": "application/json", "content-encoding": "gzip" }, body });
    expect(notGzip.status).toBe(400);
  });

  it("lists at most three problems per field, then how many more", async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `not-an-id-${i}`);
    const r = await admin.post("/api/systems", { name: "Probe system", organizationIds: ids });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([
      { field: "organizationIds.0", message: expect.any(String) },
      { field: "organizationIds.1", message: expect.any(String) },
      { field: "organizationIds.2", message: expect.any(String) },
      { field: "organizationIds", message: "and 197 more problems in this field" },
    ]);
    expect(r.body.error.length).toBeLessThan(400);
  });

  it("a sign-in e-mail of any length or content is rate-limited without a database error", async () => {
    const r = await new Client(app.baseUrl).post("/api/auth/login", { email: "x".repeat(100_000), password: "y" });
    expect(r.status).toBe(400);
  });
});
