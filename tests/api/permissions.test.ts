import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Permission } from "../../shared/permissions.js";
import { ROLES, type Role } from "../../shared/roles.js";
import { registry } from "../../server/openapi/registry.js";
import { BACKENDS, pgliteBackend } from "../helpers/backends.js";
import { queueObligationReminders } from "../../server/breaches/reminders.js";
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
      { method: "PUT", path: "/api/auth/me/time-zone", covers: "put /api/auth/me/time-zone", permission: "signedIn", body: { timeZone: null } },
      { method: "GET", path: "/api/incidents", covers: "get /api/incidents", permission: "incident.read" },
      { method: "POST", path: "/api/incidents", covers: "post /api/incidents", body: { title: "matrix create" }, permission: "incident.create" },
      { method: "GET", path: I, covers: "get /api/incidents/{id}", permission: "incident.read" },
      { method: "GET", path: `${I}/timeline`, covers: "get /api/incidents/{id}/timeline", permission: "incident.read" },
      { method: "GET", path: `${I}/live`, covers: "get /api/incidents/{id}/live", permission: "incident.read" },
      { method: "GET", path: "/api/live/incidents", covers: "get /api/live/incidents", permission: "incident.read" },
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
      { method: "DELETE", path: "/api/users/00000000-0000-4000-8000-000000000000", covers: "delete /api/users/{id}", permission: "user.manage" },
      { method: "GET", path: "/api/users/managed", covers: "get /api/users/managed", permission: "user.manage" },
      { method: "POST", path: "/api/users/invitations", covers: "post /api/users/invitations", body: { email: "bad" }, permission: "user.manage" },
      { method: "GET", path: "/api/setup", covers: "get /api/setup", permission: "signedIn" },
      { method: "GET", path: "/api/settings", covers: "get /api/settings", permission: "user.manage" },
      { method: "PUT", path: "/api/settings", covers: "put /api/settings", body: { name: "" }, permission: "user.manage" },
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
      { method: "GET", path: "/api/operational-targets", covers: "get /api/operational-targets", permission: "incident.read" },
      { method: "PUT", path: "/api/operational-targets/high", covers: "put /api/operational-targets/{severity}", body: {}, permission: "operations.manage" },
      { method: "GET", path: "/api/metrics/operations", covers: "get /api/metrics/operations", permission: "metrics.read" },
      { method: "POST", path: "/api/breach-bundles", covers: "post /api/breach-bundles", body: {}, permission: "report.manage" },
      { method: "GET", path: "/api/breach-bundles", covers: "get /api/breach-bundles", permission: "breach.read" },
      { method: "GET", path: `/api/breach-bundles/${ORG}`, covers: "get /api/breach-bundles/{id}", permission: "breach.read" },
      { method: "POST", path: `/api/breach-bundles/${ORG}/members`, covers: "post /api/breach-bundles/{id}/members", body: {}, permission: "report.manage" },
      { method: "DELETE", path: `/api/breach-bundles/${ORG}/members/${ORG}`, covers: "delete /api/breach-bundles/{id}/members/{incidentId}", permission: "report.manage" },
      { method: "POST", path: `/api/breach-bundles/${ORG}/authority-reports`, covers: "post /api/breach-bundles/{id}/authority-reports", body: {}, permission: "report.manage" },
      { method: "GET", path: "/api/outbox", covers: "get /api/outbox", permission: "outbox.read" },
      { method: "GET", path: "/api/outbox/status", covers: "get /api/outbox/status", permission: "notice.send" },
      { method: "GET", path: `/api/outbox/${ORG}`, covers: "get /api/outbox/{id}", permission: "outbox.read" },
      { method: "POST", path: `/api/outbox/${ORG}/retry`, covers: "post /api/outbox/{id}/retry", permission: "outbox.manage" },
      { method: "GET", path: "/api/metrics/summary", covers: "get /api/metrics/summary", permission: "metrics.read" },
      { method: "GET", path: `${I}/export`, covers: "get /api/incidents/{id}/export", permission: "export.read" },
      { method: "GET", path: "/api/access-review", covers: "get /api/access-review", permission: "access.review" },
      { method: "GET", path: "/api/access-review/events", covers: "get /api/access-review/events", permission: "access.review" },
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
      // Evidence (issue 14 §1): bodies that allowed roles get a 400 or 404 for, so nothing changes.
      { method: "GET", path: `${I}/evidence`, covers: "get /api/incidents/{id}/evidence", permission: "evidence.read" },
      { method: "POST", path: `${I}/evidence`, covers: "post /api/incidents/{id}/evidence", body: {}, permission: "evidence.upload" },
      { method: "GET", path: `${I}/evidence/${ORG}/content`, covers: "get /api/incidents/{id}/evidence/{evidenceId}/content", permission: "evidence.read" },
      { method: "POST", path: `${I}/evidence/${ORG}/removal`, covers: "post /api/incidents/{id}/evidence/{evidenceId}/removal", body: {}, permission: "evidence.remove" },
      { method: "POST", path: `${I}/legal-hold`, covers: "post /api/incidents/{id}/legal-hold", body: {}, permission: "legalHold.manage" },
      { method: "POST", path: `${I}/legal-hold/release`, covers: "post /api/incidents/{id}/legal-hold/release", body: {}, permission: "legalHold.manage" },
      { method: "POST", path: "/api/evidence/verify", covers: "post /api/evidence/verify", permission: "evidence.verify" },
      // Notes (issue 14 §2)
      { method: "GET", path: `${I}/notes`, covers: "get /api/incidents/{id}/notes", permission: "note.read" },
      { method: "POST", path: `${I}/notes`, covers: "post /api/incidents/{id}/notes", body: {}, permission: "note.write" },
      { method: "PATCH", path: `${I}/notes/${ORG}`, covers: "patch /api/incidents/{id}/notes/{noteId}", body: {}, permission: "note.write" },
      { method: "GET", path: `${I}/notes/${ORG}/versions`, covers: "get /api/incidents/{id}/notes/{noteId}/versions", permission: "note.read" },
      { method: "GET", path: "/api/notes/mentions", covers: "get /api/notes/mentions", permission: "note.read" },
      { method: "POST", path: `${I}/requests`, covers: "post /api/incidents/{id}/requests", body: {}, permission: "note.write" },
      // Playbooks (issue 14 §3)
      { method: "GET", path: "/api/playbooks", covers: "get /api/playbooks", permission: "playbook.read" },
      { method: "POST", path: "/api/playbooks", covers: "post /api/playbooks", body: {}, permission: "playbook.manage" },
      { method: "PUT", path: `/api/playbooks/${ORG}`, covers: "put /api/playbooks/{id}", body: {}, permission: "playbook.manage" },
      { method: "POST", path: `${I}/playbook`, covers: "post /api/incidents/{id}/playbook", body: {}, permission: "action.manage" },
      // Search (issue 14 §4)
      { method: "GET", path: "/api/search?q=matrix", covers: "get /api/search", permission: "incident.read" },
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
      { method: "GET", path: "/api/alert-sources", covers: "get /api/alert-sources", permission: "alertSource.manage" },
      { method: "POST", path: "/api/alert-sources", covers: "post /api/alert-sources", body: { name: "", kind: "alertmanager" }, permission: "alertSource.manage" },
      { method: "POST", path: `/api/alert-sources/${ORG}/rotate`, covers: "post /api/alert-sources/{id}/rotate", permission: "alertSource.manage" },
      { method: "POST", path: `/api/alert-sources/${ORG}/disable`, covers: "post /api/alert-sources/{id}/disable", permission: "alertSource.manage" },
      { method: "POST", path: `/api/alert-sources/${ORG}/enable`, covers: "post /api/alert-sources/{id}/enable", permission: "alertSource.manage" },
      { method: "GET", path: "/api/alerts", covers: "get /api/alerts", permission: "alert.read" },
      { method: "POST", path: `/api/alerts/${ORG}/promote`, covers: "post /api/alerts/{id}/promote", permission: "alert.triage" },
      { method: "POST", path: `/api/alerts/${ORG}/attach`, covers: "post /api/alerts/{id}/attach", body: {}, permission: "alert.triage" },
      { method: "POST", path: `/api/alerts/${ORG}/dismiss`, covers: "post /api/alerts/{id}/dismiss", body: {}, permission: "alert.triage" },
      { method: "GET", path: "/api/probes", covers: "get /api/probes", permission: "alertSource.manage" },
      { method: "POST", path: "/api/probes", covers: "post /api/probes", body: { name: "" }, permission: "alertSource.manage" },
      { method: "POST", path: `/api/probes/${ORG}/disable`, covers: "post /api/probes/{id}/disable", permission: "alertSource.manage" },
      { method: "POST", path: `/api/probes/${ORG}/enable`, covers: "post /api/probes/{id}/enable", permission: "alertSource.manage" },
      { method: "GET", path: "/api/webhooks", covers: "get /api/webhooks", permission: "webhook.manage" },
      { method: "POST", path: "/api/webhooks", covers: "post /api/webhooks", body: { url: "not a url", events: [] }, permission: "webhook.manage" },
      { method: "GET", path: `/api/webhooks/${ORG}/deliveries`, covers: "get /api/webhooks/{id}/deliveries", permission: "webhook.manage" },
      { method: "POST", path: `/api/webhooks/${ORG}/disable`, covers: "post /api/webhooks/{id}/disable", permission: "webhook.manage" },
      { method: "POST", path: `/api/webhooks/${ORG}/enable`, covers: "post /api/webhooks/{id}/enable", permission: "webhook.manage" },
      { method: "POST", path: `/api/webhooks/${ORG}/rotate`, covers: "post /api/webhooks/{id}/rotate", permission: "webhook.manage" },
      { method: "GET", path: "/api/routing-rules", covers: "get /api/routing-rules", permission: "alertSource.manage" },
      { method: "POST", path: "/api/routing-rules", covers: "post /api/routing-rules", body: { name: "" }, permission: "alertSource.manage" },
      { method: "PUT", path: "/api/routing-rules/order", covers: "put /api/routing-rules/order", body: { ids: "none" }, permission: "alertSource.manage" },
      { method: "PATCH", path: `/api/routing-rules/${ORG}`, covers: "patch /api/routing-rules/{id}", body: { name: "" }, permission: "alertSource.manage" },
      { method: "DELETE", path: `/api/routing-rules/${ORG}`, covers: "delete /api/routing-rules/{id}", permission: "alertSource.manage" },
      { method: "GET", path: "/api/status/services", covers: "get /api/status/services", permission: "incident.read" },
      { method: "POST", path: "/api/status/services", covers: "post /api/status/services", body: { names: {} }, permission: "status.manage" },
      { method: "PATCH", path: `/api/status/services/${ORG}`, covers: "patch /api/status/services/{id}", body: { archived: true }, permission: "status.manage" },
      { method: "GET", path: `${I}/status-updates`, covers: "get /api/incidents/{id}/status-updates", permission: "incident.read" },
      { method: "POST", path: `${I}/status-updates`, covers: "post /api/incidents/{id}/status-updates", body: { state: "none" }, permission: "status.publish" },
      { method: "POST", path: "/api/auth/logout", covers: "post /api/auth/logout", permission: "signedIn" },
      // Need-to-know: the role rows here; per-record rules in the restricted-incident suite below.
      { method: "GET", path: `${I}/access`, covers: "get /api/incidents/{id}/access", permission: "incident.read" },
      { method: "PUT", path: `${I}/restriction`, covers: "put /api/incidents/{id}/restriction", body: {}, permission: "incident.restrict" },
      { method: "POST", path: `${I}/members`, covers: "post /api/incidents/{id}/members", body: {}, permission: "incident.members" },
      { method: "DELETE", path: `${I}/members/not-a-user`, covers: "delete /api/incidents/{id}/members/{userId}", permission: "incident.members" },
      { method: "POST", path: `${I}/break-glass`, covers: "post /api/incidents/{id}/break-glass", body: {}, permission: "incident.breakGlass" },
      { method: "GET", path: "/api/restricted-incidents", covers: "get /api/restricted-incidents", permission: "incident.breakGlass" },
    ];
  }, 300_000);
  afterAll(() => app?.stop());

  it("has a row for every registered endpoint", () => {
    const registered = registry.definitions
      .filter((d) => d.type === "route")
      .map((d) => (d.type === "route" ? `${d.route.method} ${d.route.path}` : ""))
      // Public by design: sign-in (password, its second step, passkey: server/mfa; the sign-in page's options and single sign-on:
      // server/auth), acknowledgement by a signed link (server/notices), and alert intake, where each alert source proves itself
      // with its own secret or signature (server/alerts/alerts.test.ts).
      .filter((k) => !k.startsWith("post /api/auth/login") && !k.startsWith("post /api/auth/passkey/") && !k.endsWith(" /api/ack/{token}"))
      .filter((k) => !["post /api/alerts/alertmanager", "post /api/alerts/webhook", "post /api/alerts/cloudevents"].includes(k))
      .filter((k) => !["get /api/auth/sign-in-options", "get /auth/oidc/login", "get /auth/oidc/callback"].includes(k))
      // The invitee's one-time link proves itself (server/users/invitations.test.ts).
      .filter((k) => !["post /api/invitations/lookup", "post /api/invitations/accept"].includes(k))
      // The public status page, its feed and its subscriptions (server/status/status.test.ts; isolation.test.ts REACHABLE).
      .filter((k) => !["get /api/status", "get /api/status/feed.atom", "post /api/status/subscriptions", "post /api/status/subscriptions/confirm"].includes(k))
      .filter((k) => k !== "post /api/status/unsubscribe/{token}")
      // SCIM answers its own bearer token only, never a session (server/scim/scim.test.ts).
      .filter((k) => !k.includes(" /scim/v2/"));
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
  }, 240_000);
});

