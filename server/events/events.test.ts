import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../shared/i18n/index.js";
import { timelineGroupOf } from "../../shared/timelineGroups.js";
import { eventSentence, TIMELINE_EVENTS } from "./registry.js";

/**
 * Every audit action the server emits is either a declared timeline event with a sentence in
 * every language, or one of the account-level kinds that never sit on an incident's timeline.
 * A new event kind without a declaration fails here.
 */
// Also settings and integrations (alert sources, probes, SCIM, webhooks, playbook templates, targets), alerts not (yet) on an
// incident, the evidence verification run and a bundle's creation (each member's timeline gets bundle.joined).
const NOT_ON_A_TIMELINE = /^(auth|mfa|user|token|session|organization|system|backup|alert_source|probe|routing_rule|scim|webhook)\.|^(alert\.(received|dismissed)|playbook\.(created|updated)|operations\.targets_changed|evidence\.verified|bundle\.created)$/;
const ROOT = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

/** Every literal after `action:` (both arms of a conditional too) and every `ns.${…}` family in the server. */
function emittedActions(): string[] {
  const found = new Set<string>();
  for (const file of sources(ROOT)) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/\baction:\s*([^,\n]+)/g)) {
      for (const lit of m[1].matchAll(/["'`]([a-z0-9_]+\.[a-z0-9_]+)["'`]/g)) found.add(lit[1]);
      for (const fam of m[1].matchAll(/`([a-z0-9_]+)\.\$\{[^}]*"([a-z_]+)"\s*:\s*"([a-z_]+)"/g)) { found.add(`${fam[1]}.${fam[2]}`); found.add(`${fam[1]}.${fam[3]}`); }
    }
  }
  return [...found].sort();
}

describe("timeline events", () => {
  const declared = new Set(TIMELINE_EVENTS.map((d) => d.name));

  it("puts every declared kind in a filter group named in every language", () => {
    for (const language of LANGUAGES) {
      const groups = (JSON.parse(fs.readFileSync(path.join(ROOT, "../shared/i18n/locales", language, "timeline.json"), "utf8")) as
        { ui: { groups: Record<string, string> } }).ui.groups;
      const unnamed = TIMELINE_EVENTS.map((d) => timelineGroupOf(d.name)).filter((g) => !groups[g]);
      expect(unnamed, language).toEqual([]);
    }
  });

  it("declare every event kind the server emits, except account-level ones", () => {
    const emitted = emittedActions();
    expect(emitted.length).toBeGreaterThan(40);
    expect(emitted).toContain("incident.reopened");
    expect(emitted).toContain("review.approved");
    expect(emitted.filter((a) => !declared.has(a) && !NOT_ON_A_TIMELINE.test(a))).toEqual([]);
  });

  it("declare each kind once, with an example that fits its payload schema", () => {
    expect(declared.size).toBe(TIMELINE_EVENTS.length);
    for (const d of TIMELINE_EVENTS) expect(d.payload.safeParse(d.example.after).success, d.name).toBe(true);
  });

  it.each(LANGUAGES)("render every kind as a sentence in %s, never as a code or a key", (lang) => {
    const users = new Map([["00000000-0000-4000-8000-000000000001", "Kari Nordmann"]]);
    const lookups = {
      lang, zone: "Europe/Oslo", users,
      organizations: new Map([["org", "Nordby kommun"]]),
      notices: new Map([["notice", { phase: "initial", language: "sv" }]]),
    };
    for (const d of TIMELINE_EVENTS) {
      const s = eventSentence({
        action: d.name, actorId: "00000000-0000-4000-8000-000000000001", actorLabel: "kari@example.test",
        before: d.example.before ?? null, after: d.example.after, targetId: "notice", organizationId: "org",
      }, lookups);
      expect(s, d.name).not.toMatch(/\{|\}|timeline:|common:|very_high|\b[a-z]+_[a-z_]+\b/);
      expect(s, d.name).not.toContain(d.name);
      expect(s.length, d.name).toBeGreaterThan(10);
    }
  });

  it("say who did what to whom in the reader's language", () => {
    const entry = {
      action: "notice.queued", actorId: "u1", actorLabel: "kari@example.test", before: { status: "approved" }, after: { status: "queued" },
      targetId: "n1", organizationId: "o1",
    };
    const lookups = (lang: string) => ({
      lang, zone: "Europe/Stockholm", users: new Map([["u1", "Kari N."]]), organizations: new Map([["o1", "Nordby kommun"]]),
      notices: new Map([["n1", { phase: "initial", language: "sv" }]]),
    });
    expect(eventSentence(entry, lookups("en"))).toBe("Kari N. sent the initial notice to Nordby kommun (Swedish).");
    expect(eventSentence(entry, lookups("sv"))).toBe("Kari N. skickade den första underrättelsen till Nordby kommun (på svenska).");
    expect(eventSentence(entry, lookups("nb"))).toBe("Kari N. sendte det første varselet til Nordby kommun (på svensk).");
    const system = { ...entry, action: "incident.transitioned", actorId: null, actorLabel: "system", before: { status: "resolved" }, after: { status: "closed" } };
    expect(eventSentence(system, lookups("sv"))).toBe("Vakt flyttade incidenten från löst till avslutad.");
  });

  it("tell an owner change once, with no bookkeeping stamp or raw instant", () => {
    const entry = {
      action: "incident.updated", actorId: "u1", actorLabel: "kari@example.test", targetId: "i1", organizationId: null,
      before: { ownerId: null, ownerAssignedAt: null }, after: { ownerId: "u1", ownerAssignedAt: "2026-12-07T22:30:20.459Z" },
    };
    const reader = { lang: "en", zone: "Europe/Stockholm", users: new Map([["u1", "Kari N."]]) };
    expect(eventSentence(entry, reader)).toBe("Kari N. changed the owner from none to Kari N..");
    const moved = { ...entry, before: { detectedAt: "2026-12-07T08:00:00.000Z" }, after: { detectedAt: "2026-12-07T07:00:00.000Z" } };
    expect(eventSentence(moved, reader)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});
