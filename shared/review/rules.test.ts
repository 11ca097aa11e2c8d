import { describe, expect, it } from "vitest";
import { mayApprove, reviewRequirements } from "./rules.js";

describe("review rules", () => {
  it("needs a root cause and lessons before submission", () => {
    expect(reviewRequirements({ rootCause: [], lessons: "" })).toEqual(["Write the root cause (e.g. the five whys).", "Write the lessons learned."]);
    expect(reviewRequirements({ rootCause: ["  "], lessons: "Check policies in CI" })).toEqual(["Write the root cause (e.g. the five whys)."]);
    expect(reviewRequirements({ rootCause: ["Script reset the policy"], lessons: "Check policies in CI" })).toEqual([]);
  });
  it("lets only someone other than the author approve a submitted review", () => {
    expect(mayApprove({ status: "in_review", authorId: "a" }, "b")).toBe(true);
    expect(mayApprove({ status: "in_review", authorId: "a" }, "a")).toBe(false);
    expect(mayApprove({ status: "draft", authorId: "a" }, "b")).toBe(false);
    expect(mayApprove({ status: "in_review", authorId: null }, null)).toBe(false);
  });
});
