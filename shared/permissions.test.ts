import { describe, expect, it } from "vitest";
import { can, permissionsOf, PERMISSIONS } from "./permissions.js";
import { ROLES } from "./roles.js";

describe("permission matrix", () => {
  it("gives auditors read-only access", () => {
    const writes = permissionsOf("auditor").filter((p) => !/read|list|review/.test(p) && p !== "token.create");
    expect(writes).toEqual([]);
    expect(can("auditor", "audit.read")).toBe(true);
  });
  it("gives controllers only the portal and their own notices, nothing from the staff matrix", () => {
    expect(permissionsOf("controller")).toEqual(["notice.read", "portal.use"]);
  });
  it("keeps user management to admins and closing to owners and privacy", () => {
    for (const r of ROLES) expect(can(r, "user.manage")).toBe(r === "admin");
    expect(can("responder", "incident.close")).toBe(false);
    expect(can("manager", "incident.close")).toBe(true);
  });
  it("refuses an unknown role", () => {
    expect(can(undefined, "incident.read")).toBe(false);
    expect(Object.keys(PERMISSIONS).length).toBeGreaterThan(10);
  });
});
