import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";

const SCIM_TOKEN = "scim-test-token-0123456789abcdefghijklmnop";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

/** An identity provider's HTTP calls: application/scim+json and a bearer token, as Entra sends them. */
function idp(baseUrl: string, token = SCIM_TOKEN) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json; charset=utf-8", accept: "application/scim+json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get("content-type") ?? "", body: text ? JSON.parse(text) : null };
  };
}

const entraUser = (userName: string, externalId: string) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  externalId,
  userName,
  active: true,
  emails: [{ primary: true, type: "work", value: userName }],
  meta: { resourceType: "User" },
  name: { formatted: "Kari Nordmann", familyName: "Nordmann", givenName: "Kari" },
  roles: [],
  title: "Engineer",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Security" },
});

const filter = (expr: string) => `filter=${encodeURIComponent(expr)}`;

describe.each(BACKENDS)("SCIM 2.0 on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let scim: ReturnType<typeof idp>;
  beforeAll(async () => {
    app = await backend.start({ SCIM_TOKEN, SCIM_ROLE_MAP: "Vakt Responders=responder,Vakt Privacy=privacy,Vakt Admins=admin" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    scim = idp(app.baseUrl);
  });
  afterAll(() => app?.stop());

  const vaktUser = async (id: string) => (await admin.get("/api/users")).body.items.find((u: { id: string }) => u.id === id);

  it("provisions a user and maps group membership to a role, in Entra's request sequence", async () => {
    const userName = `kari.${backend.name}@example.test`;
    const none = await scim("GET", `/Users?${filter(`userName eq "${userName}"`)}`);
    expect(none.status).toBe(200);
    expect(none.type).toContain("application/scim+json");
    expect(none.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, Resources: [] });

    const created = await scim("POST", "/Users", entraUser(userName, "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName, externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", active: true, displayName: "Kari Nordmann" });
    const id = created.body.id as string;
    // In no mapped group and no default role: the account exists but cannot sign in.
    expect(await vaktUser(id)).toMatchObject({ email: userName, active: false });

    const found = await scim("GET", `/Users?${filter(`userName eq "${userName.toUpperCase()}"`)}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);

    const patched = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: `kari.n.${backend.name}@example.test` },
        { op: "Replace", path: "name.familyName", value: "Nordmann-Hansen" },
        { op: "replace", value: { displayName: "Kari Nordmann-Hansen", "name.givenName": "Kari", title: "Lead" } },
        { op: "Add", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: "IT" },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: "Kari Nordmann-Hansen", emails: [{ value: `kari.n.${backend.name}@example.test`, primary: true }] });

    const group = await scim("POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Vakt Responders", meta: { resourceType: "Group" },
    });
    expect(group.status).toBe(201);
    const groupId = group.body.id as string;
    const byName = await scim("GET", `/Groups?excludedAttributes=members&${filter('displayName eq "Vakt Responders"')}`);
    expect(byName.body.Resources).toEqual([expect.objectContaining({ id: groupId, displayName: "Vakt Responders" })]);
    expect(byName.body.Resources[0]).not.toHaveProperty("members");

    const add = await scim("PATCH", `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value: [{ value: id }] }] });
    expect(add.status).toBe(200);
    expect(await vaktUser(id)).toMatchObject({ role: "responder", active: true });
    expect((await scim("GET", `/Groups/${groupId}`)).body.members).toEqual([expect.objectContaining({ value: id })]);
    expect((await scim("GET", `/Users/${id}`)).body.groups).toEqual([expect.objectContaining({ value: groupId, display: "Vakt Responders" })]);

    // Into a group mapped to a higher role: the highest wins.
    const privacy = (await scim("POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Vakt Privacy" })).body.id;
    await scim("PATCH", `/Groups/${privacy}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: id }] }] });
    expect(await vaktUser(id)).toMatchObject({ role: "privacy", active: true });
    await scim("PATCH", `/Groups/${privacy}`, { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${id}"]` }] });
    expect(await vaktUser(id)).toMatchObject({ role: "responder" });

    const remove = await scim("PATCH", `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "Remove", path: "members", value: [{ value: id }] }] });
    expect(remove.status).toBe(200);
    expect(await vaktUser(id)).toMatchObject({ active: false });

    const audit = (await admin.get(`/api/audit?limit=100`)).body.items as { action: string; targetId: string; actorLabel: string }[];
    const actions = audit.filter((e) => e.action.startsWith("scim.")).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["scim.user_created", "scim.user_updated", "scim.group_created", "scim.group_updated", "scim.user_access_changed"]));
    expect(audit.find((e) => e.action === "scim.user_created" && e.targetId === id)?.actorLabel).toBe("scim");

    expect((await scim("DELETE", `/Users/${id}`)).status).toBe(204);
    expect((await scim("GET", `/Users/${id}`)).status).toBe(404);
    expect((await scim("DELETE", `/Groups/${privacy}`)).status).toBe(204);
  });

  it("deprovisions at once: a session cookie and an API token stop right after PATCH active false", async () => {
    const { user, client: browser } = await userWithRole(admin, "responder");
    const token = (await browser.post("/api/tokens", { name: "script" })).body.token as string;
    const script = Object.assign(new Client(app.baseUrl), { bearer: token });
    expect((await browser.get("/api/auth/me")).status).toBe(200);
    expect((await script.get("/api/incidents")).status).toBe(200);

    // Entra matches the existing account by userName, then disables it (older Entra sends the boolean as a string).
    const match = await scim("GET", `/Users?${filter(`userName eq "${user.email}"`)}`);
    expect(match.body.Resources[0]).toMatchObject({ id: user.id, active: true });
    const off = await scim("PATCH", `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await browser.get("/api/auth/me")).status).toBe(401);
    expect((await script.get("/api/incidents")).status).toBe(401);
    const access = (await admin.get("/api/audit?action=scim.user_access_changed")).body.items.find((e: { targetId: string }) => e.targetId === user.id);
    expect(access.after).toMatchObject({ active: false, sessionsEnded: 1, tokensRevoked: 1 });

    // Re-enabled by the IdP without a mapped group: still no access (no role), and the revoked token stays revoked.
    await scim("PATCH", `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: true } }] });
    expect(await vaktUser(user.id)).toMatchObject({ active: false });
    expect((await script.get("/api/incidents")).status).toBe(401);
  });

  it("answers in SCIM's error schema and refuses every other token", async () => {
    const anonymous = await fetch(`${app.baseUrl}/scim/v2/Users`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ schemas: [ERROR], status: "401", detail: expect.any(String) });
    const session = await admin.get("/scim/v2/Users");
    expect(session.status).toBe(401);
    const readToken = (await admin.post("/api/tokens", { name: "reader" })).body.token;
    expect((await idp(app.baseUrl, readToken)("GET", "/Users")).status).toBe(401);
    expect((await idp(app.baseUrl, `${SCIM_TOKEN}x`)("GET", "/Users")).status).toBe(401);

    const badFilter = await scim("GET", `/Users?${filter('title co "x"')}`);
    expect(badFilter).toMatchObject({ status: 400, body: { schemas: [ERROR], status: "400", scimType: "invalidFilter" } });
    const missing = await scim("POST", "/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"] });
    expect(missing.body).toMatchObject({ status: "400", scimType: "invalidValue", detail: expect.stringContaining("userName") });
    const twice = await scim("POST", "/Users", { userName: app.admin.email });
    expect(twice.body).toMatchObject({ status: "409", scimType: "uniqueness" });
    expect((await scim("GET", "/Users/not-a-user")).body).toMatchObject({ status: "404" });
    const badOp = await scim("PATCH", `/Users/00000000-0000-4000-8000-000000000000`, { schemas: [PATCH_OP], Operations: [{ op: "move", path: "active" }] });
    expect(badOp.body).toMatchObject({ status: "400", detail: expect.stringContaining("Operations.0.op") });
    const badMember = await scim("POST", "/Groups", { displayName: "Ghosts", members: [{ value: "00000000-0000-4000-8000-000000000000" }] });
    expect(badMember.body).toMatchObject({ status: "400", scimType: "invalidValue" });
    expect((await scim("GET", "/Groups?excludedAttributes=members")).body.Resources.some((g: { displayName: string }) => g.displayName === "Ghosts")).toBe(false);
    expect((await scim("GET", "/Nothing")).body).toMatchObject({ schemas: [ERROR], status: "404" });
  });

  it("accepts an administrator's API token of scope scim, which opens nothing else", async () => {
    const created = await admin.post("/api/tokens", { name: "Okta provisioning", scopes: ["scim"] });
    expect(created.status).toBe(201);
    const viaToken = idp(app.baseUrl, created.body.token);
    expect((await viaToken("GET", "/Users?startIndex=1&count=1")).body).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
    const made = await viaToken("POST", "/Users", { userName: `okta.${backend.name}@example.test`, name: { givenName: "Ola", familyName: "Nordmann" } });
    expect(made.status).toBe(201);
    const entry = (await admin.get("/api/audit?action=scim.user_created")).body.items.find((e: { targetId: string }) => e.targetId === made.body.id);
    expect(entry.actorLabel).toBe(`scim:${app.admin.email}`);
    expect((await Object.assign(new Client(app.baseUrl), { bearer: created.body.token }).get("/api/incidents")).status).toBe(403);
    const manager = await userWithRole(admin, "manager");
    const refused = await manager.client.post("/api/tokens", { name: "x", scopes: ["scim"] });
    expect(refused.status).toBe(400);
  });

  it("serves discovery documents", async () => {
    const spc = await fetch(`${app.baseUrl}/scim/v2/ServiceProviderConfig`);
    expect(spc.headers.get("content-type")).toContain("application/scim+json");
    expect(await spc.json()).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
    expect((await scim("GET", "/ResourceTypes")).body.Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    expect((await scim("GET", "/Schemas")).body.totalResults).toBe(2);
  });
});
