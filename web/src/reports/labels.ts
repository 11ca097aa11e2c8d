import { AUTHORITY_FORMS, type Authority, type Phase } from "../../../shared/breach/authorityForms.js";

export const AUTHORITY_LABELS = Object.fromEntries(
  Object.values(AUTHORITY_FORMS).map((f) => [f.authority, f.name]),
) as Record<Authority, string>;

export const PHASE_LABELS: Record<Phase, string> = {
  initial: "Initial report",
  supplementary: "Supplementary report",
  final: "Final report",
};
