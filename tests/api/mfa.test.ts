import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registry } from "../../server/openapi/registry.js";
import { pgliteBackend } from "../helpers/backends.js";
import { Client, userWithRole } from "../helpers/client.js";
import { enrolTotp, totpCode } from "../helpers/mfa.js";
import type { TestApp } from "../helpers/app.js";

interface Endpoint { key: string; method: string; path: string }

/** Every registered endpoint that needs a signed-in caller, with path parameters filled in. */
function signedInEndpoints(): Endpoint[] {
  return registry.definitions.flatMap((d) => {
    if (d.type !== "route" || !d.route.responses["401"]) return [];
    const path = d.route.path.replace(/\{\w+\}/g, () => randomUUID());
    return [{ key: `${d.route.method} ${d.route.path}`, method: d.route.method.toUpperCase(), path }];
  });
}

/** Open while enrolment is owed (MFA_REQUIRED, no factor yet). */
const OPEN_WHILE_ENROLLING = [
  "get /api/auth/me", "post /api/auth/logout", "get /api/auth/mfa", "post /api/auth/mfa/totp/setup", "post /api/auth/mfa/totp/confirm",
  "post /api/auth/mfa/passkeys/options", "post /api/auth/mfa/passkeys", "post /api/auth/mfa/verify/options", "post /api/auth/mfa/verify",
];
/** Open while a factor is owed but not yet proven in this session (e.g. SSO without MFA): no enrolment. */
const OPEN_WHILE_PROVING = ["get /api/auth/me", "post /api/auth/logout", "get /api/auth/mfa", "post /api/auth/mfa/verify/options", "post /api/auth/mfa/verify"];

/** The actions the issue lists (plus changes to one's own factors): each must ask for a fresh factor. */
const STEP_UP = [
  "post /api/incidents/{id}/notices/approve", "post /api/incidents/{id}/notices/send", "post /api/notices/{id}/approve", "post /api/notices/{id}/send",
  "post /api/notices/{id}/retry", "post /api/authority-reports/{id}/submitted", "post /api/users", "patch /api/users/{id}", "delete /api/users/{id}", "post /api/users/invitations",
  "post /api/access-review/deactivate-unused", "post /api/users/{id}/mfa/reset", "post /api/tokens", "get /api/incidents/{id}/export",
  "get /api/breach-register/export", "delete /api/notices/{id}", "delete /api/tokens/{id}", "delete /api/auth/mfa/totp", "delete /api/auth/mfa/passkeys/{id}",
  "post /api/auth/mfa/recovery-codes", "post /api/auth/mfa/totp/setup", "post /api/auth/mfa/totp/confirm", "post /api/auth/mfa/passkeys/options",
  "post /api/auth/mfa/passkeys", "post /api/alert-sources", "post /api/alert-sources/{id}/rotate", "post /api/webhooks", "post /api/webhooks/{id}/rotate",
];

async function sweep(client: Client, expectCode: string, open: string[]) {
  const failures: string[] = [];
  for (const e of signedInEndpoints()) {
    if (e.key === "post /api/auth/logout") continue; // would end the session
    const r = await client.request(e.method, e.path, e.method === "GET" ? undefined : {});
    const blocked = r.status === 403 && r.body?.code === expectCode;
    if (open.includes(e.key) ? blocked : !blocked) failures.push(`${e.key}: ${r.status} ${r.body?.code ?? ""}`);
    if (r.status >= 500) failures.push(`${e.key}: ${r.status}`);
  }
  const metrics = await client.get("/metrics");
  if (metrics.status !== 403 || metrics.body?.code !== expectCode) failures.push(`GET /metrics: ${metrics.status}`);
  return failures;
}

