import { describe, expect, it } from "vitest";
import { translator } from "./i18n/index.js";
import { checkTransition, missingForNext, requirementsFor, TRANSITIONS, INCIDENT_STATUSES, type IncidentForRules } from "./lifecycle.js";

const base: IncidentForRules = { status: "detected", actions: [], communications: [] };

describe("lifecycle rules", () => {
  it("only allows forward moves and reopen", () => {
    expect(checkTransition(base, "resolved")).toEqual({ ok: false, reason: "not_allowed", message: "An incident cannot move from detected to resolved." });
    expect(TRANSITIONS.closed).toEqual(["remediating"]);
    for (const s of INCIDENT_STATUSES) expect(TRANSITIONS[s]).not.toContain(s);
  });

  it("lists every triage requirement in words", () => {
    const missing = requirementsFor(base, "triaged");
    expect(missing).toHaveLength(4);
    expect(missing[0]).toMatch(/category/);
    expect(requirementsFor({ ...base, category: "intrusions", severity: "high", level: "system", personalData: "unknown" }, "triaged")).toEqual([]);
  });

  it("requires an owner and an action before remediation", () => {
    const triaged = { ...base, status: "triaged" as const };
    expect(requirementsFor(triaged, "remediating")).toEqual(["Appoint an owner.", "Add at least one action to the action plan."]);
    expect(checkTransition({ ...triaged, ownerId: "u", actions: [{ title: "a", status: "open" }] }, "remediating")).toEqual({ ok: true, reopen: false });
  });

  it("requires impact and every action done or deferred with a reason before resolving", () => {
    const r = { ...base, status: "remediating" as const, actions: [{ title: "Rotate keys", status: "open" as const }, { title: "Patch", status: "deferred" as const, note: " " }] };
    const missing = requirementsFor(r, "resolved");
    expect(missing.join(" ")).toMatch(/impact analysis/);
    expect(missing.join(" ")).toMatch(/1 still open: "Rotate keys"/);
    expect(missing.join(" ")).toMatch(/reason for each deferred action \("Patch"\)/);
    const ok = { ...r, impact: { summary: "API down 20 min" }, actions: [{ title: "Rotate keys", status: "done" as const }, { title: "Patch", status: "deferred" as const, note: "next sprint" }] };
    expect(requirementsFor(ok, "resolved")).toEqual([]);
  });

  it("requires cause, communication, review and settled personal data before closing", () => {
    const resolved = { ...base, status: "resolved" as const, personalData: "unknown" };
    const missing = requirementsFor(resolved, "closed");
    expect(missing).toHaveLength(4);
    const ok = { ...resolved, personalData: "no", cause: "expired cert", communications: [{ decision: "none", reason: "internal only" }], review: { dueAt: "2026-12-01T00:00:00Z", ownerId: "u" } };
    expect(requirementsFor(ok, "closed")).toEqual([]);
    expect(requirementsFor({ ...ok, pendingObligations: 2 }, "closed")).toEqual(["Complete or waive the 2 pending breach obligations."]);
  });

  it("reopen needs a reason", () => {
    const closed = { ...base, status: "closed" as const };
    expect(checkTransition(closed, "remediating")).toEqual({ ok: false, reason: "requirements", missing: ["Give a reason for reopening."] });
    expect(checkTransition(closed, "remediating", "new evidence")).toEqual({ ok: true, reopen: true });
  });

  it("missingForNext describes the next step and is empty when closed", () => {
    expect(missingForNext(base)).toHaveLength(4);
    expect(missingForNext({ ...base, status: "closed" })).toEqual([]);
  });

  it("says what is missing in the reader's language (sv, nb), English by default", () => {
    expect(missingForNext(base, translator("sv"))[0]).toBe("Välj en kategori.");
    expect(missingForNext(base, translator("nb"))[0]).toBe("Velg en kategori.");
    const open = { ...base, status: "remediating" as const, impact: { summary: "x" }, actions: [{ title: "Rotate keys", status: "open" as const }] };
    expect(missingForNext(open, translator("sv"))).toEqual(['Slutför eller skjut upp alla åtgärder (1 pågår fortfarande: "Rotate keys").']);
    expect(checkTransition({ ...base, status: "closed" }, "remediating", null, translator("nb")))
      .toEqual({ ok: false, reason: "requirements", missing: ["Oppgi en begrunnelse for å åpne hendelsen igjen."] });
    expect(requirementsFor({ ...base, status: "resolved", pendingObligations: 1 }, "closed", translator("sv")))
      .toContain("Fullgör den återstående skyldigheten för personuppgiftsincidenten, eller markera den som inte tillämplig.");
  });
});
