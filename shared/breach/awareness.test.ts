import { describe, expect, it } from "vitest";
import { awarenessClock, checkAwarenessChange } from "./awareness.js";

const first = "2026-11-20T08:00:00.000Z";
const current = { awareAt: "2026-11-20T06:00:00.000Z", firstAwareAt: first };
const check = (next: string, reason?: string, mayMoveLater = false) => checkAwarenessChange({ current, next, reason, reasonField: "awareAtChangeReason", mayMoveLater });

// GDPR Art. 33(1) and EDPB 9/2022 II.A.2 ("when does a controller become aware"): the clocks run from awareness.
describe("awareness: a protected clock start (GDPR Art. 33(1); EDPB 9/2022 II.A.2)", () => {
  it("EDPB 9/2022 II.A.2: the first recording needs no reason; keeping it needs none either", () => {
    expect(checkAwarenessChange({ current: null, next: first, reason: undefined, reasonField: "reason", mayMoveLater: false })).toEqual({ kind: "first", laterThanFirst: false, problem: null });
    expect(check(current.awareAt).problem).toBeNull();
    // Told to the minute: seconds apart is the same awareness.
    expect(check("2026-11-20T06:00:40.000Z")).toMatchObject({ kind: "unchanged", problem: null });
  });

  it("EDPB 9/2022 II.A.2: moving awareness needs a reason, naming the field", () => {
    expect(check("2026-11-20T05:00:00.000Z")).toMatchObject({ kind: "earlier", problem: { status: 400, field: "awareAtChangeReason" } });
    expect(check("2026-11-20T05:00:00.000Z", "The log shows the export at 05:00.").problem).toBeNull();
  });

  it("GDPR Art. 33(1): moving it later than the first recorded awareness needs the privacy role", () => {
    const reason = "The first report was a false alarm; the breach was confirmed at 09:00.";
    // Later than the current but not than the first: any role with a reason.
    expect(check("2026-11-20T07:30:00.000Z", reason)).toMatchObject({ kind: "later", laterThanFirst: false, problem: null });
    expect(check("2026-11-20T09:00:00.000Z", reason)).toMatchObject({ laterThanFirst: true, problem: { status: 403, field: "awareAt" } });
    expect(check("2026-11-20T09:00:00.000Z", reason, true)).toMatchObject({ kind: "later", laterThanFirst: true, problem: null });
  });

  it("GDPR Art. 33(1): the clock runs from awareness before the first assessment (\"assessment not yet done, 62 h left\")", () => {
    const c = awarenessClock("2026-11-20T08:00:00.000Z", false, "2026-11-20T18:00:00.000Z");
    expect(c).toMatchObject({ dueAt: "2026-11-23T08:00:00.000Z", hoursLeft: 62, overdue: false });
    expect(c.text).toBe("Assessment not yet done: 62 h left of the 72 hours from awareness (Art. 33(1)).");
    expect(awarenessClock("2026-11-20T08:00:00.000Z", true, "2026-11-23T11:30:00.000Z")).toMatchObject({ overdue: true, hoursLeft: -3, text: "3 h overdue of the 72 hours from awareness (Art. 33(1))." });
  });
});
