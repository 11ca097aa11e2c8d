import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Permission } from "../../shared/permissions.js";
import { registry } from "../../server/openapi/registry.js";
import { BACKENDS } from "../helpers/backends.js";
import { Client, userWithRole } from "../helpers/client.js";
import type { TestApp } from "../helpers/app.js";
import { insertNotice } from "../helpers/sentNotices.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { drainAll } from "../helpers/outbox.js";

/**
 * Portal isolation: a controller user never sees another organisation's data, nor any incident
 * not notified to its own organisation. Controller B attacks every registered endpoint with
 * organisation A's ids; every response (any status) is searched for A's ids and for marker
 * strings planted in A's notices, questions, answers and decisions.
 *
 * Endpoints a controller cannot reach by permission must answer exactly 403 (path parameters
 * are filled from A's fixture by name). Endpoints it can reach (notice.read, portal.use, any
 * signed-in user, public) need a hand-written case in REACHABLE saying what each call must
 * return: the test fails for a reachable endpoint without one, so a new endpoint cannot slip by.
 */

type Expect = "notFound" | "rejected" | "own";
interface Call {
  path: string;
  body?: unknown;
  expect: Expect;
  /** Extra checks on a 2xx answer (that it holds B's own data, e.g.). */
  check?: (body: any) => void;
  /** Use a client without a session (public endpoints, sign-in). */
  anonymous?: boolean;
}

interface Fixture {
  orgA: { id: string; name: string };
  orgB: { id: string; name: string };
  /** Notified to A only, to A and B, to nobody (drafts, approved and never-queued notices only). */
  aOnly: { id: string; reference: string };
  both: { id: string; reference: string };
  nobody: { id: string; reference: string };
  aNoticeBoth: string;
  aNoticeOnly: string;
  aDraftBoth: string;
  bNoticeBoth: string;
  /** The acknowledgement token in the mail B received for it. */
  bToken: string;
  aQuestion: string;
  aActionId: string;
  aObligation: string;
  aOutbox: string;
  ctlA: { id: string; email: string };
  ctlB: { email: string; password: string };
  /** Things controller B must never see. */
  forbidden: string[];
  /** A string planted in B's own notified notice. */
  bMarker: string;
}

const ownNotices = (fx: Fixture) => (body: any) => {
  for (const n of body.items) expect(n.organizationId ?? n.organization?.id, JSON.stringify(n).slice(0, 200)).toBe(fx.orgB.id);
};

