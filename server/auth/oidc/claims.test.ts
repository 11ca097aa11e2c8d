import { describe, expect, it } from "vitest";
import { FEIDE_PRINCIPAL_CLAIM, idpAssertedMfa, mapRole, readIdentity } from "./claims.js";
import { loadOidcProviders } from "./providers.js";

describe("IdP-asserted MFA", () => {
  const none = { mfaAcr: [] as string[], idpEnforcesMfa: false };
  it.each([
    [{ amr: ["pwd", "mfa"] }, true],
    [{ amr: ["otp"] }, true],
    [{ amr: ["hwk", "pwd"] }, true],
    [{ amr: ["pwd"] }, false],
    [{ amr: "mfa" }, false], // amr must be an array (RFC 8176)
    [{}, false],
    [{ acr: "urn:mace:incommon:iap:silver" }, false],
  ])("%j without configuration -> %s", (claims, expected) => expect(idpAssertedMfa({ ...claims, ...none })).toBe(expected));

  it("an acr listed in OIDC_MFA_ACR counts, another does not", () => {
    const mfaAcr = ["http://schemas.openid.net/pape/policies/2007/06/multi-factor", "https://refeds.org/profile/mfa"];
    expect(idpAssertedMfa({ acr: "https://refeds.org/profile/mfa", mfaAcr, idpEnforcesMfa: false })).toBe(true);
    expect(idpAssertedMfa({ acr: "1", mfaAcr, idpEnforcesMfa: false })).toBe(false);
  });

  it("OIDC_IDP_ENFORCES_MFA=true counts every sign-in", () => expect(idpAssertedMfa({ amr: ["pwd"], mfaAcr: [], idpEnforcesMfa: true })).toBe(true));
});

describe("role mapping", () => {
  const provider = { roleMap: { "vakt-admins": "admin", "vakt-privacy": "privacy", "vakt-oncall": "responder", "vakt-managers": "manager" } as const, defaultRole: undefined };
  it("the highest mapped role wins", () => {
    expect(mapRole(provider, ["vakt-oncall", "vakt-admins"])).toBe("admin");
    expect(mapRole(provider, ["vakt-managers", "vakt-privacy", "other"])).toBe("privacy");
    expect(mapRole(provider, ["vakt-oncall", "vakt-managers"])).toBe("manager");
  });
  it("no mapped group: the default role, or refused (null) without one", () => {
    expect(mapRole(provider, ["other"])).toBeNull();
    expect(mapRole({ ...provider, defaultRole: "auditor" }, [])).toBe("auditor");
  });
});

describe("claims", () => {
  it("reads Feide's principal name, groups and a verified e-mail", () => {
    const id = readIdentity({ groupsClaim: "groups" }, {
      sub: "76a7a061-3c55-430d-8ee0-6f82ec42501f", email: " Kari.Nordmann@Skole.example.NO ", email_verified: true,
      [FEIDE_PRINCIPAL_CLAIM]: "kari@skole.example.no", given_name: "Kari", family_name: "Nordmann", groups: ["fc:org:skole.example.no"],
    });
    expect(id).toEqual({
      subject: "76a7a061-3c55-430d-8ee0-6f82ec42501f", email: "kari.nordmann@skole.example.no", emailVerified: true,
      name: "Kari Nordmann", groups: ["fc:org:skole.example.no"], principalName: "kari@skole.example.no",
    });
  });
  it("an e-mail is verified only when the IdP says so", () => {
    expect(readIdentity({ groupsClaim: "groups" }, { sub: "a", email: "a@example.test" }).emailVerified).toBe(false);
    expect(readIdentity({ groupsClaim: "groups" }, { sub: "a", email: "a@example.test", email_verified: "false" }).emailVerified).toBe(false);
    expect(readIdentity({ groupsClaim: "roles" }, { sub: "a", roles: "x y" }).groups).toEqual(["x", "y"]);
  });
});

describe("provider configuration", () => {
  const base = { OIDC_ISSUER: "https://idp.example.test", OIDC_CLIENT_ID: "vakt", OIDC_CLIENT_SECRET: "s3cret" };
  it("parses OIDC_ROLE_MAP and defaults", () => {
    const [p] = loadOidcProviders({ ...base, OIDC_ROLE_MAP: "vakt-admins=admin, /keycloak/group=x=privacy", OIDC_MFA_ACR: "mfa-acr" });
    expect(p).toMatchObject({ id: "sso", scopes: "openid email profile", groupsClaim: "groups", roleMap: { "vakt-admins": "admin", "/keycloak/group=x": "privacy" }, mfaAcr: ["mfa-acr"] });
    expect(p.defaultRole).toBeUndefined();
  });
  it("a staff provider cannot map to controller; an organisation's provider maps to controller only", () => {
    expect(() => loadOidcProviders({ ...base, OIDC_ROLE_MAP: "g=controller" })).toThrow(/staff roles only/);
    expect(() => loadOidcProviders({ ...base, OIDC_ROLE_MAP: "g=superuser" })).toThrow(/must be one of/);
  });
});
