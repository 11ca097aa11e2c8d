import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import type { SecurityEvent } from "../../shared/schemas/securityEvents.js";

const SCIM_TOKEN = "security-events-scim-token-0123456789abcdef";

describe.each(BACKENDS)("security events in the access review on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await backend.start({ SCIM_TOKEN });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(() => app?.stop());

  it("shows a user's sign-ins with method and factor, failures, token use (once a day) and SCIM changes", async () => {
    const { user, client } = await userWithRole(admin, "responder");
    expect((await new Client(app.baseUrl).post("/api/auth/login", { email: user.email, password: "wrong-wrong-wrong" })).status).toBe(401);
    const token = (await client.post("/api/tokens", { name: "reporting" })).body.token as string;
    const bearer = Object.assign(new Client(app.baseUrl), { bearer: token });
    expect((await bearer.get("/api/incidents")).status).toBe(200);
    // A later call the same day is not audited again, however long after the first.
    await app.running.ctx.prisma.apiToken.updateMany({ where: { userId: user.id }, data: { lastUsedAt: new Date(Date.now() - 2 * 60_000) } });
    expect((await bearer.get("/api/incidents")).status).toBe(200);
    const scim = await fetch(`${app.baseUrl}/scim/v2/Users/${user.id}`, {
      method: "PATCH", headers: { authorization: `Bearer ${SCIM_TOKEN}`, "content-type": "application/scim+json" },
      body: JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "displayName", value: "Renamed by IdP" }] }),
    });
    expect(scim.status).toBe(200);

    const auditor = (await userWithRole(admin, "auditor")).client;
    const r = await auditor.get<{ items: SecurityEvent[]; nextBeforeSeq: number | null }>(`/api/access-review/events?userId=${user.id}`);
    expect(r.status).toBe(200);
    const byAction = (a: string) => r.body.items.filter((e) => e.action === a);
    expect(byAction("auth.login")[0]).toMatchObject({ method: "password", factor: null, ipAddress: expect.stringMatching(/127\.0\.0\.1|::1/), actorId: user.id });
    expect(byAction("auth.login_failed")[0]).toMatchObject({ reason: "wrong_password", targetId: user.id });
    expect(byAction("token.created")).toHaveLength(1);
    expect(byAction("token.used")).toHaveLength(1);
    expect(byAction("token.used")[0]).toMatchObject({ actorId: user.id, after: { request: "GET /api/incidents" } });
    expect(byAction("scim.user_updated")[0]).toMatchObject({ actorLabel: "scim", after: expect.objectContaining({ name: "Renamed by IdP" }) });
    // Only this user's events, newest first, nothing else of the log (e.g. incidents).
    expect(r.body.items.every((e) => e.actorId === user.id || e.targetId === user.id || e.targetType === "api_token")).toBe(true);
    const seqs = r.body.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const page1 = await auditor.get<{ items: SecurityEvent[]; nextBeforeSeq: number }>("/api/access-review/events?limit=2");
    expect(page1.body.items).toHaveLength(2);
    const page2 = await auditor.get<{ items: SecurityEvent[] }>(`/api/access-review/events?limit=2&beforeSeq=${page1.body.nextBeforeSeq}`);
    expect(page2.body.items[0].seq).toBeLessThan(page1.body.items[1].seq);
    // (The SCIM write put the user under the IdP, which maps no group for them: their session has ended.)
    expect((await (await userWithRole(admin, "responder")).client.get("/api/access-review/events")).status).toBe(403);
    const bad = await auditor.get("/api/access-review/events?userId=nobody");
    expect(bad.body.issues[0].field).toBe("query.userId");
  });
});
