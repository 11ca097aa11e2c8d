import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMailRenderer } from "./render.js";
import { durationIn, instantIn, systemMailIn, textMailIn } from "./languages.js";
import { invitationMail } from "../users/invitations.js";
import { loadConfig } from "../config.js";
import { translator, type Language } from "../../shared/i18n/index.js";

const incidentMail = createMailRenderer(path.resolve(import.meta.dirname, "../incidents/templates"));
const DUE = "2030-03-31T10:00:00.000Z";
const ZONE = "Europe/Stockholm";

/** Each of Vakt's own mails as its reader gets it, in `lang`. */
function mails(lang: Language) {
  const t = translator(lang);
  const span = durationIn(5.5 * 3_600_000, t);
  return {
    reminder: systemMailIn("reminder", {
      overdue: false, span, left: t("mail:reminder.left", { span }), obligation: "Notify the controller", regime: "GDPR", article: "Art. 33(2)",
      debtor: "Processor (us)", creditor: "Alpha skola (test)", due: instantIn(DUE, ZONE, lang), reference: "INC-1", title: "Probe", link: "https://vakt.example.test/incidents/1",
    }, lang),
    overdue: systemMailIn("reminder", {
      overdue: true, span: "2 h", left: t("mail:reminder.overdue", { span: durationIn(2 * 3_600_000, t) }), obligation: "Notify the controller", regime: "GDPR",
      article: "Art. 33(2)", debtor: "Processor (us)", creditor: "Alpha skola (test)", due: instantIn(DUE, ZONE, lang), reference: "INC-1", title: "Probe",
      link: "https://vakt.example.test/incidents/1",
    }, lang),
    followUp: systemMailIn("followup-overdue", {
      escalation: true, action: "Patch the load balancer", owner: "Kari Nordmann", due: instantIn(DUE, ZONE, lang), days: t("mail:followup.days", { count: 8 }),
      reference: "INC-1", title: "Probe", link: "https://vakt.example.test/incidents/1/review",
    }, lang),
    operational: systemMailIn("operational-overdue", {
      clock: t("mail:operational.clock.acknowledge"), severity: t("labels:severity.high").toLocaleLowerCase(), target: durationIn(30 * 60_000, t),
      due: instantIn(DUE, ZONE, lang), detected: instantIn(DUE, ZONE, lang), reference: "INC-1", title: "Probe", owner: t("mail:followup.nobody"),
      link: "https://vakt.example.test/incidents/1",
    }, lang),
    breakGlass: textMailIn(incidentMail, "break-glass", {
      admin: "Ada Admin", adminEmail: "ada@example.test", reference: "INC-1", title: "Probe", reason: "Kari har semester; fristen går ut i dag",
      at: instantIn(DUE, ZONE, lang), link: "https://vakt.example.test/incidents/1",
    }, lang),
    invitation: invitationMail({
      config: loadConfig({ VENDOR_NAME: "Exempel AB", VENDOR_TIME_ZONE: ZONE }), name: "Kari", link: "https://vakt.example.test/invitation#t", expiresAt: new Date(DUE), lang,
    }),
  };
}

/** English words of the old templates that must not be left in a Swedish or Norwegian mail. */
const ENGLISH = /\b(Reminder|OVERDUE|Owed|Obligation|Due|left|overdue|Follow-up|ESCALATION|Target missed|Detected|Owner|Reason given|Open the|You receive)\b/;

describe("Vakt's own mails in the reader's language", () => {
  it.each(["sv", "nb"] as const)("%s: every mail is wholly in the language, placeholders filled, times on the Swedish wall clock", (lang) => {
    for (const [name, m] of Object.entries(mails(lang))) {
      for (const part of [m.subject, m.text]) {
        expect(part, `${name} in ${lang}`).not.toMatch(ENGLISH);
        expect(part, `${name} in ${lang}`).not.toMatch(/\{\w+\}|undefined|\bmail:/);
      }
      expect(m.html, name).toContain(`<html lang="${lang}">`);
    }
  });

  it("sv: the texts read as Swedish", () => {
    const m = mails("sv");
    expect(m.reminder.subject).toBe("Påminnelse: Notify the controller — INC-1 (5 tim 30 min kvar)");
    expect(m.reminder.text).toContain("Fristen för denna skyldighet går ut om 5 tim 30 min.");
    expect(m.reminder.text).toContain("Ska fullgöras gentemot: Alpha skola (test)");
    expect(m.reminder.text).toContain("Frist: sön 31 mars 2030 kl. 12.00 (svensk tid) (2030-03-31 10:00 UTC)");
    expect(m.overdue.subject).toBe("FÖRSENAD: Notify the controller — INC-1 (2 tim efter fristen)");
    expect(m.followUp.subject).toBe("ESKALERING: Försenad åtgärd från uppföljningen: Patch the load balancer — INC-1");
    expect(m.followUp.text).toContain("är 8 dagar försenad");
    expect(m.operational.subject).toBe("Mål missat: tid till kvittering för INC-1 (hög)");
    expect(m.operational.text).toContain("var 30 min från upptäckt");
    expect(m.breakGlass.subject).toBe("Nödåtkomst: Ada Admin gick in i den begränsade incidenten INC-1");
    expect(m.breakGlass.text).toContain("Angivet skäl: Kari har semester; fristen går ut i dag");
    expect(m.invitation.subject).toBe("Exempel AB bjuder in dig till Vakt");
  });

  it("nb: the texts read as Norwegian", () => {
    const m = mails("nb");
    expect(m.reminder.subject).toBe("Påminnelse: Notify the controller — INC-1 (5 t 30 min igjen)");
    expect(m.reminder.text).toContain("Skal oppfylles overfor: Alpha skola (test)");
    expect(m.reminder.text).toMatch(/Frist: søn\. 31\. mars 2030 kl\. 12\.00 \(svensk tid\)/);
    expect(m.overdue.text).toMatch(/^Fristen er ute \(2 t over fristen\)/);
    expect(m.followUp.text).toContain("er 8 dager på overtid");
    expect(m.operational.subject).toBe("Mål ikke nådd: tid til kvittering for INC-1 (høy)");
    expect(m.breakGlass.text).toContain("brukte nødtilgang for å gå inn i den begrensede hendelsen INC-1 Probe");
    expect(m.invitation.text).toContain("Hei Kari");
  });

  it("en keeps the wording the team knows", () => {
    const m = mails("en");
    expect(m.reminder.subject).toBe("Reminder: Notify the controller — INC-1 (5 h 30 min left)");
    expect(m.overdue.text).toMatch(/^The deadline has passed \(2 h overdue\) and the obligation is still pending/);
    expect(m.reminder.html).toContain('<a href="https://vakt.example.test/incidents/1">');
  });
});