/** How controller B calls each endpoint it holds the permission for, and what it must get. */
const REACHABLE: Record<string, (fx: Fixture) => Call[]> = {
  "get /api/auth/me": (fx) => [{ path: "/api/auth/me", expect: "own", check: (b) => expect(b.user.organizationId).toBe(fx.orgB.id) }],
  "post /api/auth/login": (fx) => [
    { path: "/api/auth/login", anonymous: true, body: { email: fx.ctlB.email, password: fx.ctlB.password }, expect: "own", check: (b) => expect(b.user.organizationId).toBe(fx.orgB.id) },
    { path: "/api/auth/login", anonymous: true, body: { email: fx.ctlA.email, password: "wrong-Passw0rd!" }, expect: "rejected" },
  ],
  "post /api/auth/logout": () => [{ path: "/api/auth/logout", expect: "own" }],
  "get /api/setup": () => [{ path: "/api/setup", expect: "own", check: (b) => expect(Object.keys(b)).toEqual(["needed"]) }],
  // An invitation link that was never issued: refused without naming anyone.
  "post /api/invitations/lookup": () => [{ path: "/api/invitations/lookup", anonymous: true, body: { token: "x".repeat(43) }, expect: "rejected" }],
  "post /api/invitations/accept": () => [
    { path: "/api/invitations/accept", anonymous: true, body: { token: "x".repeat(43), password: "Pelican-Orbit-Tundra-9" }, expect: "rejected" },
  ],
  "post /api/auth/password": () => [
    { path: "/api/auth/password", body: { currentPassword: "not-the-current-one", newPassword: "Pelican-Orbit-Tundra-9" }, expect: "rejected" },
  ],
  "put /api/auth/me/language": () => [
    { path: "/api/auth/me/language", body: { language: "nb" }, expect: "own", check: (b) => expect(b.language).toBe("nb") },
  ],
  "put /api/auth/me/time-zone": () => [
    { path: "/api/auth/me/time-zone", body: { timeZone: "Europe/Oslo" }, expect: "own", check: (b) => expect(b.timeZone).toBe("Europe/Oslo") },
  ],
  // Single sign-on (none configured here): no provider list, the start and the return refuse.
  "get /api/auth/sign-in-options": () => [
    { path: "/api/auth/sign-in-options?email=dpo-a@customer.example.test", anonymous: true, expect: "own", check: (b) => expect(b.providers).toEqual([]) },
  ],
  "get /auth/oidc/login": () => [{ path: "/auth/oidc/login", anonymous: true, expect: "rejected" }],
  "get /auth/oidc/callback": () => [{ path: "/auth/oidc/callback?code=forged&state=forged", anonymous: true, expect: "rejected" }],
  "post /api/alerts/alertmanager": () => [{ path: "/api/alerts/alertmanager", anonymous: true, body: {}, expect: "rejected" }, { path: "/api/alerts/alertmanager", body: {}, expect: "rejected" }],
  "post /api/alerts/webhook": () => [{ path: "/api/alerts/webhook", anonymous: true, body: {}, expect: "rejected" }, { path: "/api/alerts/webhook", body: {}, expect: "rejected" }],
  "post /api/alerts/cloudevents": () => [{ path: "/api/alerts/cloudevents", anonymous: true, body: {}, expect: "rejected" }, { path: "/api/alerts/cloudevents", body: {}, expect: "rejected" }],
  // SCIM answers its own bearer token only: a controller's session (or none) is refused on every SCIM path.
  "get /scim/v2/Users": () => [{ path: `/scim/v2/Users`, anonymous: true, expect: "rejected" }, { path: `/scim/v2/Users`, expect: "rejected" }],
  "get /scim/v2/Users/{id}": (fx) => [{ path: `/scim/v2/Users/${fx.ctlA.id}`, anonymous: true, expect: "rejected" }, { path: `/scim/v2/Users/${fx.ctlA.id}`, expect: "rejected" }],
  "post /scim/v2/Users": () => [{ path: `/scim/v2/Users`, anonymous: true, body: {}, expect: "rejected" }, { path: `/scim/v2/Users`, body: {}, expect: "rejected" }],
  "put /scim/v2/Users/{id}": (fx) => [{ path: `/scim/v2/Users/${fx.ctlA.id}`, anonymous: true, body: {}, expect: "rejected" }, { path: `/scim/v2/Users/${fx.ctlA.id}`, body: {}, expect: "rejected" }],
  "patch /scim/v2/Users/{id}": (fx) => [{ path: `/scim/v2/Users/${fx.ctlA.id}`, anonymous: true, body: {}, expect: "rejected" }, { path: `/scim/v2/Users/${fx.ctlA.id}`, body: {}, expect: "rejected" }],
  "delete /scim/v2/Users/{id}": (fx) => [{ path: `/scim/v2/Users/${fx.ctlA.id}`, anonymous: true, expect: "rejected" }, { path: `/scim/v2/Users/${fx.ctlA.id}`, expect: "rejected" }],
  "get /scim/v2/Groups": () => [{ path: `/scim/v2/Groups`, anonymous: true, expect: "rejected" }, { path: `/scim/v2/Groups`, expect: "rejected" }],
  "get /scim/v2/Groups/{id}": (fx) => [{ path: `/scim/v2/Groups/${fx.ctlA.id}`, anonymous: true, expect: "rejected" }, { path: `/scim/v2/Groups/${fx.ctlA.id}`, expect: "rejected" }],
  "post /scim/v2/Groups": () => [{ path: `/scim/v2/Groups`, anonymous: true, body: {}, expect: "rejected" }, { path: `/scim/v2/Groups`, body: {}, expect: "rejected" }],
  "put /scim/v2/Groups/{id}": (fx) => [{ path: `/scim/v2/Groups/${fx.ctlA.id}`, anonymous: true, body: {}, expect: "rejected" }, { path: `/scim/v2/Groups/${fx.ctlA.id}`, body: {}, expect: "rejected" }],
  "patch /scim/v2/Groups/{id}": (fx) => [{ path: `/scim/v2/Groups/${fx.ctlA.id}`, anonymous: true, body: {}, expect: "rejected" }, { path: `/scim/v2/Groups/${fx.ctlA.id}`, body: {}, expect: "rejected" }],
  "delete /scim/v2/Groups/{id}": (fx) => [{ path: `/scim/v2/Groups/${fx.ctlA.id}`, anonymous: true, expect: "rejected" }, { path: `/scim/v2/Groups/${fx.ctlA.id}`, expect: "rejected" }],
  // SCIM discovery is public (RFC 7644 §4) and names nothing of anyone's.
  "get /scim/v2/ServiceProviderConfig": () => [{ path: "/scim/v2/ServiceProviderConfig", anonymous: true, expect: "own" }],
  // SCIM discovery is public (RFC 7644 §4) and names nothing of anyone's.
  "get /scim/v2/Schemas": () => [{ path: "/scim/v2/Schemas", anonymous: true, expect: "own" }],
  // SCIM discovery is public (RFC 7644 §4) and names nothing of anyone's.
  "get /scim/v2/ResourceTypes": () => [{ path: "/scim/v2/ResourceTypes", anonymous: true, expect: "own" }],

  // Sessions and second factors are the caller's own: nothing of A's is named or reachable.
  "get /api/sessions": () => [
    { path: "/api/sessions", expect: "own", check: (b) => expect(b.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1) },
  ],
  "delete /api/sessions/{sessionId}": () => [{ path: "/api/sessions/AAAAAAAAAAAAAAAAAAAAAA", expect: "notFound" }],
  "post /api/sessions/end-others": () => [{ path: "/api/sessions/end-others", expect: "own" }],
  "get /api/auth/mfa": () => [{ path: "/api/auth/mfa", expect: "own" }],
  "post /api/auth/mfa/totp/setup": () => [{ path: "/api/auth/mfa/totp/setup", expect: "own", check: (b) => expect(JSON.stringify(b)).toMatch(/otpauth:/) }],
  "post /api/auth/mfa/totp/confirm": () => [{ path: "/api/auth/mfa/totp/confirm", body: { code: "000000" }, expect: "rejected" }],
  // Removing a TOTP factor one never had is a no-op on one's own account.
  "delete /api/auth/mfa/totp": () => [{ path: "/api/auth/mfa/totp", expect: "own" }],
  "post /api/auth/mfa/recovery-codes": () => [{ path: "/api/auth/mfa/recovery-codes", expect: "rejected" }],
  "post /api/auth/mfa/passkeys/options": () => [{ path: "/api/auth/mfa/passkeys/options", expect: "own" }],
  "post /api/auth/mfa/passkeys": () => [{ path: "/api/auth/mfa/passkeys", body: {}, expect: "rejected" }],
  "patch /api/auth/mfa/passkeys/{id}": (fx) => [{ path: `/api/auth/mfa/passkeys/${fx.aOnly.id}`, body: { name: "probe" }, expect: "notFound" }],
  "delete /api/auth/mfa/passkeys/{id}": (fx) => [{ path: `/api/auth/mfa/passkeys/${fx.aOnly.id}`, expect: "notFound" }],
  "post /api/auth/mfa/verify/options": () => [{ path: "/api/auth/mfa/verify/options", expect: "own" }],
  "post /api/auth/mfa/verify": () => [{ path: "/api/auth/mfa/verify", body: { code: "000000" }, expect: "rejected" }],
  "post /api/auth/login/mfa/options": () => [{ path: "/api/auth/login/mfa/options", anonymous: true, body: { pendingToken: "forged" }, expect: "rejected" }],
  "post /api/auth/login/mfa": () => [{ path: "/api/auth/login/mfa", anonymous: true, body: { pendingToken: "forged", code: "000000" }, expect: "rejected" }],
  "post /api/auth/passkey/options": () => [{ path: "/api/auth/passkey/options", anonymous: true, expect: "own" }],
  "post /api/auth/passkey/login": () => [{ path: "/api/auth/passkey/login", anonymous: true, body: {}, expect: "rejected" }],

  "get /api/portal/incidents": (fx) => [
    { path: "/api/portal/incidents", expect: "own", check: (b) => expect(b.items.map((i: { id: string }) => i.id)).toEqual([fx.both.id]) },
  ],
  "get /api/portal/incidents/{id}": (fx) => [
    { path: `/api/portal/incidents/${fx.aOnly.id}`, expect: "notFound" },
    { path: `/api/portal/incidents/${fx.nobody.id}`, expect: "notFound" },
    { path: `/api/portal/incidents/${fx.both.id}`, expect: "own", check: (b) => expect(JSON.stringify(b)).toContain(fx.bMarker) },
  ],
  "post /api/portal/incidents/{id}/questions": (fx) => [
    { path: `/api/portal/incidents/${fx.aOnly.id}/questions`, body: { body: "Probe question from B" }, expect: "notFound" },
    { path: `/api/portal/incidents/${fx.nobody.id}/questions`, body: { body: "Probe question from B" }, expect: "notFound" },
    { path: `/api/portal/incidents/${fx.both.id}/questions`, body: { body: "Probe question from B", noticeId: fx.aNoticeBoth }, expect: "rejected" },
    { path: `/api/portal/incidents/${fx.both.id}/questions`, body: { body: "B asks on its own notice", noticeId: fx.bNoticeBoth }, expect: "own" },
  ],
  "post /api/portal/incidents/{id}/decision": (fx) => [
    { path: `/api/portal/incidents/${fx.aOnly.id}/decision`, body: { reportedToAuthority: false }, expect: "notFound" },
    { path: `/api/portal/incidents/${fx.nobody.id}/decision`, body: { reportedToAuthority: false }, expect: "notFound" },
    { path: `/api/portal/incidents/${fx.both.id}/decision`, body: { reportedToAuthority: true, authority: "Datatilsynet" }, expect: "own" },
  ],

  "get /api/notices": (fx) => [
    { path: "/api/notices", expect: "own", check: (b) => { ownNotices(fx)(b); expect(b.items.map((n: { id: string }) => n.id)).toContain(fx.bNoticeBoth); } },
    ...[`incidentId=${fx.both.id}`, `incidentId=${fx.aOnly.id}`, `incidentId=${fx.nobody.id}`, `organizationId=${fx.orgA.id}`, "status=draft", "status=approved", "unacknowledged=true"].map(
      (q) => ({ path: `/api/notices?${q}`, expect: "own" as const, check: ownNotices(fx) }),
    ),
    // Paging: a page of one, and a cursor made up from A's notice, still list only B's own.
    { path: "/api/notices?limit=1", expect: "own", check: (b) => { ownNotices(fx)(b); expect(b.items).toHaveLength(1); } },
    {
      path: `/api/notices?cursor=${Buffer.from(JSON.stringify([new Date(Date.now() + 86_400_000).toISOString(), fx.aNoticeBoth])).toString("base64url")}`,
      expect: "own", check: (b) => { ownNotices(fx)(b); expect(b.items.map((n: { id: string }) => n.id)).toContain(fx.bNoticeBoth); },
    },
  ],
  "get /api/notices/{id}": (fx) => [
    ...[fx.aNoticeBoth, fx.aNoticeOnly, fx.aDraftBoth].map((id) => ({ path: `/api/notices/${id}`, expect: "notFound" as const })),
    { path: `/api/notices/${fx.bNoticeBoth}`, expect: "own", check: (b) => expect([b.organizationId, b.body.includes(fx.bMarker)]).toEqual([fx.orgB.id, true]) },
  ],
  "get /api/notices/{id}.pdf": (fx) => [
    ...[fx.aNoticeBoth, fx.aNoticeOnly, fx.aDraftBoth].map((id) => ({ path: `/api/notices/${id}.pdf`, expect: "notFound" as const })),
    { path: `/api/notices/${fx.bNoticeBoth}.pdf`, expect: "own", check: (b) => expect(String(b).startsWith("%PDF")).toBe(true) },
  ],
  "post /api/notices/{id}/acknowledge": (fx) => [
    ...[fx.aNoticeBoth, fx.aNoticeOnly, fx.aDraftBoth].map((id) => ({ path: `/api/notices/${id}/acknowledge`, body: {}, expect: "notFound" as const })),
    { path: `/api/notices/${fx.bNoticeBoth}/acknowledge`, body: {}, expect: "own", check: (b) => expect(b.status).toBe("acknowledged") },
  ],
  // The signed link is the capability; a forged one shows nothing.
  // The public status page and its feed: the public update of A's incident shows, nothing that names A (leak check), no private one.
  "get /api/status": () => [
    { path: "/api/status?lang=en", anonymous: true, expect: "own", check: (b) => expect(b.current[0].updates.map((u: { text: string }) => u.text)).toEqual(["We are looking into it."]) },
    { path: "/api/status?lang=sv", expect: "own", check: (b) => expect(b.current).toHaveLength(1) },
  ],
  "get /api/status/feed.atom": () => [{ path: "/api/status/feed.atom", anonymous: true, expect: "own", check: (b) => expect(String(b)).toContain("We are looking into it.") }],
  "post /api/status/subscriptions": (fx) => [
    { path: "/api/status/subscriptions", anonymous: true, body: { email: fx.ctlA.email, language: "sv" }, expect: "own", check: (b) => expect(b).toEqual({ accepted: true }) },
  ],
  "post /api/status/subscriptions/confirm": () => [{ path: "/api/status/subscriptions/confirm", anonymous: true, body: { token: "sc_".padEnd(46, "x") }, expect: "notFound" }],
  "post /api/status/unsubscribe/{token}": (fx) => [{ path: `/api/status/unsubscribe/${fx.aOnly.id}.${"A".repeat(43)}`, anonymous: true, expect: "notFound" }],
  "get /api/ack/{token}": (fx) => [
    { path: `/api/ack/${fx.aNoticeBoth}.forged`, anonymous: true, expect: "rejected" },
    { path: `/api/ack/${fx.bToken}`, anonymous: true, expect: "own", check: (b) => expect(b.body).toContain(fx.bMarker) },
  ],
  "post /api/ack/{token}": (fx) => [
    { path: `/api/ack/${fx.aNoticeBoth}.forged`, anonymous: true, body: { name: "B probing" }, expect: "rejected" },
    { path: `/api/ack/${fx.bToken}`, anonymous: true, body: { name: "B's DPO" }, expect: "own", check: (b) => expect(b.noticeId).toBe(fx.bNoticeBoth) },
  ],
};

