import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import { totpCode } from "../../tests/helpers/mfa.js";
import type { TestApp } from "../../tests/helpers/app.js";

describe.each(BACKENDS)("TOTP second factor ($name)", (backend) => {
  let app: TestApp;
  let admin: Client;
  const password = "Str0ng-Passw0rd!";
  beforeAll(async () => {
    app = await backend.start({ MFA_ENCRYPTION_KEY: "test-key-test-key-test-key-test-key-0123" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(() => app?.stop());

  it("enrols with a QR code and a first code, then signs in in two steps; wrong, replayed and recovery codes", async () => {
    const { user, client } = await userWithRole(admin, "manager");
    const creds = { email: user.email, password };

    const setup = await client.post("/api/auth/mfa/totp/setup");
    expect(setup.status).toBe(200);
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(setup.body.otpauthUrl).toContain(`secret=${setup.body.secret}`);
    const secret: string = setup.body.secret;

    // Stored encrypted: the database never holds the base32 secret.
    const row = await app.running.ctx.prisma.totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secret.startsWith("gcm:")).toBe(true);
    expect(row.secret).not.toContain(secret);

    expect((await client.post("/api/auth/mfa/totp/confirm", { code: "000000" === (await totpCode(secret)) ? "111111" : "000000" })).status).toBe(401);
    expect((await client.post("/api/auth/mfa/totp/confirm", { code: "12ab" })).status).toBe(400);
    const confirmed = await client.post("/api/auth/mfa/totp/confirm", { code: await totpCode(secret) });
    expect(confirmed.status).toBe(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await app.running.ctx.prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((c) => c.codeHash)).not.toContain(codes[0]);
    expect((await client.get("/api/auth/mfa")).body).toMatchObject({ totp: { confirmedAt: expect.any(String) }, recoveryCodesLeft: 10 });

    // Step one: the password gives a pending token, no session cookie, nothing usable.
    const c = new Client(app.baseUrl);
    const first = await c.post("/api/auth/login", creds);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ mfaRequired: true, methods: ["totp", "recovery"] });
    expect(first.headers.get("set-cookie")).toBeNull();
    expect((await c.get("/api/incidents")).status).toBe(401);

    const wrong = await c.post("/api/auth/login/mfa", { pendingToken: first.body.pendingToken, proof: { method: "totp", code: "999999" === (await totpCode(secret, 1)) ? "999998" : "999999" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe("factor_rejected");
    const code = await totpCode(secret, 1);
    const second = await c.post("/api/auth/login/mfa", { pendingToken: first.body.pendingToken, proof: { method: "totp", code } });
    expect(second.status).toBe(200);
    expect(second.body.mfa).toMatchObject({ enrolled: true, pending: null, verifiedAt: expect.any(String) });
    c.csrf = second.body.csrfToken;
    expect((await c.get("/api/incidents")).status).toBe(200);
    // The pending token is spent.
    expect((await new Client(app.baseUrl).post("/api/auth/login/mfa", { pendingToken: first.body.pendingToken, proof: { method: "totp", code } })).status).toBe(401);

    // The same code again (another sign-in, or step-up) is a replay: refused.
    const again = await new Client(app.baseUrl).post("/api/auth/login", creds);
    const replay = await new Client(app.baseUrl).post("/api/auth/login/mfa", { pendingToken: again.body.pendingToken, proof: { method: "totp", code } });
    expect(replay.status).toBe(401);
    expect((await c.post("/api/auth/mfa/verify", { proof: { method: "totp", code } })).status).toBe(401);

    // A recovery code works once (any case, with or without dashes).
    const rc = await new Client(app.baseUrl).post("/api/auth/login", creds);
    const withRecovery = await new Client(app.baseUrl).post("/api/auth/login/mfa", {
      pendingToken: rc.body.pendingToken, proof: { method: "recovery", code: codes[3].toUpperCase().replace(/-/g, "") },
    });
    expect(withRecovery.status).toBe(200);
    const rc2 = await new Client(app.baseUrl).post("/api/auth/login", creds);
    const reused = await new Client(app.baseUrl).post("/api/auth/login/mfa", { pendingToken: rc2.body.pendingToken, proof: { method: "recovery", code: codes[3] } });
    expect(reused.status).toBe(401);
    expect((await c.get("/api/auth/mfa")).body.recoveryCodesLeft).toBe(9);

    // A pending sign-in allows a handful of attempts, then it is gone.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await new Client(app.baseUrl).post("/api/auth/login/mfa", { pendingToken: rc2.body.pendingToken, proof: { method: "recovery", code: "aaaa-bbbb-cccc-dddd" } })).status);
    expect(statuses).toEqual([401, 401, 401, 401]); // with the reuse above: five attempts
    const afterLimit = await new Client(app.baseUrl).post("/api/auth/login/mfa", { pendingToken: rc2.body.pendingToken, proof: { method: "recovery", code: codes[4] } });
    expect(afterLimit.status).toBe(401);
    expect(afterLimit.body.error).toMatch(/too many attempts/);

    // Audited: enrolment, sign-ins with their factor, failures, the recovery code's use.
    const audit = (await admin.get(`/api/audit?actorId=${user.id}&limit=200`)).body.items as { action: string; after: Record<string, unknown> | null }[];
    const actions = audit.map((e) => e.action);
    expect(actions).toContain("mfa.totp_enrolled");
    expect(actions).toContain("mfa.recovery_code_used");
    expect(actions).toContain("auth.factor_failed");
    expect(audit.filter((e) => e.action === "auth.login").map((e) => e.after?.factor)).toEqual(expect.arrayContaining(["totp", "recovery", null]));
  });
});
