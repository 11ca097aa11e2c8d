import { describe, expect, it } from "vitest";
import { groupsOf, suggestVulnerableGroups } from "./vulnerable.js";

// EDPB 9/2022 IV.B "special characteristics of the individual"; ENISA 2013 "characteristics of the individuals".
describe("vulnerable people: structured choices, free text (sv, nb, en) only suggests (EDPB 9/2022 IV.B, ENISA 2013)", () => {
  it("EDPB 9/2022 IV.B: suggests groups from Swedish, Norwegian and English words", () => {
    expect(suggestVulnerableGroups(["elever", "vårdnadshavare", "lärare"])).toEqual(["pupils", "guardians", "staff"]);
    expect(suggestVulnerableGroups(["foresatte", "ansatte", "pasienter"])).toEqual(["guardians", "staff", "patients"]);
    expect(suggestVulnerableGroups(["elevene", "barnehagebarn"])).toEqual(["pupils", "childrenUnder13"]);
    expect(suggestVulnerableGroups(["pupils", "parents", "employees", "patients"])).toEqual(["pupils", "guardians", "staff", "patients"]);
    expect(suggestVulnerableGroups(["minderåriga", "mindreårige", "children"])).toEqual(["childrenUnder16"]);
    expect(suggestVulnerableGroups(["kunder", "customers", "applicants"])).toEqual([]);
  });

  it("ENISA 2013: reads groups from the structured choice; the free text only for assessments stored before it", () => {
    expect(groupsOf({ vulnerableGroups: [], subjectCategories: ["pupils"] })).toEqual([]);
    expect(groupsOf({ subjectCategories: ["pupils", "patients", "kids"] })).toEqual(["pupils", "childrenUnder16", "patients"]);
  });
});