describe("MFA_REQUIRED and step-up over every endpoint", () => {
  let app: TestApp;
  let admin: Client;
  let secret: string;
  let recoveryCodes: string[];
  const sessionOf = (c: Client) => app.running.ctx.prisma.session.findMany({ where: { userId: c.userId } });
  const setMfaAt = async (c: Client, mfaAt: Date | null) =>
    app.running.ctx.prisma.session.updateMany({ where: { id: (await sessionOf(c)).map((s) => s.id).at(-1) }, data: { mfaAt } });

  beforeAll(async () => {
    app = await pgliteBackend.start({ MFA_REQUIRED: "true" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    admin.userId = (await admin.get("/api/auth/me")).body.user.id;
  });
  afterAll(() => app?.stop());

  it("gives a password-only staff session nothing but enrolment, on every endpoint", async () => {
    const me = await admin.get("/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.mfa).toMatchObject({ enrolled: false, required: true, pending: "enrol" });
    expect(await sweep(admin, "mfa_enrolment_required", OPEN_WHILE_ENROLLING)).toEqual([]);
    const enrolled = await enrolTotp(admin);
    secret = enrolled.secret;
    recoveryCodes = enrolled.recoveryCodes;
    expect((await admin.get("/api/incidents")).status).toBe(200);
  });

  it("asks a session whose user has a factor to prove it before anything else (and never lets it enrol another)", async () => {
    await setMfaAt(admin, null); // as after an SSO sign-in whose IdP asserted no MFA
    expect((await admin.get("/api/auth/me")).body.mfa.pending).toBe("prove");
    expect(await sweep(admin, "mfa_required", OPEN_WHILE_PROVING)).toEqual([]);
    const proven = await admin.post("/api/auth/mfa/verify", { proof: { method: "totp", code: await totpCode(secret, 1) } });
    expect(proven.status).toBe(200);
    expect(proven.body.mfa.pending).toBeNull();
    expect((await admin.get("/api/incidents")).status).toBe(200);
  });

  it("declares step-up on exactly the listed actions, in OpenAPI", () => {
    const declared = registry.definitions.flatMap((d) => (d.type === "route" && (d.route as { "x-step-up"?: unknown })["x-step-up"] ? [`${d.route.method} ${d.route.path}`] : []));
    expect(declared.sort()).toEqual([...STEP_UP].sort());
  });

  it("refuses each step-up action with a stale factor, and allows it after a fresh proof", async () => {
    await setMfaAt(admin, new Date(Date.now() - 11 * 60_000));
    const stale: string[] = [];
    const inc = (await admin.post("/api/incidents", { title: "Step-up target" })).body; // not a step-up action
    expect(inc.id).toBeTruthy();
    const endpoints = signedInEndpoints().filter((e) => STEP_UP.includes(e.key));
    for (const e of endpoints) {
      const r = await admin.request(e.method, e.path, e.method === "GET" ? undefined : {});
      if (r.status !== 403 || r.body?.code !== "step_up_required") stale.push(`${e.key}: ${r.status} ${r.body?.code ?? ""}`);
    }
    expect(stale).toEqual([]);
    // Reading the register on screen is not an export (GET /api/breach-register/export is).
    expect((await admin.get("/api/breach-register")).status).toBe(200);

    const proven = await admin.post("/api/auth/mfa/verify", { proof: { method: "recovery", code: recoveryCodes[0] } });
    expect(proven.status).toBe(200);
    const stillRefused: string[] = [];
    for (const e of endpoints) {
      if (e.key.includes("/api/auth/mfa/") || e.key.includes("mfa/reset") || e.key === "post /api/access-review/deactivate-unused") continue;
      const r = await admin.request(e.method, e.path, e.method === "GET" ? undefined : {});
      if (r.body?.code === "step_up_required" || r.status >= 500) stillRefused.push(`${e.key}: ${r.status}`);
    }
    expect(stillRefused).toEqual([]);
    expect((await admin.post("/api/tokens", { name: "after step-up" })).status).toBe(201);
  });

  it("lets an admin reset a user's factors (step-up, audited, sessions ended) and shows factors in the access review", async () => {
    const { user, client } = await userWithRole(admin, "responder");
    await enrolTotp(client);
    const review = (await admin.get("/api/access-review")).body.users.find((u: { id: string }) => u.id === user.id);
    expect(review.factors).toEqual({ totp: true, passkeys: 0, recoveryCodesLeft: 10 });

    await setMfaAt(admin, new Date(Date.now() - 11 * 60_000));
    expect((await admin.post(`/api/users/${user.id}/mfa/reset`)).body.code).toBe("step_up_required");
    expect((await admin.post("/api/auth/mfa/verify", { proof: { method: "recovery", code: recoveryCodes[1] } })).status).toBe(200);
    const reset = await admin.post(`/api/users/${user.id}/mfa/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body.removed).toEqual({ totp: true, passkeys: 0, recoveryCodes: 10 });
    expect((await client.get("/api/auth/me")).status).toBe(401);
    const after = (await admin.get("/api/access-review")).body.users.find((u: { id: string }) => u.id === user.id);
    expect(after.factors).toEqual({ totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    const audit = (await admin.get("/api/audit?action=mfa.reset")).body.items;
    expect(audit[0]).toMatchObject({ targetId: user.id, before: { totp: true, recoveryCodes: 10 } });
    // Back to enrolment: signs in with the password alone, and can do nothing else.
    const again = await Client.login(app.baseUrl, user.email, "Str0ng-Passw0rd!");
    expect((await again.get("/api/incidents")).body.code).toBe("mfa_enrolment_required");
  });

  it("leaves controllers (portal) out of MFA_REQUIRED unless MFA_REQUIRED_CONTROLLERS is set, and API tokens out of it", async () => {
    const org = (await admin.post("/api/organizations", { name: "MFA customer (test)", country: "SE", language: "sv" })).body.id;
    const { client } = await userWithRole(admin, "controller", { organizationId: org });
    expect((await client.get("/api/portal/incidents")).status).toBe(200);
    const token = (await admin.post("/api/tokens", { name: "mfa api" })).body.token;
    const bearer = new Client(app.baseUrl);
    bearer.bearer = token;
    expect((await bearer.get("/api/incidents")).status).toBe(200);
  });
});

describe("step-up without MFA_REQUIRED", () => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await pgliteBackend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(() => app?.stop());

  it("applies to users with a factor only", async () => {
    const plain = await userWithRole(admin, "manager");
    expect((await plain.client.post("/api/tokens", { name: "no factor" })).status).toBe(201);
    const withFactor = await userWithRole(admin, "manager");
    await enrolTotp(withFactor.client);
    expect((await withFactor.client.post("/api/tokens", { name: "fresh" })).status).toBe(201);
    await app.running.ctx.prisma.session.updateMany({ where: { userId: withFactor.user.id }, data: { mfaAt: new Date(Date.now() - 11 * 60_000) } });
    const r = await withFactor.client.post("/api/tokens", { name: "stale" });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: "step_up_required", stepUpMinutes: 10 });
  });
});
