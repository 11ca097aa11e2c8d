import { describe, expect, it } from "vitest";
import { ScimPatchBody } from "../../shared/schemas/scim.js";
import { groupChangesFromPatch, userChangesFromPatch } from "./patch.js";
import { parseEqFilter } from "./filter.js";

const ops = (Operations: unknown[]) => ScimPatchBody.parse({ Operations }).Operations;

describe("SCIM PatchOp in the shapes identity providers send", () => {
  it("reads Entra's user operations: op names in any case, string booleans, dotted keys in a value object", () => {
    expect(userChangesFromPatch(ops([{ op: "Replace", path: "active", value: "False" }]))).toEqual({ active: false });
    expect(userChangesFromPatch(ops([{ op: "replace", value: { active: false } }]))).toEqual({ active: false });
    expect(userChangesFromPatch(ops([{ op: "REPLACE", value: { "name.givenName": "Kari", displayName: "Kari N", name: { familyName: "N" } } }])))
      .toEqual({ givenName: "Kari", familyName: "N", displayName: "Kari N" });
    expect(userChangesFromPatch(ops([{ op: "Add", path: "emails", value: [{ value: "a@example.test", type: "other" }, { value: "b@example.test", primary: true }] }])))
      .toEqual({ email: "b@example.test" });
    expect(userChangesFromPatch(ops([{ op: "Remove", path: "externalId" }]))).toEqual({ externalId: null });
    expect(userChangesFromPatch(ops([{ op: "Add", path: "urn:ietf:params:scim:schemas:core:2.0:User:userName", value: "x@example.test" }])))
      .toEqual({ userName: "x@example.test" });
  });

  it("names what it cannot apply", () => {
    expect(() => userChangesFromPatch(ops([{ op: "replace", path: "active", value: "maybe" }]))).toThrow(/active must be true or false/);
    expect(() => userChangesFromPatch(ops([{ op: "remove", path: "userName" }]))).toThrow(/userName/);
    expect(() => userChangesFromPatch(ops([{ op: "remove" }]))).toThrow(/needs a path/);
    expect(() => ScimPatchBody.parse({ Operations: [{ op: "copy" }] })).toThrow(/add, replace or remove/);
    expect(() => groupChangesFromPatch(ops([{ op: "add", path: "owner", value: "x" }]))).toThrow(/no attribute owner/);
    expect(() => groupChangesFromPatch(ops([{ op: "add", path: "members", value: [{ display: "no id" }] }]))).toThrow(/members\[0\]/);
  });

  it("reads group membership changes from Entra and Okta", () => {
    expect(groupChangesFromPatch(ops([{ op: "Add", path: "members", value: [{ value: "u1" }, { value: "u2" }] }])))
      .toEqual({ addMembers: ["u1", "u2"], removeMembers: [] });
    expect(groupChangesFromPatch(ops([{ op: "Remove", path: "members", value: [{ value: "u1" }] }, { op: "remove", path: 'members[value eq "u2"]' }])))
      .toEqual({ addMembers: [], removeMembers: ["u1", "u2"] });
    expect(groupChangesFromPatch(ops([{ op: "remove", path: "members" }]))).toEqual({ addMembers: [], removeMembers: [], setMembers: [] });
    expect(groupChangesFromPatch(ops([{ op: "replace", value: { id: "g1", displayName: "Renamed" } }])))
      .toEqual({ addMembers: [], removeMembers: [], displayName: "Renamed" });
  });

  it("parses eq filters only, case-insensitively by attribute", () => {
    expect(parseEqFilter('userName eq "a\\"b@example.test"', ["username"])).toEqual({ attribute: "username", value: 'a"b@example.test' });
    expect(parseEqFilter('UserName EQ "x"', ["username"])).toEqual({ attribute: "username", value: "x" });
    expect(parseEqFilter(undefined, ["username"])).toBeNull();
    expect(() => parseEqFilter('userName sw "a"', ["username"])).toThrow(/attribute eq "value"/);
    expect(() => parseEqFilter('title eq "a"', ["username"])).toThrow(/not supported/);
    expect(() => parseEqFilter('userName eq "\\x"', ["username"])).toThrow(/invalid escape/);
  });
});
