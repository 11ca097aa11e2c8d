import type { AdviceTopic } from "./advice.js";

/**
 * The content a communication to data subjects must have (Art. 34(2), which refers to
 * Art. 33(3)(b), (c) and (d)), plus the concrete advice the EDPB expects (Guidelines 9/2022).
 */
export const ART_34_2_ELEMENTS = [
  { code: "nature", article: "Art. 34(2)", label: "A clear, plain-language description of the nature of the breach" },
  { code: "contact", article: "Art. 34(2), 33(3)(b)", label: "The name and contact details of the data protection officer or other contact point" },
  { code: "consequences", article: "Art. 34(2), 33(3)(c)", label: "The likely consequences of the breach" },
  { code: "measures", article: "Art. 34(2), 33(3)(d)", label: "The measures taken or proposed to address the breach and mitigate its effects" },
  { code: "advice", article: "Art. 34(2), 33(3)(d); EDPB 9/2022", label: "Concrete advice on how the people can protect themselves" },
] as const;
export type Art34Element = (typeof ART_34_2_ELEMENTS)[number]["code"];

/** ok: present; derived: present but made from general rules, check it; missing: must be added before sending. */
export type ChecklistStatus = "ok" | "derived" | "missing";

export interface SubjectNoticeFacts {
  /** What happened, in words (the assessment summary or the incident description). */
  description: string | null;
  /** The breached data categories. */
  categories: readonly string[];
  /** The controller's DPO or other contact point. */
  contact: { name: string; email: string } | null;
  /** Likely consequences as written in the assessment (otherwise derived from the categories). */
  consequences: string | null;
  measuresTaken: readonly string[];
  measuresPlanned: readonly string[];
  advice: readonly AdviceTopic[];
}

export interface ChecklistItem {
  code: Art34Element;
  article: string;
  label: string;
  status: ChecklistStatus;
  /** What to do about it, when not ok. */
  note?: string;
}

/**
 * Checks the Art. 34(2) content against the facts a draft is made from and, once a text
 * exists, against the text itself (an edit may have removed the contact point).
 */
export function art34Checklist(facts: SubjectNoticeFacts, body?: string): ChecklistItem[] {
  const check = (code: Art34Element): Pick<ChecklistItem, "status" | "note"> => {
    switch (code) {
      case "nature":
        if (facts.categories.length === 0) return { status: "missing", note: "The assessment names no data categories." };
        return facts.description?.trim()
          ? { status: "ok" }
          : { status: "derived", note: "No summary in the assessment: the text describes the breach from its type and categories only." };
      case "contact":
        if (!facts.contact) return { status: "missing", note: "The controller has no contact point: add its DPO or contact to the organisation's contacts." };
        if (body !== undefined && !body.toLowerCase().includes(facts.contact.email.toLowerCase()))
          return { status: "missing", note: `The text no longer gives the contact point's address (${facts.contact.email}).` };
        return { status: "ok" };
      case "consequences":
        return facts.consequences?.trim()
          ? { status: "ok" }
          : { status: "derived", note: "No likely consequences written in the assessment: the text gives the usual ones for the data categories." };
      case "measures":
        return facts.measuresTaken.length + facts.measuresPlanned.length > 0
          ? { status: "ok" }
          : { status: "missing", note: "No measures recorded: add the actions taken and planned to the incident's action plan." };
      case "advice":
        return facts.advice.length > 0
          ? { status: "ok" }
          : { status: "derived", note: "The data categories call for no specific advice: the text gives general advice only." };
    }
  };
  return ART_34_2_ELEMENTS.map((e) => ({ ...e, ...check(e.code) }));
}
