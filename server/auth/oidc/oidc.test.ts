import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, userWithRole } from "../../../tests/helpers/client.js";
import { callCallback, ssoUntilCallback, Jar } from "../../../tests/helpers/oidcProvider.js";
import { SCHOOL_DOMAIN, startSsoFixture, type SsoFixture } from "../../../tests/helpers/ssoFixture.js";

const VENDOR = "vendor.example.test";
let fx: SsoFixture;
let admin: Client;
const prisma = () => fx.app.running.ctx.prisma;
const sessionCount = () => prisma().session.count();

/** The whole sign-in over HTTP; returns the callback's answer. */
async function signIn(login: string, loginPath = "/auth/oidc/login") {
  const { callbackUrl, jar } = await ssoUntilCallback(fx.app.baseUrl, loginPath, login);
  return callCallback(callbackUrl, jar);
}

/** Asserts a refusal page with `text` and that no session was created. */
async function expectRefused(attempt: () => Promise<{ status: number; html: string; session?: string }>, text: RegExp) {
  const before = await sessionCount();
  const r = await attempt();
  expect(r.status).toBe(403);
  expect(r.html).toMatch(/<h1>Sign-in failed<\/h1>/);
  expect(r.html).toMatch(text);
  expect(r.session).toBeUndefined();
  expect(await sessionCount()).toBe(before);
  return r;
}

async function me(session: string) {
  const c = new Client(fx.app.baseUrl);
  c.cookie = `vakt_session=${session}`;
  return (await c.get("/api/auth/me")).body;
}

beforeAll(async () => {
  fx = await startSsoFixture({
    staff: {
      alice: { email: `alice@${VENDOR}`, email_verified: true, name: "Alice Admin", groups: ["vakt-oncall", "vakt-admins"] },
      rita: { email: `rita@${VENDOR}`, email_verified: true, name: "Rita Responder", groups: ["vakt-oncall"] },
      nils: { email: `nils@${VENDOR}`, email_verified: true, name: "Nils Sales", groups: ["sales"] },
      linda: { email: `linda@${VENDOR}`, email_verified: true, name: "Linda Linked", groups: ["vakt-privacy"] },
      dora: { email: `dora@${VENDOR}`, email_verified: true, name: "Dora Deactivated", groups: ["vakt-auditors"] },
      ulf: { email: `ulf@${VENDOR}`, email_verified: false, name: "Ulf Unverified", groups: ["vakt-admins"] },
      mallory: { email: `kontakt@${SCHOOL_DOMAIN}`, email_verified: true, name: "Mallory", groups: ["vakt-admins"] },
    },
    school: {
      kari: {
        email: `Kari.Nordmann@${SCHOOL_DOMAIN}`, email_verified: true, given_name: "Kari", family_name: "Nordmann",
        "https://n.feide.no/claims/eduPersonPrincipalName": `kari@${SCHOOL_DOMAIN}`,
      },
      outsider: { email: `eve@${VENDOR}`, email_verified: true, name: "Eve" },
      rektor: { email: `rektor@${SCHOOL_DOMAIN}`, email_verified: true, name: "Rektor" },
    },
  });
  admin = await Client.login(fx.app.baseUrl, fx.app.admin.email, fx.app.admin.password);
}, 300_000);
afterAll(() => fx?.stop());

