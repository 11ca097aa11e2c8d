import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Permission } from "../../shared/permissions.js";
import { ROLES, type Role } from "../../shared/roles.js";
import { registry } from "../../server/openapi/registry.js";
import { pgliteBackend } from "../helpers/backends.js";
import { Client, userWithRole } from "../helpers/client.js";
import type { TestApp } from "../helpers/app.js";

interface Row {
  method: string;
  path: string;
  /** The OpenAPI path this row covers. */
  covers: string;
  body?: unknown;
  permission: Permission | "signedIn";
}

/**
 * Every endpoint against every role: allowed roles never get 403, the others always do, and
 * an anonymous caller gets 401. The test fails when an endpoint has no row here.
 */
describe("permission matrix over every endpoint", () => {
  let app: TestApp;
  const clients = {} as Record<Role, Client>;
  let rows: Row[];

  beforeAll(async () => {
    app = await pgliteBackend.start();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    // A customer: the vendor's own organisation has no controller users.
    const customer = (await admin.post("/api/organizations", { name: "Matrix customer (test)", country: "SE", language: "sv" })).body.id;
    for (const role of ROLES) {
      clients[role] = role === "admin" ? admin : (await userWithRole(admin, role, role === "controller" ? { organizationId: customer } : {})).client;
    }
    const inc = (await admin.post("/api/incidents", { title: "Matrix target" })).body;
    const withAction = await admin.post(`/api/incidents/${inc.id}/actions`, { title: "matrix action" });
    const actionId = withAction.body.actions[0].id;
    const someUser = (await admin.get("/api/users")).body.items[0].id;
    const token = (await admin.post("/api/tokens", { name: "matrix" })).body.id;
    const I = `/api/incidents/${inc.id}`;
    const ORG = (await admin.get("/api/organizations")).body.items[0].id;
    rows = [
      { method: "GET", path: "/api/auth/me", covers: "get /api/auth/me", permission: "signedIn" },
      // A wrong current password: each role reaches the check (400), nothing changes.
      { method: "POST", path: "/api/auth/password", covers: "post /api/auth/password", permission: "signedIn", body: { currentPassword: "not-the-current-one", newPassword: "Pelican-Orbit-Tundra-9" } },
      { method: "PUT", path: "/api/auth/me/language", covers: "put /api/auth/me/language", permission: "signedIn", body: { language: null } },
      { method: "GET", path: "/api/incidents", covers: "get /api/incidents", permission: "incident.read" },
      { method: "POST", path: "/api/incidents", covers: "post /api/incidents", body: { title: "matrix create" }, permission: "incident.create" },
      { method: "GET", path: I, covers: "get /api/incidents/{id}", permission: "incident.read" },
      { method: "PATCH", path: I, covers: "patch /api/incidents/{id}", body: { version: 999, severity: "low" }, permission: "incident.update" },
      { method: "POST", path: `${I}/actions`, covers: "post /api/incidents/{id}/actions", body: { title: "x" }, permission: "action.manage" },
      { method: "PATCH", path: `${I}/actions/${actionId}`, covers: "patch /api/incidents/{id}/actions/{actionId}", body: { note: "n" }, permission: "action.manage" },
      { method: "POST", path: `${I}/communications`, covers: "post /api/incidents/{id}/communications", body: { decision: "none", reason: "matrix" }, permission: "communication.record" },
      { method: "POST", path: `${I}/review`, covers: "post /api/incidents/{id}/review", body: { dueAt: "2030-01-01T00:00:00Z", ownerId: someUser }, permission: "review.schedule" },
      { method: "POST", path: `${I}/transitions`, covers: "post /api/incidents/{id}/transitions", body: { to: "triaged" }, permission: "incident.transition" },
      { method: "GET", path: "/api/taxonomy", covers: "get /api/taxonomy", permission: "taxonomy.read" },
      { method: "GET", path: "/api/audit", covers: "get /api/audit", permission: "audit.read" },
      { method: "GET", path: "/api/audit/verify", covers: "get /api/audit/verify", permission: "audit.read" },
      { method: "GET", path: "/api/users", covers: "get /api/users", permission: "user.list" },
      { method: "POST", path: "/api/users", covers: "post /api/users", body: { email: "bad" }, permission: "user.manage" },
      { method: "PATCH", path: `/api/users/${someUser}`, covers: "patch /api/users/{id}", body: { name: "Renamed Person" }, permission: "user.manage" },
      { method: "POST", path: "/api/tokens", covers: "post /api/tokens", body: { name: "t" }, permission: "token.create" },
      { method: "GET", path: "/api/tokens", covers: "get /api/tokens", permission: "token.create" },
      { method: "DELETE", path: `/api/tokens/${token}`, covers: "delete /api/tokens/{id}", permission: "token.create" },
      { method: "GET", path: "/api/organizations", covers: "get /api/organizations", permission: "organization.read" },
      { method: "POST", path: "/api/organizations", covers: "post /api/organizations", body: {}, permission: "organization.manage" },
      { method: "GET", path: `/api/organizations/${ORG}`, covers: "get /api/organizations/{id}", permission: "organization.read" },
      { method: "PATCH", path: `/api/organizations/${ORG}`, covers: "patch /api/organizations/{id}", body: { bogus: 1 }, permission: "organization.manage" },
      { method: "GET", path: "/api/systems", covers: "get /api/systems", permission: "organization.read" },
      { method: "POST", path: "/api/systems", covers: "post /api/systems", body: {}, permission: "system.manage" },
      { method: "PATCH", path: `/api/systems/${ORG}`, covers: "patch /api/systems/{id}", body: { bogus: 1 }, permission: "system.manage" },
      { method: "GET", path: `${I}/proposed-organizations`, covers: "get /api/incidents/{id}/proposed-organizations", permission: "breach.read" },
      { method: "GET", path: `${I}/affected-organizations`, covers: "get /api/incidents/{id}/affected-organizations", permission: "breach.read" },
      { method: "PUT", path: `${I}/affected-organizations`, covers: "put /api/incidents/{id}/affected-organizations", body: {}, permission: "breach.assess" },
      { method: "PUT", path: `${I}/breach`, covers: "put /api/incidents/{id}/breach", body: {}, permission: "breach.assess" },
      { method: "GET", path: `${I}/breach`, covers: "get /api/incidents/{id}/breach", permission: "breach.read" },
      { method: "POST", path: `${I}/breach/decision`, covers: "post /api/incidents/{id}/breach/decision", body: {}, permission: "breach.decide" },
      { method: "GET", path: `${I}/obligations`, covers: "get /api/incidents/{id}/obligations", permission: "breach.read" },
      { method: "GET", path: "/api/obligations", covers: "get /api/obligations", permission: "breach.read" },
      { method: "POST", path: `/api/obligations/${ORG}/complete`, covers: "post /api/obligations/{id}/complete", body: {}, permission: "obligation.manage" },
      { method: "POST", path: `/api/obligations/${ORG}/waive`, covers: "post /api/obligations/{id}/waive", body: {}, permission: "obligation.manage" },
      { method: "GET", path: "/api/breach-register", covers: "get /api/breach-register", permission: "register.read" },
      { method: "POST", path: `${I}/authority-reports`, covers: "post /api/incidents/{id}/authority-reports", body: {}, permission: "report.manage" },
      { method: "GET", path: `${I}/authority-reports`, covers: "get /api/incidents/{id}/authority-reports", permission: "breach.read" },
      { method: "GET", path: `/api/authority-reports/${ORG}`, covers: "get /api/authority-reports/{id}", permission: "breach.read" },
      { method: "PATCH", path: `/api/authority-reports/${ORG}`, covers: "patch /api/authority-reports/{id}", body: {}, permission: "report.manage" },
      { method: "POST", path: `/api/authority-reports/${ORG}/submitted`, covers: "post /api/authority-reports/{id}/submitted", body: {}, permission: "report.manage" },
      { method: "GET", path: `/api/authority-reports/${ORG}/pdf`, covers: "get /api/authority-reports/{id}/pdf", permission: "breach.read" },
      { method: "GET", path: `/api/authority-reports/${ORG}/json`, covers: "get /api/authority-reports/{id}/json", permission: "breach.read" },
      { method: "GET", path: "/api/outbox", covers: "get /api/outbox", permission: "outbox.read" },
      { method: "GET", path: "/api/outbox/status", covers: "get /api/outbox/status", permission: "notice.send" },
      { method: "GET", path: `/api/outbox/${ORG}`, covers: "get /api/outbox/{id}", permission: "outbox.read" },
      { method: "POST", path: `/api/outbox/${ORG}/retry`, covers: "post /api/outbox/{id}/retry", permission: "outbox.manage" },
      { method: "GET", path: "/api/metrics/summary", covers: "get /api/metrics/summary", permission: "metrics.read" },
      { method: "GET", path: `${I}/export`, covers: "get /api/incidents/{id}/export", permission: "export.read" },
      { method: "GET", path: "/api/access-review", covers: "get /api/access-review", permission: "access.review" },
      { method: "POST", path: "/api/access-review/deactivate-unused", covers: "post /api/access-review/deactivate-unused", permission: "user.manage" },
      { method: "GET", path: `${I}/review`, covers: "get /api/incidents/{id}/review", permission: "incident.read" },
      { method: "PUT", path: `${I}/review`, covers: "put /api/incidents/{id}/review", body: {}, permission: "review.edit" },
      { method: "POST", path: `${I}/review/draft`, covers: "post /api/incidents/{id}/review/draft", permission: "review.edit" },
      { method: "POST", path: `${I}/review/submit`, covers: "post /api/incidents/{id}/review/submit", permission: "review.edit" },
      { method: "POST", path: `${I}/review/approve`, covers: "post /api/incidents/{id}/review/approve", permission: "review.approve" },
      { method: "GET", path: `${I}/review.md`, covers: "get /api/incidents/{id}/review.md", permission: "incident.read" },
      { method: "GET", path: `${I}/review.pdf`, covers: "get /api/incidents/{id}/review.pdf", permission: "incident.read" },
      { method: "GET", path: "/api/follow-ups", covers: "get /api/follow-ups", permission: "incident.read" },
      { method: "PATCH", path: `/api/follow-ups/${ORG}`, covers: "patch /api/follow-ups/{id}", body: { status: "done" }, permission: "followup.manage" },
      { method: "GET", path: "/api/portal/incidents", covers: "get /api/portal/incidents", permission: "portal.use" },
      { method: "GET", path: `/api/portal/incidents/${inc.id}`, covers: "get /api/portal/incidents/{id}", permission: "portal.use" },
      { method: "POST", path: `/api/portal/incidents/${inc.id}/questions`, covers: "post /api/portal/incidents/{id}/questions", body: { body: "Matrix question?" }, permission: "portal.use" },
      { method: "POST", path: `/api/portal/incidents/${inc.id}/decision`, covers: "post /api/portal/incidents/{id}/decision", body: { reportedToAuthority: false }, permission: "portal.use" },
      { method: "GET", path: `${I}/questions`, covers: "get /api/incidents/{id}/questions", permission: "incident.read" },
      { method: "POST", path: `/api/questions/${ORG}/answer`, covers: "post /api/questions/{id}/answer", body: { answer: "x" }, permission: "question.answer" },
      { method: "POST", path: `${I}/organizations/${ORG}/decision`, covers: "post /api/incidents/{id}/organizations/{organizationId}/decision", body: { reportedToAuthority: false }, permission: "controllerDecision.record" },
      { method: "GET", path: `${I}/controller-decisions`, covers: "get /api/incidents/{id}/controller-decisions", permission: "incident.read" },
      { method: "POST", path: `${I}/notices`, covers: "post /api/incidents/{id}/notices", body: {}, permission: "notice.manage" },
      { method: "POST", path: `${I}/notices/approve`, covers: "post /api/incidents/{id}/notices/approve", permission: "notice.approve" },
      { method: "POST", path: `${I}/notices/send`, covers: "post /api/incidents/{id}/notices/send", permission: "notice.send" },
      { method: "PATCH", path: `${I}/affected-organizations/${ORG}`, covers: "patch /api/incidents/{id}/affected-organizations/{organizationId}", body: {}, permission: "breach.assess" },
      { method: "GET", path: "/api/notices", covers: "get /api/notices", permission: "notice.read" },
      { method: "GET", path: `/api/notices/${ORG}`, covers: "get /api/notices/{id}", permission: "notice.read" },
      { method: "GET", path: `/api/notices/${ORG}.pdf`, covers: "get /api/notices/{id}.pdf", permission: "notice.read" },
      { method: "PATCH", path: `/api/notices/${ORG}`, covers: "patch /api/notices/{id}", body: {}, permission: "notice.manage" },
      { method: "DELETE", path: `/api/notices/${ORG}`, covers: "delete /api/notices/{id}", permission: "notice.manage" },
      { method: "POST", path: `/api/notices/${ORG}/approve`, covers: "post /api/notices/{id}/approve", permission: "notice.approve" },
      { method: "POST", path: `/api/notices/${ORG}/send`, covers: "post /api/notices/{id}/send", permission: "notice.send" },
      { method: "POST", path: `/api/notices/${ORG}/retry`, covers: "post /api/notices/{id}/retry", permission: "notice.send" },
      { method: "POST", path: `/api/notices/${ORG}/acknowledge`, covers: "post /api/notices/{id}/acknowledge", permission: "portal.use" },
      { method: "POST", path: `${I}/subject-notices`, covers: "post /api/incidents/{id}/subject-notices", body: {}, permission: "subjectKit.manage" },
      { method: "GET", path: `${I}/subject-notices`, covers: "get /api/incidents/{id}/subject-notices", permission: "incident.read" },
      { method: "PATCH", path: `/api/subject-notices/${ORG}`, covers: "patch /api/subject-notices/{id}", body: { title: "x" }, permission: "subjectKit.manage" },
      { method: "GET", path: `/api/subject-notices/${ORG}.txt`, covers: "get /api/subject-notices/{id}.txt", permission: "incident.read" },
      { method: "GET", path: `/api/subject-notices/${ORG}.html`, covers: "get /api/subject-notices/{id}.html", permission: "incident.read" },
      { method: "POST", path: `${I}/subject-decision`, covers: "post /api/incidents/{id}/subject-decision", body: { communicate: true, channels: ["email"] }, permission: "subjectKit.manage" },
      { method: "PUT", path: `${I}/breach/awareness`, covers: "put /api/incidents/{id}/breach/awareness", body: { bogus: 1 }, permission: "breach.assess" },
      { method: "GET", path: "/api/breach-register/export", covers: "get /api/breach-register/export", permission: "register.read" },
      { method: "GET", path: `/api/breach-register/${inc.id}/versions`, covers: "get /api/breach-register/{id}/versions", permission: "register.read" },
      { method: "GET", path: `${I}/nis2`, covers: "get /api/incidents/{id}/nis2", permission: "nis2.read" },
      { method: "PUT", path: `${I}/nis2`, covers: "put /api/incidents/{id}/nis2", body: {}, permission: "nis2.assess" },
      { method: "POST", path: `${I}/nis2/requests`, covers: "post /api/incidents/{id}/nis2/requests", body: {}, permission: "nis2.assess" },
      { method: "GET", path: "/api/sessions", covers: "get /api/sessions", permission: "signedIn" },
      { method: "DELETE", path: "/api/sessions/AAAAAAAAAAAAAAAAAAAAAA", covers: "delete /api/sessions/{sessionId}", permission: "signedIn" },
      { method: "POST", path: "/api/sessions/end-others", covers: "post /api/sessions/end-others", permission: "signedIn" },
      { method: "POST", path: "/api/users/00000000-0000-4000-8000-000000000000/sessions/end", covers: "post /api/users/{id}/sessions/end", permission: "user.manage" },
      { method: "GET", path: "/api/auth/mfa", covers: "get /api/auth/mfa", permission: "signedIn" },
      { method: "POST", path: "/api/auth/mfa/totp/setup", covers: "post /api/auth/mfa/totp/setup", permission: "signedIn" },
      { method: "POST", path: "/api/auth/mfa/totp/confirm", covers: "post /api/auth/mfa/totp/confirm", body: {}, permission: "signedIn" },
      { method: "DELETE", path: "/api/auth/mfa/totp", covers: "delete /api/auth/mfa/totp", permission: "signedIn" },
      { method: "POST", path: "/api/auth/mfa/recovery-codes", covers: "post /api/auth/mfa/recovery-codes", permission: "signedIn" },
      { method: "POST", path: "/api/auth/mfa/passkeys/options", covers: "post /api/auth/mfa/passkeys/options", permission: "signedIn" },
      { method: "POST", path: "/api/auth/mfa/passkeys", covers: "post /api/auth/mfa/passkeys", body: {}, permission: "signedIn" },
      { method: "PATCH", path: `/api/auth/mfa/passkeys/${ORG}`, covers: "patch /api/auth/mfa/passkeys/{id}", body: { name: "x" }, permission: "signedIn" },
      { method: "DELETE", path: `/api/auth/mfa/passkeys/${ORG}`, covers: "delete /api/auth/mfa/passkeys/{id}", permission: "signedIn" },
      { method: "POST", path: "/api/auth/mfa/verify/options", covers: "post /api/auth/mfa/verify/options", permission: "signedIn" },
      { method: "POST", path: "/api/auth/mfa/verify", covers: "post /api/auth/mfa/verify", body: {}, permission: "signedIn" },
      { method: "POST", path: `/api/users/${ORG}/mfa/reset`, covers: "post /api/users/{id}/mfa/reset", permission: "user.manage" },
      { method: "POST", path: "/api/auth/logout", covers: "post /api/auth/logout", permission: "signedIn" },
    ];
  });
  afterAll(() => app?.stop());

  it("has a row for every registered endpoint", () => {
    const registered = registry.definitions
      .filter((d) => d.type === "route")
      .map((d) => (d.type === "route" ? `${d.route.method} ${d.route.path}` : ""))
      // Public by design: sign-in (password, its second step, passkey: server/mfa; the sign-in page's options and single sign-on:
      // server/auth), and acknowledgement by a signed link (server/notices).
      .filter((k) => !k.startsWith("post /api/auth/login") && !k.startsWith("post /api/auth/passkey/") && !k.endsWith(" /api/ack/{token}"))
      .filter((k) => !["get /api/auth/sign-in-options", "get /auth/oidc/login", "get /auth/oidc/callback"].includes(k));
    const covered = new Set(rows.map((r) => r.covers));
    expect(registered.filter((k) => !covered.has(k))).toEqual([]);
  });

  it("allows exactly the roles the shared matrix names", async () => {
    const failures: string[] = [];
    for (const row of rows) {
      const anon = await new Client(app.baseUrl).request(row.method, row.path, row.body);
      if (anon.status !== 401) failures.push(`anonymous ${row.method} ${row.path}: ${anon.status}`);
      for (const role of ROLES) {
        if (row.covers === "post /api/auth/logout") continue; // would end the session used by later rows
        const r = await clients[role].request(row.method, row.path, row.body);
        const allowed = row.permission === "signedIn" || can(role, row.permission);
        if (allowed ? r.status === 403 || r.status === 401 : r.status !== 403)
          failures.push(`${role} ${row.method} ${row.path}: ${r.status} (${allowed ? "should be allowed" : "should be 403"})`);
        if (r.status >= 500) failures.push(`${role} ${row.method} ${row.path}: ${r.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
