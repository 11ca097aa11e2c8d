import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import { startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll } from "../../tests/helpers/outbox.js";
import type { TestApp } from "../../tests/helpers/app.js";

const PASSWORD = "Kestrel-Harbour-2041!";
let n = 0;
const email = () => `invitee-${Date.now()}-${n++}@example.test`;

describe.each(BACKENDS)("user invitations on $name", (backend) => {
  let app: TestApp;
  let smtp: TestSmtp;
  let admin: Client;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await backend.start({ SMTP_URL: smtp.url, PUBLIC_URL: "https://vakt.vendor.example.test" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  /** Invites `to`, delivers the mail through the real SMTP server and returns the token from its link. */
  async function invite(to: string, extra: Record<string, unknown> = {}) {
    const r = await admin.post("/api/users/invitations", { email: to, name: "Kari Nordmann", role: "responder", ...extra });
    expect(r.status).toBe(201);
    await drainAll(app.running.ctx);
    await smtp.waitFor((ms) => ms.some((m) => m.to && JSON.stringify(m.to).includes(to)));
    const mail = smtp.messages.find((m) => JSON.stringify(m.to).includes(to))!;
    const token = /https:\/\/vakt\.vendor\.example\.test\/invitation#([\w-]+)/.exec(mail.text ?? "")?.[1];
    expect(token).toBeTruthy();
    return { user: r.body.user as { id: string }, mail, token: token! };
  }

  it("invite -> mail -> accept -> sign in; the link works once", async () => {
    const to = email();
    const { user, mail, token } = await invite(to, { language: "sv" });
    expect(mail.subject).toContain("bjuder in dig till Vakt");
    // Before the invitation is accepted no password signs in.
    expect((await new Client(app.baseUrl).post("/api/auth/login", { email: to, password: "invited" })).status).toBe(401);
    const listed = (await admin.get("/api/users/managed")).body.items.find((u: { id: string }) => u.id === user.id);
    expect(listed).toMatchObject({ email: to, role: "responder", active: true, invitationPending: true, lastSignInAt: null });

    const lookup = await new Client(app.baseUrl).post("/api/invitations/lookup", { token });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ email: to, name: "Kari Nordmann" });
    const accepted = await new Client(app.baseUrl).post("/api/invitations/accept", { token, password: PASSWORD });
    expect(accepted.status).toBe(200);
    const signedIn = await Client.login(app.baseUrl, to, PASSWORD);
    expect((await signedIn.get("/api/auth/me")).body.user.email).toBe(to);

    const again = await new Client(app.baseUrl).post("/api/invitations/accept", { token, password: "Another-Harbour-2042!" });
    expect(again.status).toBe(410);
    expect((await new Client(app.baseUrl).post("/api/auth/login", { email: to, password: "Another-Harbour-2042!" })).status).toBe(401);
    const actions = (await app.running.ctx.prisma.auditEntry.findMany({ where: { targetId: user.id }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["user.invited", "user.invitation_accepted"]));
  });

  it("refuses an expired link", async () => {
    const to = email();
    const { user, token } = await invite(to);
    await app.running.ctx.prisma.userInvitation.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await new Client(app.baseUrl).post("/api/invitations/lookup", { token })).status).toBe(410);
    expect((await new Client(app.baseUrl).post("/api/invitations/accept", { token, password: PASSWORD })).status).toBe(410);
    expect((await new Client(app.baseUrl).post("/api/invitations/accept", { token: "x".repeat(43), password: PASSWORD })).status).toBe(410);
  });

  it("answers bad input with a 4xx naming the field, and changes nothing", async () => {
    const bad = await admin.post("/api/users/invitations", { email: "not-an-address", name: "", role: "controller" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["email", "name", "role"]);
    const to = email();
    const { token } = await invite(to);
    expect((await admin.post("/api/users/invitations", { email: to, name: "Twice", role: "auditor" })).status).toBe(409);
    const weak = await new Client(app.baseUrl).post("/api/invitations/accept", { token, password: "short" });
    expect(weak.status).toBe(400);
    expect(weak.body.issues[0].field).toBe("password");
    // The refused attempt did not spend the link.
    expect((await new Client(app.baseUrl).post("/api/invitations/accept", { token, password: PASSWORD })).status).toBe(200);
  });

  it("is for admins only: others cannot list, invite or delete", async () => {
    const { client: manager } = await userWithRole(admin, "manager");
    expect((await manager.get("/api/users/managed")).status).toBe(403);
    expect((await manager.post("/api/users/invitations", { email: email(), name: "X", role: "admin" })).status).toBe(403);
    const { user } = await userWithRole(admin, "auditor");
    expect((await manager.del(`/api/users/${user.id}`)).status).toBe(403);
  });

  it("changes a role, deactivates and deletes (anonymised, cannot sign in, gone from the list)", async () => {
    const { user, client } = await userWithRole(admin, "auditor");
    expect((await admin.patch(`/api/users/${user.id}`, { role: "responder" })).body.role).toBe("responder");
    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).body.active).toBe(false);
    expect((await client.get("/api/auth/me")).status).toBe(401);
    const deleted = await admin.del(`/api/users/${user.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.email).toMatch(/@anonymised\.invalid$/);
    const ids = (await admin.get("/api/users/managed")).body.items.map((u: { id: string }) => u.id);
    expect(ids).not.toContain(user.id);
    expect((await admin.del(`/api/users/${user.id}`)).status).toBe(404);
    const me = (await admin.get("/api/auth/me")).body.user.id as string;
    expect((await admin.del(`/api/users/${me}`)).status).toBe(409);
  });
});
