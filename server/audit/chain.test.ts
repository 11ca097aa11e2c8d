import { describe, expect, it } from "vitest";
import { canonical, changes, entryHash, GENESIS } from "./chain.js";

describe("audit chain primitives", () => {
  it("canonical JSON sorts keys at every level", () => {
    expect(canonical({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
  it("hash depends on the previous hash and every field", () => {
    const e = { at: new Date("2026-01-01T00:00:00Z"), actorId: null, actorLabel: "system", action: "x", targetType: "t", targetId: null, incidentId: null, organizationId: null, before: null, after: { a: 1 }, requestId: null };
    const h = entryHash(GENESIS, e);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(GENESIS, { ...e, after: { a: 2 } })).not.toBe(h);
    expect(entryHash(h, e)).not.toBe(h);
  });
  it("changes keeps only what changed", () => {
    expect(changes({ a: 1, b: 2 }, { a: 1, b: 3 })).toEqual({ before: { b: 2 }, after: { b: 3 }, changed: ["b"] });
  });
});