/** Path parameters of endpoints B may not reach at all, filled from A's fixture. */
function fill(path: string, fx: Fixture): string | null {
  let unknown = false;
  const out = path.replace(/\{(\w+)\}/g, (_m, name: string, offset: number) => {
    const prefix = path.slice(0, offset);
    if (name === "organizationId") return fx.orgA.id;
    if (name === "actionId") return fx.aActionId;
    if (name === "userId") return fx.ctlA.id;
    if (name === "token") return `${fx.aNoticeBoth}.forged`;
    if (name === "evidenceId" || name === "noteId" || name === "incidentId") return fx.aOnly.id;
    if (name === "severity") return "high";
    if (name !== "id") return ((unknown = true), "");
    const byPrefix: [string, string][] = [
      ["/api/incidents/", fx.aOnly.id], ["/api/notices/", fx.aNoticeOnly], ["/api/questions/", fx.aQuestion],
      ["/api/organizations/", fx.orgA.id], ["/api/users/", fx.ctlA.id], ["/api/obligations/", fx.aObligation],
      ["/api/outbox/", fx.aOutbox], ["/api/authority-reports/", fx.aOnly.id], ["/api/subject-notices/", fx.aOnly.id],
      ["/api/follow-ups/", fx.aOnly.id], ["/api/systems/", fx.orgA.id], ["/api/tokens/", fx.ctlA.id],
      ["/api/breach-register/", fx.aOnly.id], ["/api/playbooks/", fx.aOnly.id], ["/api/breach-bundles/", fx.aOnly.id],
      ["/api/alert-sources/", fx.aOnly.id], ["/api/alerts/", fx.aOnly.id], ["/api/webhooks/", fx.aOnly.id], ["/api/probes/", fx.aOnly.id],
      ["/api/routing-rules/", fx.aOnly.id], ["/api/status/services/", fx.aOnly.id],
    ];
    const hit = byPrefix.find(([p]) => prefix === p);
    if (!hit) unknown = true;
    return hit?.[1] ?? "";
  });
  return unknown ? null : out;
}