describe("single sign-on over HTTP against a real OpenID Connect provider", () => {
  it("creates a user on first sign-in with the highest mapped role, links (issuer, subject) and audits it", async () => {
    const r = await signIn("alice");
    expect(r.status).toBe(302);
    expect(r.location).toBe("/");
    expect(r.session).toBeTruthy();
    const { user } = await me(r.session!);
    expect(user).toMatchObject({ email: `alice@${VENDOR}`, name: "Alice Admin", role: "admin" });
    const link = await prisma().oidcIdentity.findFirstOrThrow({ where: { userId: user.id } });
    expect(link).toMatchObject({ issuer: fx.staffIdp.issuer, subject: "alice", providerId: "sso" });
    const session = await prisma().session.findFirstOrThrow({ where: { userId: user.id } });
    // Device and address recorded as for every sign-in method (server/auth/signIn.ts).
    expect(session).toMatchObject({ method: "oidc", mfaAt: null, userAgent: expect.any(String), ipAddress: expect.stringMatching(/127\.0\.0\.1|::1/) });
    const entries = await prisma().auditEntry.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(entries.map((a) => a.action)).toEqual(["user.created", "user.sso_linked", "auth.login"]);
    expect(entries[2].after).toMatchObject({ method: "oidc", factor: null, provider: "sso", ipAddress: expect.any(String) });
  });

  it("later sign-ins update name, e-mail and role from the claims; the role change is audited and ends old sessions", async () => {
    const first = await signIn("rita");
    const { user } = await me(first.session!);
    expect(user.role).toBe("responder");
    fx.staffIdp.accounts.set("rita", { email: `rita.r@${VENDOR}`, email_verified: true, name: "Rita Privacy", groups: ["vakt-privacy", "vakt-auditors"] });
    const second = await signIn("rita");
    expect((await me(second.session!)).user).toMatchObject({ id: user.id, email: `rita.r@${VENDOR}`, name: "Rita Privacy", role: "privacy" });
    expect((await me(first.session!)).user).toBeUndefined();
    const change = await prisma().auditEntry.findFirstOrThrow({ where: { targetId: user.id, action: "user.updated" } });
    expect(change.actorLabel).toBe("sso:sso");
    expect(change.before).toMatchObject({ role: "responder", email: `rita@${VENDOR}` });
    expect(change.after).toMatchObject({ role: "privacy", email: `rita.r@${VENDOR}`, source: "oidc" });
  });

  it("records an IdP-asserted second factor (amr mfa in a validly signed ID token) on the session", async () => {
    fx.staffIdp.tamper = { claims: (c) => ({ ...c, amr: ["pwd", "mfa"] }) };
    try {
      const r = await signIn("alice");
      expect(r.status).toBe(302);
      const s = await prisma().session.findFirstOrThrow({ where: { method: "oidc" }, orderBy: { createdAt: "desc" } });
      expect(s.mfaAt).toBeInstanceOf(Date);
    } finally {
      fx.staffIdp.tamper = undefined;
    }
  });

  it("refuses a user in no mapped group when OIDC_DEFAULT_ROLE is unset, and creates nobody", async () => {
    await expectRefused(() => signIn("nils"), /not in a group that gives access to Vakt/);
    expect(await prisma().user.count({ where: { email: `nils@${VENDOR}` } })).toBe(0);
  });

  it("links an existing local account by a verified e-mail", async () => {
    const local = (await admin.post("/api/users", { email: `linda@${VENDOR}`, name: "Linda", role: "responder", password: "Pelican-Orbit-Tundra-9" })).body;
    const r = await signIn("linda");
    expect(r.status).toBe(302);
    expect((await me(r.session!)).user).toMatchObject({ id: local.id, role: "privacy", name: "Linda Linked" });
    expect(await prisma().oidcIdentity.count({ where: { userId: local.id } })).toBe(1);
  });

  it("never links by an unverified e-mail", async () => {
    const local = (await admin.post("/api/users", { email: `ulf@${VENDOR}`, name: "Ulf", role: "auditor", password: "Pelican-Orbit-Tundra-9" })).body;
    await expectRefused(() => signIn("ulf"), /has not confirmed that the address is yours/);
    expect(await prisma().oidcIdentity.count({ where: { userId: local.id } })).toBe(0);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: local.id } })).role).toBe("auditor");
  });

  it("never maps a controller user into a staff role", async () => {
    const ctl = (await admin.post("/api/users", { email: `kontakt@${SCHOOL_DOMAIN}`, name: "Kontakt", role: "controller", organizationId: fx.schoolOrgId, password: "Pelican-Orbit-Tundra-9" })).body;
    await expectRefused(() => signIn("mallory"), /is a customer contact and cannot sign in with staff access/);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: ctl.id } })).role).toBe("controller");
  });

  it("refuses a deactivated account", async () => {
    const first = await signIn("dora");
    const { user } = await me(first.session!);
    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    await expectRefused(() => signIn("dora"), /Your Vakt account is deactivated/);
  });

  describe("refusals of a tampered or replayed flow", () => {
    it("a tampered state", async () => {
      const { callbackUrl, jar } = await ssoUntilCallback(fx.app.baseUrl, "/auth/oidc/login", "alice");
      callbackUrl.searchParams.set("state", `${callbackUrl.searchParams.get("state")}x`);
      await expectRefused(() => callCallback(callbackUrl, jar), /started in another browser or window/);
    });

    it("a callback in a browser that did not start the sign-in (no state cookie: login CSRF)", async () => {
      const { callbackUrl } = await ssoUntilCallback(fx.app.baseUrl, "/auth/oidc/login", "alice");
      await expectRefused(() => callCallback(callbackUrl, new Jar()), /started in another browser or window/);
    });

    it("a replayed callback and a replayed code", async () => {
      const first = await ssoUntilCallback(fx.app.baseUrl, "/auth/oidc/login", "alice");
      const jarCopy = new Jar();
      jarCopy.set(first.callbackUrl, "vakt_oidc", first.jar.get(first.callbackUrl, "vakt_oidc")!);
      expect((await callCallback(first.callbackUrl, first.jar)).status).toBe(302);
      // The same callback again (state already used).
      await expectRefused(() => callCallback(first.callbackUrl, jarCopy), /already used/);
      // The used code inside a fresh flow: the state is good, the provider refuses the code.
      const second = await ssoUntilCallback(fx.app.baseUrl, "/auth/oidc/login", "alice");
      second.callbackUrl.searchParams.set("code", first.callbackUrl.searchParams.get("code")!);
      const calls = fx.staffIdp.tokenCalls.length;
      await expectRefused(() => callCallback(second.callbackUrl, second.jar), /could not be verified/);
      expect(fx.staffIdp.tokenCalls.slice(calls)).toEqual([400]);
    });

    const now = () => Math.floor(Date.now() / 1000);
    it.each([
      ["a wrong nonce", { claims: (c: Record<string, unknown>) => ({ ...c, nonce: "not-the-nonce" }) }],
      ["an expired ID token", { claims: (c: Record<string, unknown>) => ({ ...c, iat: now() - 7200, exp: now() - 3600 }) }],
      ["an ID token signed with another key", { foreignKey: true }],
      ["a wrong issuer", { claims: (c: Record<string, unknown>) => ({ ...c, iss: "https://evil.example.test" }) }],
      ["a wrong audience", { claims: (c: Record<string, unknown>) => ({ ...c, aud: "another-client" }) }],
    ])("%s", async (_name, tamper) => {
      const users = await prisma().user.count();
      fx.staffIdp.tamper = tamper;
      try {
        await expectRefused(() => signIn("alice"), /The answer from Vendor SSO could not be verified/);
      } finally {
        fx.staffIdp.tamper = undefined;
      }
      expect(await prisma().user.count()).toBe(users);
      const failure = await prisma().auditEntry.findFirstOrThrow({ where: { action: "auth.login_failed" }, orderBy: { id: "desc" } });
      expect(failure.after).toMatchObject({ method: "oidc", reason: "token_invalid" });
    });
  });

  describe("an organisation's own provider (home-realm discovery)", () => {
    it("is offered only for its e-mail domain", async () => {
      const anonymous = new Client(fx.app.baseUrl);
      const plain = (await anonymous.get("/api/auth/sign-in-options")).body;
      expect(plain.providers.map((p: { id: string }) => p.id)).toEqual(["sso"]);
      const school = (await anonymous.get(`/api/auth/sign-in-options?email=${encodeURIComponent(`kari.nordmann@${SCHOOL_DOMAIN.toUpperCase()}`)}`)).body;
      expect(school.providers).toContainEqual({
        id: "skole", label: "Feide (Eksempel skole)", matchesEmail: true,
        loginUrl: `/auth/oidc/login?provider=skole&login_hint=${encodeURIComponent(`kari.nordmann@${SCHOOL_DOMAIN}`)}`,
      });
    });

    it("makes its users controller users of that organisation only", async () => {
      const r = await signIn("kari", `/auth/oidc/login?login_hint=kari.nordmann@${SCHOOL_DOMAIN}`);
      expect(r.status).toBe(302);
      const { user } = await me(r.session!);
      expect(user).toMatchObject({ email: `kari.nordmann@${SCHOOL_DOMAIN}`, role: "controller", organizationId: fx.schoolOrgId, name: "Kari Nordmann" });
      const linked = await prisma().auditEntry.findFirstOrThrow({ where: { targetId: user.id, action: "user.sso_linked" } });
      expect(linked.after).toMatchObject({ provider: "skole", principalName: `kari@${SCHOOL_DOMAIN}` });
      const portal = new Client(fx.app.baseUrl);
      portal.cookie = `vakt_session=${r.session}`;
      expect((await portal.get("/api/incidents")).status).toBe(403);
    });

    it("refuses an e-mail outside its domains, and a staff account inside them", async () => {
      await expectRefused(() => signIn("outsider", "/auth/oidc/login?provider=skole"), /does not belong to Feide/);
      await userWithRole(admin, "responder").then(async () => {
        await admin.post("/api/users", { email: `rektor@${SCHOOL_DOMAIN}`, name: "Rektor", role: "manager", password: "Pelican-Orbit-Tundra-9" });
      });
      await expectRefused(() => signIn("rektor", "/auth/oidc/login?provider=skole"), /belongs to another organisation or to staff/);
      expect((await prisma().user.findUniqueOrThrow({ where: { email: `rektor@${SCHOOL_DOMAIN}` } })).role).toBe("manager");
    });
  });

  it("shows refusals in Swedish and Norwegian after the browser's language", async () => {
    for (const [lang, text] of [["sv-SE", /Inloggningen misslyckades/], ["nb-NO", /Innloggingen mislyktes/], ["no", /Innloggingen mislyktes/]] as const) {
      const r = await fetch(`${fx.app.baseUrl}/auth/oidc/login?provider=nope`, { redirect: "manual", headers: { "accept-language": lang } });
      expect(r.status).toBe(404);
      expect(await r.text()).toMatch(text);
    }
  });
});
