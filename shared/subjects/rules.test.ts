import { describe, expect, it } from "vitest";
import { adviceFlags, adviceTopics } from "./advice.js";
import { art34Checklist, type SubjectNoticeFacts } from "./checklist.js";
import { decisionContextIssues, decisionShapeIssues, supportedExceptions } from "./exceptions.js";
import { lix } from "./readability.js";

describe("advice from the breached data categories", () => {
  it("gives password advice only for credentials, phishing advice for contact data and credentials", () => {
    expect(adviceTopics(["credentials"])).toEqual(["password", "phishing"]);
    expect(adviceTopics(["contact", "basic"])).toEqual(["phishing"]);
    expect(adviceTopics(["basic"])).toEqual([]);
  });
  it("maps financial, identity, location, special and criminal data", () => {
    expect(adviceTopics(["financial", "identity", "location"])).toEqual(["financial", "identity", "location"]);
    expect(adviceTopics(["special"])).toEqual(["sensitive"]);
    expect(adviceTopics(["criminal"])).toEqual(["sensitive"]);
  });
  it("gives children's advice to pupils, guardians and the general public, not to staff", () => {
    expect(adviceTopics(["children"], "pupils")).toEqual(["children"]);
    expect(adviceTopics(["children"], "guardians")).toEqual(["children"]);
    expect(adviceTopics(["children"], "staff")).toEqual([]);
  });
  it("turns topics into template flags", () => {
    const flags = adviceFlags(["password"]);
    expect(flags.password).toBe(true);
    expect(flags.phishing).toBe(false);
  });
});

describe("Art. 34(2) checklist", () => {
  const facts: SubjectNoticeFacts = {
    description: "A copy of the pupil register was downloaded by an unknown party.",
    categories: ["contact", "credentials"],
    contact: { name: "Ada DPO", email: "dpo@school.example.test" },
    consequences: "Phishing messages that look like they come from the school.",
    measuresTaken: ["Reset all passwords"],
    measuresPlanned: [],
    advice: ["password", "phishing"],
  };
  const status = (items: ReturnType<typeof art34Checklist>) => Object.fromEntries(items.map((i) => [i.code, i.status]));

  it("is complete when every element is there", () => {
    expect(status(art34Checklist(facts))).toEqual({ nature: "ok", contact: "ok", consequences: "ok", measures: "ok", advice: "ok" });
  });
  it("flags a missing contact point and missing measures, and derived parts", () => {
    const items = art34Checklist({ ...facts, contact: null, measuresTaken: [], description: null, consequences: null, advice: [] });
    expect(status(items)).toEqual({ nature: "derived", contact: "missing", consequences: "derived", measures: "missing", advice: "derived" });
    expect(items.find((i) => i.code === "contact")?.note).toMatch(/contacts/);
  });
  it("notices when an edit removed the contact point's address from the text", () => {
    expect(status(art34Checklist(facts, "Write to DPO@school.example.test"))).toMatchObject({ contact: "ok" });
    expect(status(art34Checklist(facts, "Write to us"))).toMatchObject({ contact: "missing" });
  });
  it("needs data categories to describe the breach", () => {
    expect(status(art34Checklist({ ...facts, categories: [] })).nature).toBe("missing");
  });
});

describe("Art. 34(3) decision rules", () => {
  const fields = (issues: { field: string }[]) => issues.map((i) => i.field);

  it("communicating needs a channel; not communicating needs an exception or a reason", () => {
    expect(fields(decisionShapeIssues({ communicate: true, channels: [] }))).toEqual(["channels"]);
    expect(fields(decisionShapeIssues({ communicate: true, channels: ["email"] }))).toEqual([]);
    expect(fields(decisionShapeIssues({ communicate: false, channels: [] }))).toEqual(["reason"]);
    expect(fields(decisionShapeIssues({ communicate: false, channels: [], reason: "short" }))).toEqual(["reason"]);
    expect(fields(decisionShapeIssues({ communicate: false, channels: [], exception: "unintelligible" }))).toEqual([]);
    expect(fields(decisionShapeIssues({ communicate: false, channels: [], reason: "Only test accounts were affected, no real people." }))).toEqual([]);
  });
  it("Art. 34(3)(c) means a public communication, never silence", () => {
    expect(fields(decisionShapeIssues({ communicate: false, channels: [], exception: "disproportionateEffort" }))).toEqual(["exception"]);
    expect(fields(decisionShapeIssues({ communicate: true, channels: ["email"], exception: "disproportionateEffort" }))).toEqual(["channels"]);
    expect(fields(decisionShapeIssues({ communicate: true, channels: ["website"], exception: "disproportionateEffort" }))).toEqual([]);
  });
  it("a public channel alone needs Art. 34(3)(c) or a reason; (a) and (b) do not go with communicating", () => {
    expect(fields(decisionShapeIssues({ communicate: true, channels: ["website", "press"] }))).toEqual(["exception"]);
    expect(fields(decisionShapeIssues({ communicate: true, channels: ["website"], reason: "Former pupils cannot be reached any more." }))).toEqual([]);
    expect(fields(decisionShapeIssues({ communicate: true, channels: ["email"], exception: "unintelligible" }))).toEqual(["exception"]);
  });
  it("no channels or time when not communicating", () => {
    expect(fields(decisionShapeIssues({ communicate: false, channels: ["email"], exception: "unintelligible", communicatedAt: "2026-01-01T00:00:00Z" }))).toEqual(["channels", "communicatedAt"]);
  });
  it("checks the time and whether the assessment supports the exception", () => {
    const ctx = { mitigations: { encrypted: true }, detectedAt: new Date("2026-11-01T00:00:00Z"), now: new Date("2026-12-01T00:00:00Z") };
    expect(decisionContextIssues({ communicate: false, channels: [], exception: "unintelligible" }, ctx)).toEqual([]);
    const unsupported = decisionContextIssues({ communicate: false, channels: [], exception: "noLongerHighRisk" }, ctx);
    expect(fields(unsupported)).toEqual(["reason"]);
    expect(unsupported[0].message).toMatch(/34\(3\)\(b\)/);
    expect(decisionContextIssues({ communicate: false, channels: [], exception: "noLongerHighRisk", reason: "All exposed sessions were revoked within minutes." }, ctx)).toEqual([]);
    expect(fields(decisionContextIssues({ communicate: true, channels: ["email"], communicatedAt: "2027-01-01T00:00:00Z" }, ctx))).toEqual(["communicatedAt"]);
    expect(fields(decisionContextIssues({ communicate: true, channels: ["email"], communicatedAt: "2026-10-01T00:00:00Z" }, ctx))).toEqual(["communicatedAt"]);
    expect(supportedExceptions({ encrypted: true, disproportionateEffort: true })).toEqual(["unintelligible", "disproportionateEffort"]);
    expect(supportedExceptions(null)).toEqual([]);
  });
});

describe("LIX readability", () => {
  it("scores short plain sentences low and long officialese high", () => {
    const easy = lix("We lost some of your data. Someone may have seen it. Change your password now. Ask an adult for help.");
    const hard = lix("The controller's communication obligations notwithstanding, comprehensive organisational countermeasures addressing unauthorised disclosure were implemented subsequently.");
    expect(easy).toBeLessThan(30);
    expect(hard).toBeGreaterThan(60);
    expect(lix("")).toBe(0);
  });
});
