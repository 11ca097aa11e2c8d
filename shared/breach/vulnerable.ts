import type { VULNERABLE_GROUPS } from "../schemas/breach.js";

export type VulnerableGroup = (typeof VULNERABLE_GROUPS)[number];

/**
 * Who the people are, as structured choices, and what each does to the score.
 *
 * ENISA 2013 ("characteristics of the individuals", a raising factor of the data processing
 * context): data about vulnerable people weighs more. EDPB 9/2022, section IV.B "special
 * characteristics of the individual": children and other vulnerable people are at greater risk.
 * Employees are vulnerable towards their employer through the imbalance of power (WP29/EDPB
 * DPIA guidelines WP248, criterion 7, "vulnerable data subjects"). Patients: their mere presence
 * in the data reveals health, so ENISA's "characteristics of the controller" raises it instead
 * (scored in severity.ts). Guardians are not vulnerable as such; the choice records that the data
 * links them to children (choose the children's group as well when it does).
 */
export const GROUP_EFFECT: Record<VulnerableGroup, { individuals: number; words: string }> = {
  pupils: { individuals: 1, words: "pupils (children in school)" },
  childrenUnder13: { individuals: 1, words: "children under 13" },
  childrenUnder16: { individuals: 1, words: "children under 16" },
  guardians: { individuals: 0, words: "guardians" },
  staff: { individuals: 1, words: "staff or employees in a dependent position" },
  patients: { individuals: 0, words: "patients" },
  other: { individuals: 1, words: "other vulnerable people" },
};

export const CHILD_GROUPS: readonly VulnerableGroup[] = ["pupils", "childrenUnder13", "childrenUnder16"];

/**
 * Words in Swedish, Norwegian Bokmål and English that suggest a group. A suggestion only: the
 * assessor confirms it by choosing the group. Each pattern matches a whole free-text entry's words.
 */
const HINTS: [VulnerableGroup, RegExp][] = [
  ["pupils", /\b(pupils?|schoolchildren|elev(er|erna|en|ane|ene)?|skolbarn|skolebarn)\b/iu],
  ["childrenUnder13", /\b(under\s*13|<\s*13|småbarn|förskolebarn|barnehagebarn|toddlers?|infants?|spädbarn|spedbarn)\b/iu],
  ["childrenUnder16", /\b(children|child|minors?|kids|barn(en|et|a)?|minderåriga?|mindreårige?|ungdom(ar|mer)?|youths?|teenagers?)\b/iu],
  ["guardians", /\b(guardians?|parents?|vårdnadshavare|föräldrar|förälder|foresatte|foreldre|forelder|verger?)\b/iu],
  ["staff", /\b(staff|employees?|personnel|workers?|teachers?|personal(en)?|anställda|medarbetare|lärare|ansatte|tilsatte|medarbeidere|lærere|arbetstagare|arbeidstakere)\b/iu],
  ["patients", /\b(patients?|patient(er|erna|en)?|pasient(er|ene|en)?|brukare|brukere)\b/iu],
];

/** The groups that the free-text subject categories suggest (sv, nb, en), in the order of VULNERABLE_GROUPS, without repeats. */
export function suggestVulnerableGroups(subjectCategories: readonly string[] = []): VulnerableGroup[] {
  const found = new Set<VulnerableGroup>();
  for (const text of subjectCategories) for (const [group, re] of HINTS) if (re.test(text)) found.add(group);
  return HINTS.map(([g]) => g).filter((g) => found.has(g));
}

/**
 * The groups the assessment names. Assessments stored before the structured choice existed have
 * no `vulnerableGroups`; for them the free text is read as it was then, so old versions score
 * as they did when saved.
 */
export function groupsOf(a: { vulnerableGroups?: readonly VulnerableGroup[]; subjectCategories?: readonly string[] }): VulnerableGroup[] {
  if (a.vulnerableGroups) return [...a.vulnerableGroups];
  const legacy: [VulnerableGroup, RegExp][] = [["pupils", /^pupils?$/i], ["childrenUnder16", /^(children|child|minors?|kids)$/i], ["patients", /^patients?$/i]];
  return legacy.filter(([, re]) => (a.subjectCategories ?? []).some((s) => re.test(s.trim()))).map(([g]) => g);
}
