import { describe, expect, it } from "vitest";
import { noticeHoursWarnings } from "./noticeHours.js";
import { CreateOrganizationBody } from "../schemas/organization.js";

const org = { name: "Skola AB", country: "SE", language: "sv" as const };

// GDPR Art. 33(1)-(2); EDPB 9/2022 II.A.4 (processor obligations): the controller's 72 hours start when the processor tells it.
describe("noticeHours of a data processing agreement (GDPR Art. 33(2); EDPB 9/2022 II.A.4)", () => {
  it("EDPB 9/2022 II.A.4: warns above 72 hours, not at 72", () => {
    expect(noticeHoursWarnings(72)).toEqual([]);
    expect(noticeHoursWarnings(73)[0]).toMatch(/^noticeHours 73 is more than 72: .*Art\. 33\(2\).*Art\. 33\(1\)/);
  });

  it("GDPR Art. 33(2): refuses more than 720 hours, naming the field", () => {
    expect(CreateOrganizationBody.safeParse({ ...org, noticeHours: 720 }).success).toBe(true);
    const r = CreateOrganizationBody.safeParse({ ...org, noticeHours: 721 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["noticeHours"], message: expect.stringMatching(/at most 720 hours/) });
  });
});
