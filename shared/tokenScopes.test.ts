import { describe, expect, it } from "vitest";
import { can } from "./permissions.js";
import { ROLES } from "./roles.js";
import { ALL_PERMISSIONS, SCOPE_PERMISSIONS, TOKEN_SCOPES, scopeFor, scopesAllow, scopesUselessFor } from "./tokenScopes.js";

describe("API token scopes", () => {
  it("put every permission of the matrix in exactly one scope", () => {
    const listed = TOKEN_SCOPES.flatMap((s) => [...SCOPE_PERMISSIONS[s]]);
    expect([...listed].sort()).toEqual([...ALL_PERMISSIONS].sort());
    expect(new Set(listed).size).toBe(listed.length);
    for (const p of ALL_PERMISSIONS) expect(TOKEN_SCOPES).toContain(scopeFor(p));
  });

  it("allow a permission only through its own scope", () => {
    expect(scopesAllow(["incidents:read"], "incident.read")).toBe(true);
    expect(scopesAllow(["incidents:read"], "incident.create")).toBe(false);
    expect(scopesAllow(["metrics:read", "incidents:write"], "audit.read")).toBe(false);
    expect(scopesAllow([], "incident.read")).toBe(false);
  });

  it("name the scopes that give a role nothing", () => {
    expect(scopesUselessFor("auditor", ["incidents:read", "incidents:write", "outbox:manage"])).toEqual(["incidents:write", "outbox:manage"]);
    expect(scopesUselessFor("admin", [...TOKEN_SCOPES])).toEqual(["portal:use"]);
    // Whatever the scopes, a role never gains a permission it lacks: the effective rights are role AND scope.
    for (const role of ROLES)
      for (const p of ALL_PERMISSIONS) if (!can(role, p)) expect(can(role, p) && scopesAllow([...TOKEN_SCOPES], p)).toBe(false);
  });
});
