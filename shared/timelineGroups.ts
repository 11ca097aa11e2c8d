/** Event kinds grouped as a reader thinks of them: the timeline filter offers groups, never codes. */
const GROUP_OF: Record<string, string> = {
  followup: "review", obligations: "breach", obligation: "breach", register: "breach", subject_notice: "subjects", subject_decision: "subjects",
  legalHold: "evidence", bundle: "incident", settings: "administration", user: "administration",
  handoff: "note",
};

export const timelineGroupOf = (kind: string): string => {
  const family = kind.split(".")[0];
  return GROUP_OF[family] ?? family;
};

/** Groups in first-seen order, each with its kinds joined by commas (the filter's query value). */
export function timelineGroups(kinds: readonly string[]): [string, string][] {
  const by = new Map<string, string[]>();
  for (const k of kinds) by.set(timelineGroupOf(k), [...(by.get(timelineGroupOf(k)) ?? []), k]);
  return [...by].map(([g, ks]) => [g, ks.join(",")]);
}