/**
 * Need-to-know (docs/security/need-to-know.md): on a restricted incident, every endpoint that
 * addresses it or a record of it (every route carrying x-need-to-know) × every role × member or
 * not. A non-member gets 404 (403 where the role lacks the permission anyway) and never a byte of
 * the incident; a member is never told it does not exist. Runs on both databases.
 */
describe.each(BACKENDS)("need-to-know on a restricted incident ($name)", (backend) => {
  let app: TestApp;
  let admin: Client;
  const TITLE = "Insider case under police investigation (test)";
  let incidentId = "";
  let reference = "";
  const members = {} as Record<Exclude<Role, "controller">, Client>;
  const outsiders = {} as Record<Role, Client>;
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const customer = (await admin.post("/api/organizations", { name: "Need-to-know customer (test)", country: "SE", language: "sv" })).body.id;
    const owner = await userWithRole(admin, "manager");
    const inc = (await owner.client.post("/api/incidents", { title: TITLE })).body;
    incidentId = inc.id;
    reference = inc.reference;
    const withOwner = await admin.patch(`/api/incidents/${incidentId}`, { version: inc.version, ownerId: owner.user.id });
    expect(withOwner.status).toBe(200);
    const actionId = (await owner.client.post(`/api/incidents/${incidentId}/actions`, { title: "contain" })).body.actions[0].id;
    expect((await owner.client.put(`/api/incidents/${incidentId}/restriction`, { restricted: true, reason: "Police asked us to keep it closed" })).status).toBe(200);
    for (const role of ["manager", "responder", "privacy", "auditor"] as const) {
      const m = await userWithRole(admin, role);
      expect((await owner.client.post(`/api/incidents/${incidentId}/members`, { userId: m.user.id, reason: "on the case" })).status).toBe(201);
      members[role] = m.client;
    }
    members.manager = owner.client;
    // An admin member: by break-glass, the only way in for an admin.
    const adminMember = await userWithRole(admin, "admin");
    expect((await adminMember.client.post(`/api/incidents/${incidentId}/break-glass`, { reason: "Owner on leave; regulator deadline today" })).status).toBe(201);
    members.admin = adminMember.client;
    for (const role of ROLES) {
      outsiders[role] = role === "admin" ? admin : (await userWithRole(admin, role, role === "controller" ? { organizationId: customer } : {})).client;
    }
    // One record of each kind hanging off the incident, written directly: the guard must find its incident.
    const prisma = app.running.ctx.prisma;
    const someUser = adminMember.user.id;
    const notice = await prisma.notice.create({
      data: { incidentId, organizationId: customer, phase: "initial", sequence: 1, language: "sv", subject: TITLE, body: TITLE, facts: {} },
    });
    const obligation = await prisma.obligation.create({
      data: { incidentId, key: "ntk-test", code: "gdpr-33-1", regime: "GDPR", article: "33(1)", title: TITLE, debtor: "vendor", creditor: "IMY", dueAt: new Date(Date.now() + 86400_000) },
    });
    const report = await prisma.authorityReport.create({ data: { incidentId, authority: "IMY", phase: "initial", language: "sv", fields: {}, late: false } });
    const review = await prisma.review.create({ data: { incidentId } });
    const followUp = await prisma.followUpAction.create({ data: { reviewId: review.id, incidentId, title: TITLE, ownerId: someUser, dueAt: new Date() } });
    const question = await prisma.noticeQuestion.create({ data: { incidentId, organizationId: customer, askedById: someUser, body: TITLE } });
    const subject = await prisma.subjectNotice.create({
      data: { incidentId, organizationId: customer, audience: "customers", variant: "individual", language: "sv", title: TITLE, body: TITLE },
    });
    const outbox = await prisma.outboxMessage.create({ data: { dedupeKey: "ntk-test", incidentId, payload: { to: ["x@example.test"], subject: TITLE, text: TITLE } } });
    ids = {
      "/api/incidents/{id}": incidentId, "/api/notices/{id}": notice.id, "/api/obligations/{id}": obligation.id,
      "/api/authority-reports/{id}": report.id, "/api/follow-ups/{id}": followUp.id, "/api/questions/{id}": question.id,
      "/api/subject-notices/{id}": subject.id, "/api/outbox/{id}": outbox.id, "/api/breach-register/{id}": incidentId,
      "/api/portal/incidents/{id}": incidentId, "{actionId}": actionId, "{organizationId}": customer,
      "{userId}": "00000000-0000-4000-8000-000000000000",
      // No such evidence or note: outsiders must still learn nothing (404 for the incident), members get the record's own 404.
      "{evidenceId}": "00000000-0000-4000-8000-000000000001", "{noteId}": "00000000-0000-4000-8000-000000000002",
    };
  }, 300_000);
  afterAll(() => app?.stop());

  // Each app started in this file registers its routes again: one row per endpoint.
  function guardedRoutes() {
    const keys = registry.definitions
      .filter((d) => d.type === "route" && (d.route as Record<string, unknown>)["x-need-to-know"])
      .map((d) => (d.type === "route" ? `${d.route.method.toUpperCase()} ${d.route.path}` : ""));
    return [...new Set(keys)].map((k) => ({ method: k.split(" ")[0], path: k.split(" ")[1] }));
  }
  function concrete(path: string) {
    const prefix = Object.keys(ids).find((p) => p.startsWith("/") && path.startsWith(p));
    if (!prefix) throw new Error(`no record for ${path}`);
    let out = prefix.replace("{id}", ids[prefix]) + path.slice(prefix.length);
    for (const k of ["{actionId}", "{organizationId}", "{userId}", "{evidenceId}", "{noteId}"]) out = out.replace(k, ids[k]);
    return out;
  }

  it("guards every route that addresses an incident or one of its records", () => {
    const unguarded = [...new Set(registry.definitions
      .filter((d) => d.type === "route" && !(d.route as Record<string, unknown>)["x-need-to-know"])
      .map((d) => (d.type === "route" ? `${d.route.method} ${d.route.path}` : ""))
      .filter((k) => /\/api\/(incidents|notices|obligations|authority-reports|follow-ups|questions|subject-notices|outbox|breach-register|portal\/incidents)\/\{/.test(k)))];
    // Break-glass decides itself (the one verb on an incident the caller cannot see yet).
    expect(unguarded).toEqual(["post /api/incidents/{id}/break-glass"]);
    expect(guardedRoutes().length).toBeGreaterThan(60);
  });

  it("answers 404 to every non-member and never shows them the incident; members are never told it does not exist", async () => {
    const failures: string[] = [];
    for (const { method, path } of guardedRoutes()) {
      const url = concrete(path);
      const permission = permissionOf(path, method);
      for (const role of ROLES) {
        const r = await outsiders[role].request(method, url, method === "GET" ? undefined : {});
        const text = typeof r.body === "string" ? r.body : JSON.stringify(r.body);
        if (r.status < 300 || text.includes(TITLE) || text.includes(reference)) failures.push(`outsider ${role} ${method} ${url}: ${r.status} shows it`);
        if (r.status !== 404 && r.status !== 403) failures.push(`outsider ${role} ${method} ${url}: ${r.status}, expected 404 (or 403)`);
        if (r.status === 403 && permission && can(role, permission) && role !== "controller") failures.push(`outsider ${role} ${method} ${url}: 403 confirms it exists`);
      }
    }
    // Members last: their writes may change the records (a discarded notice), never the answer about the incident.
    for (const { method, path } of guardedRoutes()) {
      const url = concrete(path);
      for (const [role, client] of Object.entries(members)) {
        const r = await client.request(method, url, method === "GET" ? undefined : {});
        if (r.status === 404 && JSON.stringify(r.body).includes("Incident not found")) failures.push(`member ${role} ${method} ${url}: 404`);
        if (r.status >= 500) failures.push(`member ${role} ${method} ${url}: ${r.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it("leaves the incident out of lists, search, register, export, dashboard, metrics and the audit log for non-members", async () => {
    const probes = [
      "/api/incidents", `/api/incidents?q=${encodeURIComponent("police")}`, `/api/search?q=${encodeURIComponent("police")}`, "/api/notices", "/api/obligations", "/api/follow-ups",
      "/api/breach-register?format=json", "/api/audit", "/api/outbox",
    ];
    for (const client of [admin, outsiders.privacy, outsiders.auditor, outsiders.manager]) {
      for (const p of probes) {
        const r = await client.get(p);
        if (r.status === 403) continue;
        expect(r.status, p).toBe(200);
        expect(JSON.stringify(r.body), p).not.toContain(incidentId);
      }
    }
    const listed = await members.responder.get(`/api/incidents?q=${encodeURIComponent("police")}`);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    expect(listed.body.items[0].restricted).toBe(true);
    const found = await members.auditor.get(`/api/search?q=${encodeURIComponent("police")}`);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    expect(JSON.stringify((await members.privacy.get("/api/audit")).body)).toContain(incidentId);
    // The dashboard is shared: a restricted incident is left out of its figures for everyone.
    const summary = (await admin.get("/api/metrics/summary")).body;
    expect(summary.byCategory.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(0);
    const metrics = await admin.get("/metrics");
    expect(metrics.body).toMatch(/vakt_restricted_incidents 1/);
    expect(metrics.body).not.toMatch(/vakt_open_incidents\{severity="unclassified"\} 1/);
    // Admins see that restricted incidents exist, by reference only.
    const restricted = (await admin.get("/api/restricted-incidents")).body;
    expect(restricted).toEqual({ count: 1, hiddenFromYou: 1, items: [{ id: incidentId, reference, member: false }] });
  });

  it("break-glass is audited with the reason, on the timeline and in the access review, and mails the owner", async () => {
    const detail = await members.admin.get(`/api/incidents/${incidentId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.timeline.map((e: { summary: string }) => e.summary)).toContainEqual(expect.stringMatching(/ joined the restricted incident by break-glass: Owner on leave; regulator deadline today$/));
    const audit = await members.privacy.get(`/api/audit?incidentId=${incidentId}&action=incident.break_glass`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].after).toEqual({ reason: "Owner on leave; regulator deadline today" });
    const review = (await admin.get("/api/access-review")).body.users;
    const joined = review.flatMap((u: { breakGlass: { reference: string; reason: string }[] }) => u.breakGlass);
    expect(joined).toEqual([expect.objectContaining({ reference, reason: "Owner on leave; regulator deadline today" })]);
    const mail = await app.running.ctx.prisma.outboxMessage.findFirst({ where: { incidentId, dedupeKey: { startsWith: "break-glass:" } } });
    expect((mail?.payload as { to: string[]; subject: string }).subject).toContain(`Break-glass`);
    // Without a reason, or twice, or by a non-admin: refused, nothing written.
    expect((await admin.post(`/api/incidents/${incidentId}/break-glass`, { reason: "short" })).status).toBe(400);
    expect((await members.admin.post(`/api/incidents/${incidentId}/break-glass`, { reason: "Owner on leave; again please" })).status).toBe(403);
    expect((await outsiders.privacy.post(`/api/incidents/${incidentId}/break-glass`, { reason: "I would like to look inside" })).status).toBe(403);
    expect((await admin.get(`/api/incidents/${incidentId}`)).status).toBe(404);
  });

  it("mails reminders about it only to its members, never to other privacy officers", async () => {
    const ctx = app.running.ctx;
    // A fresh obligation (the matrix's members may have met the first); three days on it is overdue,
    // and the escalation goes to the owner and the privacy officers.
    await ctx.prisma.obligation.create({
      data: { incidentId, key: "ntk-reminder", code: "gdpr-33-1", regime: "GDPR", article: "33(1)", title: "Notify IMY", debtor: "vendor", creditor: "IMY", dueAt: new Date(Date.now() + 86400_000) },
    });
    await queueObligationReminders(ctx, new Date(Date.now() + 3 * 86400_000));
    const mails = await ctx.prisma.outboxMessage.findMany({ where: { incidentId, dedupeKey: { startsWith: "reminder:" } } });
    expect(mails.length).toBeGreaterThan(0);
    const named = await ctx.prisma.user.findMany({
      where: { OR: [{ incidentMemberships: { some: { incidentId } } }, { ownedIncidents: { some: { id: incidentId } } }] }, select: { email: true },
    });
    const outsiders = await ctx.prisma.user.findMany({ where: { role: "privacy", incidentMemberships: { none: { incidentId } } }, select: { email: true } });
    expect(outsiders.length).toBeGreaterThan(0);
    const recipients = mails.flatMap((m) => (m.payload as { to: string[] }).to);
    expect(recipients.length).toBeGreaterThan(0);
    expect(recipients.filter((e) => !named.some((u) => u.email === e))).toEqual([]);
  });

  it("only the owner, a privacy officer or an admin member restricts and names members; a member's removal ends its access", async () => {
    const access = (await members.responder.get(`/api/incidents/${incidentId}/access`)).body;
    expect(access.restricted).toBe(true);
    expect(access.abilities).toEqual({ restrict: false, manageMembers: false, breakGlass: false });
    expect((await members.responder.put(`/api/incidents/${incidentId}/restriction`, { restricted: false, reason: "I want it open" })).status).toBe(403);
    const privacyView = (await members.privacy.get(`/api/incidents/${incidentId}/access`)).body;
    expect(privacyView.abilities).toEqual({ restrict: true, manageMembers: true, breakGlass: false });
    const responderId = access.members.find((m: { role: string }) => m.role === "responder").userId;
    expect((await members.privacy.del(`/api/incidents/${incidentId}/members/${responderId}`)).status).toBe(200);
    expect((await members.responder.get(`/api/incidents/${incidentId}`)).status).toBe(404);
    const removed = await members.privacy.get(`/api/audit?incidentId=${incidentId}&action=incident.member_removed`);
    expect(removed.body.items).toHaveLength(1);
  });
});

/** The permission a guarded route declares (from its OpenAPI description), to tell 403-by-role from 403-by-record. */
function permissionOf(path: string, method: string): Permission | undefined {
  const d = registry.definitions.find((x) => x.type === "route" && x.route.path === path && x.route.method.toUpperCase() === method);
  const m = d?.type === "route" ? /`([a-zA-Z0-9.]+)`/.exec(d.route.description ?? "") : null;
  return (m?.[1] as Permission | undefined) ?? undefined;
}
