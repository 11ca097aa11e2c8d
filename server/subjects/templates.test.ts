import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADVICE_TOPICS, adviceFlags, adviceTopics, SUBJECT_AUDIENCE_KINDS, type SubjectAudience } from "../../shared/subjects/advice.js";
import { DATA_CATEGORIES } from "../../shared/schemas/breach.js";
import { lix, PUPIL_LIX_MAX } from "../../shared/subjects/readability.js";
import { noticeHtml, renderSubjectNotice, type SubjectTemplateData } from "./render.js";

const DIR = path.resolve(import.meta.dirname, "templates");
const LANGS = ["en", "sv", "nb"] as const;
const files = (lang: string) => [...fs.readdirSync(path.join(DIR, lang)), ...fs.readdirSync(path.join(DIR, lang, "partials")).map((f) => `partials/${f}`)].filter((f) => f.endsWith(".hbs")).sort();

function data(categories: readonly string[], audience: SubjectAudience, isPublic: boolean, over: Partial<SubjectTemplateData> = {}): SubjectTemplateData {
  const cat = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, categories.includes(c)]));
  return {
    controller: { name: "Test School" }, reference: "INC-2026-0042",
    audience: { general: false, pupils: false, guardians: false, staff: false, customers: false, [audience]: true },
    isPublic, types: { confidentiality: true, integrity: true, availability: true }, cat,
    sensitive: Boolean(cat.special || cat.criminal), anyConsequence: categories.length > 0,
    summary: null, occurredOn: null, awareOn: "1 December 2026", today: "2 December 2026", approxSubjects: 10, consequences: null,
    measures: { taken: [], planned: [], any: false }, reportedToAuthority: false, authority: null, complaintAuthority: null,
    advice: adviceFlags(adviceTopics(categories, audience)), contact: null, ...over,
  };
}

/** One phrase per advice topic and language (adults' texts), so a topic that goes missing from a template is noticed. */
const TOPIC_MARKERS: Record<(typeof LANGS)[number], Record<(typeof ADVICE_TOPICS)[number], RegExp>> = {
  en: { password: /two-step login/, phishing: /never ask for your password/, financial: /contact your bank/, identity: /credit freeze/, location: /share location/, sensitive: /find support/, children: /talk with (your child|them)/i },
  sv: { password: /tvåstegsverifiering/, phishing: /aldrig att be om ditt lösenord/, financial: /din bank/, identity: /bedrägerispärr/, location: /delar din plats/, sensitive: /hitta stöd/, children: /prata med/i },
  nb: { password: /totrinnsinnlogging/, phishing: /aldri til å be om passordet/, financial: /kontakt banken din/, identity: /kredittsperre/, location: /deler posisjonen/, sensitive: /finne støtte/, children: /snakk med/i },
};

describe("data-subject templates", () => {
  it("exist with the same files in every language", () => {
    expect(files("sv")).toEqual(files("en"));
    expect(files("nb")).toEqual(files("en"));
  });

  it("render every audience, variant and language, with all categories and with none, leaving no gaps", () => {
    for (const lang of LANGS)
      for (const audience of SUBJECT_AUDIENCE_KINDS)
        for (const isPublic of [false, true])
          for (const categories of [DATA_CATEGORIES, [] as string[]]) {
            const { title, body } = renderSubjectNotice(data(categories, audience, isPublic), lang);
            const where = `${lang}/${audience}/${isPublic}/${categories.length}`;
            expect(title, where).toContain("Test School");
            expect(body, where).not.toMatch(/\{\{|\}\}|undefined|null|\[object/);
            expect(body, where).not.toMatch(/\n{3,}/);
            // no contact point: the text says so loudly rather than leaving it out
            expect(body, where).toMatch(/MISSING|SAKNAS|MANGLER/);
            if (audience === "pupils") expect(lix(body), where).toBeLessThan(PUPIL_LIX_MAX);
          }
  });

  it("carry every advice topic the rules can ask for, in every language", () => {
    for (const lang of LANGS) {
      for (const audience of ["general", "guardians"] as const) {
        const { body } = renderSubjectNotice(data(DATA_CATEGORIES, audience, false), lang);
        for (const topic of ADVICE_TOPICS) expect(body, `${lang}/${audience}/${topic}`).toMatch(TOPIC_MARKERS[lang][topic]);
      }
      // and none of them when the categories call for none
      const { body } = renderSubjectNotice(data(["basic"], "general", false), lang);
      for (const topic of ADVICE_TOPICS) expect(body, `${lang}/basic/${topic}`).not.toMatch(TOPIC_MARKERS[lang][topic]);
    }
  });

  it("puts the written facts in: summary, consequences, measures, authority, contact", () => {
    const { body } = renderSubjectNotice(data(["contact"], "general", false, {
      summary: "Synthetic summary.", consequences: "Synthetic consequences.", measures: { taken: ["Locked the share"], planned: ["Train staff"], any: true },
      reportedToAuthority: true, authority: "Integritetsskyddsmyndigheten (IMY)", contact: { name: "Ada", email: "ada@example.test", role: "DPO" },
    }), "sv");
    for (const s of ["Synthetic summary.", "Synthetic consequences.", "- Locked the share", "- Train staff", "Integritetsskyddsmyndigheten (IMY)", "ada@example.test"]) expect(body).toContain(s);
    expect(body).not.toMatch(/SAKNAS/);
  });

  it("turns the text into escaped HTML with headings and lists", () => {
    const html = noticeHtml("T <b>", "Heading\nFirst line & more.\n\n- one\n- <two>\n\nKind regards,\nSchool", "nb");
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain("<title>T &lt;b&gt;</title>");
    expect(html).toContain("<h2>Heading</h2>\n<p>First line &amp; more.</p>");
    expect(html).toContain("<ul><li>one</li><li>&lt;two&gt;</li></ul>");
    expect(html).toContain("<p>Kind regards,</p>\n<p>School</p>");
  });
});
