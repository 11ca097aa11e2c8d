import { describe, expect, it } from "vitest";
import { controllerClock } from "./controllerDeadline.js";

// Sources: GDPR Art. 33(1) (72 hours after having become aware); EDPB Guidelines 9/2022, II.A.4
// (processor obligations): "in principle, the controller should be considered as 'aware' once the
// processor has informed it of the breach".
describe("the controller's own 72-hour clock", () => {
  it("has not started while our notice has not reached the controller", () => {
    expect(controllerClock({ sentAt: null, acknowledgedAt: null })).toBeNull();
  });

  it("runs 72 real hours from delivery, across a daylight-saving change", () => {
    expect(controllerClock({ sentAt: "2026-03-27T10:00:00.000Z", acknowledgedAt: null }))
      .toEqual({ awareAt: "2026-03-27T10:00:00.000Z", basis: "delivered", dueAt: "2026-03-30T10:00:00.000Z" });
  });

  it("starts at an acknowledgement that came before our delivery bookkeeping", () => {
    expect(controllerClock({ sentAt: new Date("2026-11-20T13:30:00.000Z"), acknowledgedAt: new Date("2026-11-20T13:29:00.000Z") }))
      .toEqual({ awareAt: "2026-11-20T13:29:00.000Z", basis: "acknowledged", dueAt: "2026-11-23T13:29:00.000Z" });
  });

  it("keeps delivery when the acknowledgement came later (awareness does not wait for a reply)", () => {
    expect(controllerClock({ sentAt: "2026-11-20T13:30:00.000Z", acknowledgedAt: "2026-11-21T08:00:00.000Z" })?.dueAt).toBe("2026-11-23T13:30:00.000Z");
  });
});
