import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import { startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll } from "../../tests/helpers/outbox.js";
import type { TestApp } from "../../tests/helpers/app.js";

const SETTINGS = {
  name: "Skolplattform AB", country: "SE", language: "sv", timeZone: "Europe/Stockholm",
  mailFrom: "Skolplattform <vakt@skolplattform.example.test>", publicUrl: "https://vakt.skolplattform.example.test",
};
const everything = (m: { subject?: string; text?: string | false; html?: string | false; from?: { text: string } }) =>
  [m.subject, m.text, m.html, m.from?.text].join("\n");

describe.each(BACKENDS)("first-run set-up on $name", (backend) => {
  let app: TestApp;
  let smtp: TestSmtp;
  let admin: Client;
  beforeAll(async () => {
    smtp = await startSmtp();
    // No VENDOR_NAME, MAIL_FROM or PUBLIC_URL: a fresh installation on its defaults.
    app = await backend.start({ SMTP_URL: smtp.url, FIRST_RUN_SETUP: "true" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  async function inviteAndReceive(to: string) {
    expect((await admin.post("/api/users/invitations", { email: to, name: "Kari Nordmann", role: "auditor" })).status).toBe(201);
    await drainAll(app.running.ctx);
    await smtp.waitFor((ms) => ms.some((m) => JSON.stringify(m.to).includes(to)));
    return smtp.messages.find((m) => JSON.stringify(m.to).includes(to))!;
  }

  it("before set-up: needed, and no mail says 'Our company'", async () => {
    expect((await admin.get("/api/setup")).body).toEqual({ needed: true });
    const current = await admin.get("/api/settings");
    expect(current.body.saved).toBe(false);
    expect(current.body.name).not.toBe("Our company");
    const mail = await inviteAndReceive("before-setup@example.test");
    expect(everything(mail)).not.toContain("Our company");
    expect(mail.subject).toContain("localhost");
  });

  it("refuses bad values naming each field, and saves nothing", async () => {
    const r = await admin.put("/api/settings", { name: "", country: "XX", language: "de", timeZone: "Mars/Olympus", mailFrom: "nobody", publicUrl: "vakt" });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["country", "language", "mailFrom", "name", "publicUrl", "timeZone"]);
    expect((await admin.get("/api/setup")).body.needed).toBe(true);
  });

  it("only admins save it", async () => {
    const { client } = await userWithRole(admin, "manager");
    expect((await client.put("/api/settings", SETTINGS)).status).toBe(403);
    expect((await client.get("/api/settings")).status).toBe(403);
    expect((await client.get("/api/setup")).body.needed).toBe(true);
  });

  it("saved: wins over the environment in mail (sender, vendor name, links) and names the vendor organisation; audited", async () => {
    const saved = await admin.put("/api/settings", SETTINGS);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ ...SETTINGS, saved: true });
    expect((await admin.get("/api/setup")).body).toEqual({ needed: false });
    const mail = await inviteAndReceive("after-setup@example.test");
    expect(mail.from?.value[0].address).toBe("vakt@skolplattform.example.test");
    expect(mail.subject).toBe("Skolplattform AB bjuder in dig till Vakt");
    expect(mail.text).toContain("https://vakt.skolplattform.example.test/invitation#");
    const self = await app.running.ctx.prisma.organization.findFirstOrThrow({ where: { self: true } });
    expect(self).toMatchObject({ name: "Skolplattform AB", country: "SE", language: "sv" });
    const entry = await app.running.ctx.prisma.auditEntry.findFirstOrThrow({ where: { action: "settings.saved" } });
    expect(entry.after).toMatchObject({ name: "Skolplattform AB", mailFrom: SETTINGS.mailFrom });

    const edited = await admin.put("/api/settings", { ...SETTINGS, name: "Skolplattform Norden AB", language: "nb" });
    expect(edited.body.name).toBe("Skolplattform Norden AB");
    expect(await app.running.ctx.prisma.auditEntry.count({ where: { action: "settings.saved" } })).toBe(2);
  });
});
