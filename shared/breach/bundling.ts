/**
 * Which breaches may be reported together in one bundled notification.
 *
 * EDPB Guidelines 9/2022 on personal data breach notification, para. 96-97 (as WP250 before):
 * a controller that suffers multiple, similar breaches over a short period may notify them in a
 * bundle, "provided that they concern the same type of personal data breached in the same way,
 * over a relatively short space of time". Breaches of different data breached in different ways
 * are each reported on their own. Vakt reads "the same way" as the same incident kind and the
 * same breach types (confidentiality, integrity, availability), "the same type of personal data"
 * as the same data categories, and "a relatively short space of time" as awareness of all of
 * them within `BUNDLE_MAX_SPAN_DAYS`.
 */
export const BUNDLE_MAX_SPAN_DAYS = 30;
export const BUNDLE_MIN_MEMBERS = 2;
export const BUNDLE_MAX_MEMBERS = 100;

export interface BundleCandidate {
  reference: string;
  /** The incident kind (taxonomy category); null when not classified. */
  category: string | null;
  /** From the newest assessment; null when the breach is not assessed yet. */
  assessment: { types: readonly string[]; dataCategories: readonly string[]; awareAt: Date } | null;
}

export interface BundleProblem {
  field: string;
  message: string;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Why these incidents cannot be bundled; empty when they can. */
export function bundleProblems(candidates: readonly BundleCandidate[]): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const unassessed = candidates.filter((c) => !c.assessment).map((c) => c.reference);
  if (unassessed.length) problems.push({ field: "incidentIds", message: `assess each breach before bundling it: ${unassessed.join(", ")}` });
  const unclassified = candidates.filter((c) => !c.category).map((c) => c.reference);
  if (unclassified.length) problems.push({ field: "incidentIds", message: `classify each incident before bundling it: ${unclassified.join(", ")}` });
  if (problems.length || candidates.length < BUNDLE_MIN_MEMBERS) return problems;
  const [first, ...rest] = candidates;
  const differ = (pick: (c: BundleCandidate) => boolean) => rest.filter((c) => !pick(c)).map((c) => c.reference);
  const otherKind = differ((c) => c.category === first.category);
  if (otherKind.length)
    problems.push({ field: "incidentIds", message: `a bundle holds breaches of one kind (${first.category} as ${first.reference}); different: ${otherKind.join(", ")}` });
  const otherWay = differ((c) => sameSet(c.assessment!.types, first.assessment!.types));
  if (otherWay.length)
    problems.push({ field: "incidentIds", message: `a bundle holds breaches that happened the same way (${first.assessment!.types.join(", ")}); different: ${otherWay.join(", ")}` });
  const otherData = differ((c) => sameSet(c.assessment!.dataCategories, first.assessment!.dataCategories));
  if (otherData.length)
    problems.push({ field: "incidentIds", message: `a bundle holds breaches of the same kinds of data (${first.assessment!.dataCategories.join(", ")}); different: ${otherData.join(", ")}` });
  const times = candidates.map((c) => c.assessment!.awareAt.getTime());
  const spanDays = (Math.max(...times) - Math.min(...times)) / 86_400_000;
  if (spanDays > BUNDLE_MAX_SPAN_DAYS)
    problems.push({ field: "incidentIds", message: `awareness of the bundled breaches spans ${Math.ceil(spanDays)} days; at most ${BUNDLE_MAX_SPAN_DAYS} count as a short period` });
  return problems;
}
