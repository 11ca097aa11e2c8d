import i18next from "i18next";
import { AUTHORITY_FORMS, PHASES, type Authority, type Phase } from "../../../shared/breach/authorityForms.js";
import { translatedLabels } from "../i18n.js";

export const AUTHORITY_LABELS = Object.fromEntries(
  Object.values(AUTHORITY_FORMS).map((f) => [f.authority, f.name]),
) as Record<Authority, string>;

/** A report's phase in the reader's language. */
export const PHASE_LABELS = translatedLabels<Phase>(PHASES, (p) => i18next.t(`authority:phase.${p}`));
