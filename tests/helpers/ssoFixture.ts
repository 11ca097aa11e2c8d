/** Vakt with two real OIDC providers: the vendor's staff IdP (OIDC_* variables) and a school's own Feide-like IdP (OIDC_PROVIDERS_FILE). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { startTestApp, type TestApp } from "./app.js";
import { freePort, startTestProvider, type TestAccount, type TestProvider } from "./oidcProvider.js";

export const SCHOOL_DOMAIN = "skole.example.no";

export interface SsoFixture {
  app: TestApp;
  staffIdp: TestProvider;
  schoolIdp: TestProvider;
  schoolOrgId: string;
  stop(): Promise<void>;
}

export async function startSsoFixture(opts: { staff: Record<string, TestAccount>; school: Record<string, TestAccount>; env?: Record<string, string> }): Promise<SsoFixture> {
  const port = await freePort();
  // The same host as the test app's baseUrl, so the browser's cookies for the flow reach the callback.
  const publicUrl = `http://localhost:${port}`;
  const redirectUri = `${publicUrl}/auth/oidc/callback`;
  const staffIdp = await startTestProvider({ redirectUri, accounts: opts.staff });
  const schoolIdp = await startTestProvider({ redirectUri, accounts: opts.school, clientId: "vakt-skole" });
  const schoolOrgId = randomUUID();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vakt-sso-")), "providers.json");
  fs.writeFileSync(file, JSON.stringify([{
    id: "skole", label: "Feide (Eksempel skole)", issuer: schoolIdp.issuer, clientId: schoolIdp.clientId, clientSecret: schoolIdp.clientSecret,
    scopes: "openid email profile userid-feide groups", organizationId: schoolOrgId, emailDomains: [SCHOOL_DOMAIN], defaultRole: "controller",
  }]));
  const app = await startTestApp({
    env: {
      PORT: String(port), PUBLIC_URL: publicUrl,
      OIDC_ISSUER: staffIdp.issuer, OIDC_CLIENT_ID: staffIdp.clientId, OIDC_CLIENT_SECRET: staffIdp.clientSecret, OIDC_LABEL: "Vendor SSO",
      OIDC_SCOPES: "openid email profile groups", OIDC_ROLE_MAP: "vakt-admins=admin,vakt-privacy=privacy,vakt-oncall=responder,vakt-auditors=auditor",
      OIDC_PROVIDERS_FILE: file,
      ...opts.env,
    },
  });
  // The school's organisation has the id its provider names (fixture set-up, straight into the database).
  await app.running.ctx.prisma.organization.create({
    data: { id: schoolOrgId, name: "Eksempel skole", country: "NO", language: "nb", noticeHours: 24 },
  });
  return {
    app, staffIdp, schoolIdp, schoolOrgId,
    stop: async () => {
      await app.stop();
      await Promise.all([staffIdp.stop(), schoolIdp.stop()]);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}
