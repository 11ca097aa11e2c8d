import { describe, expect, it } from "vitest";
import { AUTHORITY_FORMS, IMY_INCIDENT_KINDS, crossBorderAnswer, fieldsFor, imyKindOf, isLate, missingFields, reportIsLate } from "./authorityForms.js";

describe("authority forms", () => {
  it("keeps each authority's form in its own language with the Art. 33(3) content", () => {
    expect(AUTHORITY_FORMS.IMY.language).toBe("sv");
    expect(AUTHORITY_FORMS.Datatilsynet.language).toBe("nb");
    for (const form of Object.values(AUTHORITY_FORMS)) {
      const keys = form.fields.map((x) => x.key);
      for (const k of ["natureDescription", "approxSubjects", "dataCategories", "likelyConsequences", "measuresTaken", "contactPoint"] as const) expect(keys).toContain(k);
    }
    expect(AUTHORITY_FORMS.Datatilsynet.fields.map((x) => x.key)).toEqual(expect.arrayContaining(["cause", "relationshipToSubjects", "dataLocation"]));
  });
  it("asks for the delay reason only after 72 hours", () => {
    expect(isLate("2026-03-27T10:00:00Z", "2026-03-30T10:00:00Z")).toBe(false);
    expect(isLate("2026-03-27T10:00:00Z", "2026-03-30T10:00:01Z")).toBe(true);
    expect(fieldsFor("IMY", false).some((x) => x.key === "delayReason")).toBe(false);
    expect(missingFields("IMY", true, {}).map((m) => m.key)).toContain("delayReason");
  });
  it("judges only the initial report late, at submission or else now; supplements need no reasons (Art. 33(4))", () => {
    const aware = "2026-03-27T10:00:00Z";
    expect(reportIsLate("initial", aware, null, "2026-03-30T09:00:00Z")).toBe(false);
    expect(reportIsLate("initial", aware, null, "2026-03-30T11:00:00Z")).toBe(true);
    expect(reportIsLate("initial", aware, "2026-03-30T09:00:00Z", "2026-04-30T00:00:00Z")).toBe(false);
    expect(reportIsLate("supplementary", aware, null, "2026-04-30T00:00:00Z")).toBe(false);
    expect(reportIsLate("final", aware, null, "2026-04-30T00:00:00Z")).toBe(false);
    expect(reportIsLate("initial", null, null)).toBe(false);
  });
  it("lists missing required fields by label", () => {
    const values = Object.fromEntries(AUTHORITY_FORMS.generic.fields.map((x) => [x.key, "x"]));
    expect(missingFields("generic", false, values)).toEqual([]);
    expect(missingFields("generic", false, { ...values, likelyConsequences: " " })).toEqual([{ key: "likelyConsequences", label: "(c) Likely consequences" }]);
  });
});

describe("the IMY form (e-tjanster.imy.se/sv/anmalan)", () => {
  const imy = (key: string) => AUTHORITY_FORMS.IMY.fields.find((x) => x.key === key);

  it("asks for the organisation's postal address, a contact with telephone, and a confidentiality request (IMY: the notification becomes a public document)", () => {
    expect(imy("postalAddress")).toMatchObject({ label: "Organisationens postadress", required: true });
    expect(imy("contactPoint")?.label).toMatch(/telefon/);
    expect(imy("confidentialityRequest")).toMatchObject({ required: false, multiline: true });
    expect(imy("confidentialityRequest")?.label).toMatch(/sekretess/);
  });

  it("offers IMY's incident kinds as a pick list of data, prefilled only where the incident's category tells", () => {
    expect(imy("incidentKind")?.options).toEqual(IMY_INCIDENT_KINDS.map((k) => k.label));
    expect(IMY_INCIDENT_KINDS.map((k) => k.code)).toEqual(["misdirected", "unauthorisedAccess", "disclosure", "attack", "lossOrTheft", "technical", "other"]);
    expect(imyKindOf("intrusions")).toMatch(/^Antagonistiskt angrepp/);
    expect(imyKindOf("availability")).toMatch(/^Tekniskt fel/);
    // organisational mishandling may be a misdirected e-mail or a lost laptop: the privacy officer chooses
    expect(imyKindOf("organisational")).toBe("");
    expect(imyKindOf(null)).toBe("");
  });

  it("answers the cross-border question from the data subjects' countries (GDPR Art. 4(23)(b)), not the customers'", () => {
    expect(crossBorderAnswer(["SE"], "IMY", "sv")).toBe("Nej: endast registrerade i SE");
    expect(crossBorderAnswer(["se", "NO"], "IMY", "sv")).toBe("Ja: registrerade i NO, SE");
    // a Swedish authority, Norwegian pupils only: still cross-border for IMY
    expect(crossBorderAnswer(["NO"], "IMY", "sv")).toBe("Ja: registrerade i NO");
    expect(crossBorderAnswer(["NO"], "Datatilsynet", "nb")).toBe("Nei: bare registrerte i NO");
    expect(crossBorderAnswer(["DE", "FR"], "generic", "en")).toBe("Yes: data subjects in DE, FR");
    expect(crossBorderAnswer([], "IMY", "sv")).toBe("");
    expect(crossBorderAnswer(undefined, "IMY", "sv")).toBe("");
  });

  it("calls the controller's filing with IMY an anmälan: it is the controller's notification under Art. 33(1)", () => {
    expect(AUTHORITY_FORMS.IMY.title).toBe("Anmälan av personuppgiftsincident");
  });
});
