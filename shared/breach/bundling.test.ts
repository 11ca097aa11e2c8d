import { describe, expect, it } from "vitest";
import { bundleProblems, BUNDLE_MAX_SPAN_DAYS, type BundleCandidate } from "./bundling.js";

const at = (day: number) => new Date(Date.UTC(2026, 10, 1 + day, 9));
const misdirected = (reference: string, day: number, over: Partial<BundleCandidate["assessment"] & { category: string | null }> = {}): BundleCandidate => ({
  reference, category: over.category === undefined ? "organisational" : over.category,
  assessment: { types: over.types ?? ["confidentiality"], dataCategories: over.dataCategories ?? ["contact", "basic"], awareAt: over.awareAt ?? at(day) },
});

describe("which breaches may be bundled (EDPB Guidelines 9/2022, para. 97)", () => {
  it("accepts the same data breached the same way within the period, whatever the order of categories", () => {
    expect(bundleProblems([misdirected("INC-1", 0), misdirected("INC-2", 3, { dataCategories: ["basic", "contact"] })])).toEqual([]);
  });
  it("names each breach that differs in kind, way or data", () => {
    const problems = bundleProblems([
      misdirected("INC-1", 0), misdirected("INC-2", 1, { category: "intrusions" }), misdirected("INC-3", 1, { types: ["confidentiality", "availability"] }),
      misdirected("INC-4", 2, { dataCategories: ["contact", "basic", "special"] }),
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining("one kind (organisational as INC-1); different: INC-2"),
      expect.stringContaining("the same way (confidentiality); different: INC-3"),
      expect.stringContaining("same kinds of data (contact, basic); different: INC-4"),
    ]);
  });
  it("refuses a span longer than a short period, and accepts exactly the limit", () => {
    expect(bundleProblems([misdirected("INC-1", 0), misdirected("INC-2", BUNDLE_MAX_SPAN_DAYS)])).toEqual([]);
    expect(bundleProblems([misdirected("INC-1", 0), misdirected("INC-2", BUNDLE_MAX_SPAN_DAYS + 1)])[0].message).toContain(`spans ${BUNDLE_MAX_SPAN_DAYS + 1} days`);
  });
  it("asks for an assessment and a classification first", () => {
    const unassessed: BundleCandidate = { reference: "INC-9", category: null, assessment: null };
    expect(bundleProblems([misdirected("INC-1", 0), unassessed]).map((p) => p.message)).toEqual([
      expect.stringContaining("assess each breach before bundling it: INC-9"), expect.stringContaining("classify each incident before bundling it: INC-9"),
    ]);
  });
});
