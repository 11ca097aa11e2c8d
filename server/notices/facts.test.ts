import { describe, expect, it } from "vitest";
import { describeChanges, unknowns, type NoticeFacts } from "./facts.js";
import { labels, textToHtml } from "./render.js";

const base: NoticeFacts = {
  reference: "INC-2026-0001", title: "t", incidentStatus: "triaged", organization: "Org", awareAt: "2026-11-30T10:00:00Z",
  occurredAt: null, ceasedAt: null, summary: "What happened.", types: ["confidentiality"], dataCategories: ["basic", "contact"],
  subjectCategories: ["pupils"], approxSubjects: 10, approxRecords: null, likelyConsequences: null, dataLocation: null, cause: null,
  systems: [], measures: [{ title: "Lock the bucket", status: "open" }], nextUpdateAt: null, vendor: { name: "V", contacts: [] },
};

describe("what changed between two notices", () => {
  it("says nothing material changed when the facts are the same (the next update date is no change)", () => {
    expect(describeChanges(base, { ...base, nextUpdateAt: "2026-12-02T10:00:00Z" }, "en")).toEqual(["No material change in the facts since our previous notice."]);
  });

  it("names each change in the controller's language", () => {
    const next: NoticeFacts = {
      ...base, incidentStatus: "resolved", approxRecords: 40, dataCategories: ["basic", "credentials"], subjectCategories: ["pupils", "staff"],
      summary: "More detail.", measures: [{ title: "Lock the bucket", status: "done" }, { title: "Reset passwords", status: "open" }],
    };
    expect(describeChanges(base, next, "sv")).toEqual([
      "Incidentens status: bedömd, utreds → åtgärdad",
      "Ungefärligt antal av era poster: ännu inte känt → 40",
      "Ytterligare kategorier av personuppgifter berörs: användarnamn och lösenord",
      "Bedöms inte längre beröras: kontaktuppgifter",
      "Kategorier av registrerade: pupils → pupils, staff",
      "Beskrivningen av vad som hänt har uppdaterats (avsnitt 1).",
      "Åtgärd \"Lock the bucket\": pågår → klar",
      "Ny åtgärd: Reset passwords (pågår)",
    ]);
  });

  it("lists what is still unknown", () => {
    expect(unknowns(base, labels("nb"))).toEqual([
      "Hvor mange av deres poster som berøres", "De sannsynlige konsekvensene", "Når bruddet startet", "Årsaken", "Hvor opplysningene er nå",
    ]);
  });
});

describe("the HTML part", () => {
  it("escapes the text, keeps paragraphs and headings, and makes links clickable", () => {
    const html = textToHtml("To <Org> & co,\n\n1. WHAT HAPPENED\nLine one\nLine two\n\nConfirm: https://vakt.example.test/ack/abc.1.x", "sv", "Subject <b>");
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain("<title>Subject &lt;b&gt;</title>");
    expect(html).toContain("To &lt;Org&gt; &amp; co,");
    expect(html).toContain(">1. WHAT HAPPENED</h3>");
    expect(html).toContain("Line one<br>\nLine two");
    expect(html).toContain('<a href="https://vakt.example.test/ack/abc.1.x">https://vakt.example.test/ack/abc.1.x</a>');
    expect(html).not.toContain("<Org>");
  });
});