/** The permission a registered route requires, read back from its OpenAPI description. */
function permissionOf(description: string | undefined): Permission | "signedIn" | "public" {
  if (description?.startsWith("Public")) return "public";
  if (description?.startsWith("Any signed-in user")) return "signedIn";
  const m = /permission `([\w.]+)`/.exec(description ?? "");
  if (!m) throw new Error(`cannot tell the permission from: ${description}`);
  return m[1] as Permission;
}

/** Every registered endpoint once (each app started in this process registers its routes again). */
const routes = () => {
  const all = registry.definitions.flatMap((d) => (d.type === "route" ? [{ key: `${d.route.method} ${d.route.path}`, method: d.route.method.toUpperCase(), path: d.route.path, permission: permissionOf(d.route.description) }] : []));
  return [...new Map(all.map((r) => [r.key, r])).values()];
};

describe.each(BACKENDS)("portal isolation over every endpoint on $name", (backend) => {
  let app: TestApp;
  let smtp: TestSmtp;
  let admin: Client;
  let privacy: Client;
  let ctlA: Client;
  let ctlB: Client;
  let fx: Fixture;
  const MARK = `ZQXA${randomUUID().slice(0, 8)}`;
  const HIDDEN_B = `ZQXB-unsent-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await backend.start({ SMTP_URL: smtp.url });
    const prisma = app.running.ctx.prisma;
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    const privacy2 = (await userWithRole(admin, "privacy")).client;
    const contacts = (who: string) => [{ name: `DPO ${who}`, email: `dpo-${who.toLowerCase()}@customer.example.test`, role: "DPO" }];
    const orgA = (await admin.post("/api/organizations", { name: `Alder ${MARK} School (test)`, country: "SE", language: "sv", contacts: contacts("A") })).body;
    const orgB = (await admin.post("/api/organizations", { name: "Birch School (test)", country: "NO", language: "nb", contacts: contacts("B") })).body;
    const a = await userWithRole(admin, "controller", { organizationId: orgA.id });
    ctlA = a.client;
    const bEmail = `ctl-b-${randomUUID().slice(0, 6)}@example.test`;
    const bPassword = "Str0ng-Passw0rd!";
    expect((await admin.post("/api/users", { email: bEmail, name: "Controller B", role: "controller", organizationId: orgB.id, password: bPassword })).status).toBe(201);
    ctlB = await Client.login(app.baseUrl, bEmail, bPassword);

    const incident = async (title: string, orgs: string[]) => {
      const inc = (await privacy.post("/api/incidents", { title, description: `Internal detail ${title}` })).body;
      await privacy.patch(`/api/incidents/${inc.id}`, { version: 1, personalData: "yes" });
      expect((await privacy.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: orgs })).status).toBe(200);
      const assessed = await privacy.put(`/api/incidents/${inc.id}/breach`, {
        awareAt: new Date(Date.now() - 3600_000).toISOString(), types: ["confidentiality"], dataCategories: ["contact"], subjectCategories: ["pupils"],
        approxSubjects: 40, approxRecords: 40, easeOfIdentification: "maximum", circumstances: { confidentiality: "unknown_recipients" },
      });
      expect(assessed.status).toBe(200);
      return inc as { id: string; reference: string };
    };
    const aOnly = await incident(`A only ${MARK}`, [orgA.id]);
    const both = await incident("A and B", [orgA.id, orgB.id]);
    const nobody = await incident(`Nobody yet ${MARK}`, [orgA.id, orgB.id]);
    const aActionId = (await privacy.post(`/api/incidents/${aOnly.id}/actions`, { title: `Action ${MARK}` })).body.actions[0].id;

    // Notices through the notices API: drafted, marked, approved by a second person, sent, delivered by SMTP.
    type Drafted = { id: string; organizationId: string; version: number; subject: string; body: string };
    const draft = async (incidentId: string, phase: string, orgs: { id: string; text: string; approve?: boolean }[]) => {
      const r = await privacy.post(`/api/incidents/${incidentId}/notices`, { phase, organizationIds: orgs.map((o) => o.id) });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const ids: Record<string, string> = {};
      for (const n of r.body.drafted as Drafted[]) {
        const o = orgs.find((x) => x.id === n.organizationId)!;
        const edit = await privacy.patch(`/api/notices/${n.id}`, { version: n.version, subject: `${n.subject} ${o.text}`, body: `${n.body}\n\n${o.text}` });
        expect(edit.status, JSON.stringify(edit.body)).toBe(200);
        if (o.approve) expect((await privacy2.post(`/api/notices/${n.id}/approve`)).status).toBe(200);
        ids[n.organizationId] = n.id;
      }
      return ids;
    };
    const send = async (incidentId: string) => {
      const r = await privacy.post(`/api/incidents/${incidentId}/notices/send`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      await drainAll(app.running.ctx);
    };
    const bMarker = `B-own-${randomUUID().slice(0, 8)}`;
    const aAckOnly = (await draft(aOnly.id, "initial", [{ id: orgA.id, text: MARK, approve: true }]))[orgA.id];
    await send(aOnly.id);
    expect((await ctlA.post(`/api/notices/${aAckOnly}/acknowledge`)).status).toBe(200);
    const aNoticeOnly = (await draft(aOnly.id, "update", [{ id: orgA.id, text: MARK, approve: true }]))[orgA.id];
    await send(aOnly.id);
    const initialBoth = await draft(both.id, "initial", [{ id: orgA.id, text: MARK, approve: true }, { id: orgB.id, text: bMarker, approve: true }]);
    await send(both.id);
    const [aNoticeBoth, bNoticeBoth] = [initialBoth[orgA.id], initialBoth[orgB.id]];
    const updateBoth = await draft(both.id, "update", [{ id: orgA.id, text: MARK }, { id: orgB.id, text: HIDDEN_B, approve: true }]);
    const aDraftBoth = updateBoth[orgA.id];
    const nobodyDrafts = await draft(nobody.id, "initial", [{ id: orgA.id, text: MARK }, { id: orgB.id, text: HIDDEN_B, approve: true }]);
    // Handed to the outbox but not delivered, or given up on: B has not been told yet either.
    const stuck = (status: "queued" | "failed") => insertNotice(prisma, { incidentId: nobody.id, organizationId: orgB.id, status, subject: `Subject ${HIDDEN_B}`, body: `Body ${HIDDEN_B}` });
    const bMail = smtp.received.find((m) => m.rcptTo.includes("dpo-b@customer.example.test") && m.mail.text?.includes(bMarker));
    const bToken = /\/ack\/([^\s"<>]+)/.exec(bMail?.mail.text ?? "")?.[1] ?? "";
    expect(bToken).not.toBe("");
    const hiddenB = [updateBoth[orgB.id], nobodyDrafts[orgB.id], nobodyDrafts[orgA.id], (await stuck("queued")).id, (await stuck("failed")).id];
    const statuses = await prisma.notice.findMany({ where: { id: { in: [aAckOnly, aNoticeOnly, aNoticeBoth, bNoticeBoth] } } });
    expect(Object.fromEntries(statuses.map((n) => [n.id, n.status]))).toEqual({ [aAckOnly]: "acknowledged", [aNoticeOnly]: "sent", [aNoticeBoth]: "sent", [bNoticeBoth]: "sent" });

    // A's questions, answer and decisions, through the portal and the privacy team's API.
    const ask = (incidentId: string, noticeId: string) => ctlA.post(`/api/portal/incidents/${incidentId}/questions`, { body: `Question ${MARK}`, noticeId });
    const aQuestion = (await ask(both.id, aNoticeBoth)).body.id;
    const aQuestionOnly = (await ask(aOnly.id, aNoticeOnly)).body.id;
    expect((await privacy.post(`/api/questions/${aQuestion}/answer`, { answer: `Answer ${MARK}` })).status).toBe(200);
    const decisions = [
      (await ctlA.post(`/api/portal/incidents/${both.id}/decision`, { reportedToAuthority: true, authority: "IMY", caseReference: `IMY-${MARK}`, note: `Note ${MARK}` })).body.id,
      (await ctlA.post(`/api/portal/incidents/${aOnly.id}/decision`, { reportedToAuthority: false, note: `Note ${MARK}` })).body.id,
      (await privacy.post(`/api/incidents/${nobody.id}/organizations/${orgA.id}/decision`, { reportedToAuthority: false, note: `Note ${MARK}` })).body.id,
    ];
    await ctlB.post(`/api/portal/incidents/${both.id}/questions`, { body: `B's own question ${bMarker}` });
    const aObligation = (await prisma.obligation.findFirstOrThrow({ where: { incidentId: aOnly.id, organizationId: orgA.id } })).id;
    const aOutbox = (await prisma.outboxMessage.findFirstOrThrow({ where: { incidentId: aOnly.id } })).id;
    // Status updates on A's incident: a public one (its page must still name nothing of A's) and one for A's eyes only.
    const status = (body: Record<string, unknown>) => privacy.post(`/api/incidents/${aOnly.id}/status-updates`, {
      title: { en: "Sign-in disrupted" }, state: "investigating", organizationIds: [orgA.id], ...body,
    });
    expect((await status({ text: { en: "We are looking into it." } })).status).toBe(201);
    expect((await status({ text: { en: `Only for A ${MARK}` }, public: false })).status).toBe(201);

    fx = {
      orgA, orgB, aOnly, both, nobody, aNoticeBoth, aNoticeOnly, aDraftBoth, bNoticeBoth, bToken, aQuestion, aActionId, aObligation, aOutbox,
      ctlA: { id: a.user.id, email: a.user.email }, ctlB: { email: bEmail, password: bPassword }, bMarker,
      forbidden: [
        MARK, HIDDEN_B, orgA.id, aOnly.id, aOnly.reference, nobody.id, nobody.reference, a.user.id, a.user.email,
        aNoticeOnly, aAckOnly, aNoticeBoth, aDraftBoth, aQuestion, aQuestionOnly, ...decisions, ...hiddenB, aObligation, aOutbox, aActionId,
      ],
    };
    expect(fx.forbidden.every(Boolean)).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const leaks = (text: string) => fx.forbidden.filter((f) => text.includes(f));

  it("plants A's markers where A (and the privacy team) can see them, so a leak would show", async () => {
    const own = await ctlA.get(`/api/portal/incidents/${fx.both.id}`);
    expect(own.status).toBe(200);
    const text = JSON.stringify(own.body);
    for (const f of [MARK, fx.aNoticeBoth, fx.aQuestion, fx.orgA.id]) expect(text).toContain(f);
    expect((await ctlA.get(`/api/portal/incidents/${fx.aOnly.id}`)).status).toBe(200);
    expect(JSON.stringify((await privacy.get(`/api/incidents/${fx.both.id}/questions`)).body)).toContain(MARK);
  });

  it("has a case for every endpoint a controller can reach, and a fixture for every other endpoint's parameters", () => {
    const missing: string[] = [];
    for (const r of routes()) {
      const reachable = r.permission === "public" || r.permission === "signedIn" || can("controller", r.permission);
      if (reachable && !REACHABLE[r.key]) missing.push(`${r.key} (${r.permission}): add a case to REACHABLE`);
      if (!reachable && fill(r.path, fx) === null) missing.push(`${r.key}: add its path parameter to fill()`);
    }
    expect(missing).toEqual([]);
  });

  it("controller B gets 403 or 404 for A's data on every endpoint, and only its own data in any 2xx", async () => {
    const failures: string[] = [];
    let calls = 0;
    // Routes outside the OpenAPI registry (before signing out).
    for (const path of ["/api/openapi.json", "/metrics", "/healthz", "/readyz", `/ack/${fx.aNoticeBoth}.forged`, `/api/nonexistent/${fx.aOnly.id}`]) {
      const res = await new Client(app.baseUrl).request("GET", path);
      const withSession = await fetch(app.baseUrl + path, { headers: { cookie: ctlB.cookie } });
      for (const [who, text, status] of [["anonymous", JSON.stringify(res.body), res.status], ["B", await withSession.text(), withSession.status]] as const) {
        const leaked = leaks(String(text));
        if (leaked.length) failures.push(`${who} GET ${path} -> ${status}: leaks ${leaked.join(", ")}`);
      }
    }
    const all = routes();
    // Signing out last: it ends the session every other call uses.
    all.sort((x, y) => Number(x.key === "post /api/auth/logout") - Number(y.key === "post /api/auth/logout"));
    for (const r of all) {
      const reachable = r.permission === "public" || r.permission === "signedIn" || can("controller", r.permission);
      const cases: Call[] = reachable ? (REACHABLE[r.key]?.(fx) ?? []) : [{ path: fill(r.path, fx) ?? r.path, body: r.method === "GET" ? undefined : {}, expect: "rejected" }];
      for (const c of cases) {
        const client = c.anonymous ? new Client(app.baseUrl) : ctlB;
        const res = await client.request(r.method, c.path, c.body ?? (r.method === "GET" || r.method === "DELETE" ? undefined : {}));
        calls++;
        const label = `${r.method} ${c.path} -> ${res.status}`;
        const text = typeof res.body === "string" ? res.body : JSON.stringify(res.body);
        const leaked = leaks(text);
        if (leaked.length) failures.push(`${label}: leaks ${leaked.join(", ")}`);
        if (res.status >= 500) failures.push(`${label}: server error`);
        if (!reachable && res.status !== 403) failures.push(`${label}: expected 403 (controller lacks ${r.permission})`);
        else if (c.expect === "notFound" && res.status !== 404) failures.push(`${label}: expected 404`);
        else if (c.expect === "rejected" && !(res.status >= 400 && res.status < 500)) failures.push(`${label}: expected a refusal`);
        else if (c.expect === "own") {
          if (res.status < 200 || res.status >= 300) failures.push(`${label}: expected 2xx with B's own data`);
          else if (c.check) {
            try {
              c.check(res.body);
            } catch (e) {
              failures.push(`${label}: ${(e as Error).message.split("\n")[0]}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(60);
  }, 300_000);

  it("left A's data as it was: nothing acknowledged, asked or decided for A by B", async () => {
    const prisma = app.running.ctx.prisma;
    const aNotices = await prisma.notice.findMany({ where: { organizationId: fx.orgA.id, id: { in: [fx.aNoticeBoth, fx.aNoticeOnly] } } });
    expect(aNotices.map((n) => [n.status, n.acknowledgedAt])).toEqual([["sent", null], ["sent", null]]);
    const bUser = await prisma.user.findUniqueOrThrow({ where: { email: fx.ctlB.email } });
    expect(await prisma.noticeQuestion.count({ where: { askedById: bUser.id, OR: [{ organizationId: fx.orgA.id }, { incidentId: { in: [fx.aOnly.id, fx.nobody.id] } }] } })).toBe(0);
    expect(await prisma.controllerDecision.count({ where: { decidedById: bUser.id, OR: [{ organizationId: fx.orgA.id }, { incidentId: { in: [fx.aOnly.id, fx.nobody.id] } }] } })).toBe(0);
    // B's own writes on the incident notified to it did land (the sweep made real calls).
    expect(await prisma.noticeQuestion.count({ where: { askedById: bUser.id, incidentId: fx.both.id, noticeId: fx.bNoticeBoth } })).toBe(1);
    expect(await prisma.controllerDecision.count({ where: { decidedById: bUser.id, incidentId: fx.both.id, organizationId: fx.orgB.id } })).toBe(1);
  });
});
