/** Words for the NIS2 panel (display only; the rules live in shared/nis2), read in the language shown. */
import i18next from "i18next";
import { translatedLabels } from "../i18n.js";

export const DISRUPTION_LABELS = translatedLabels(["none", "minor", "severe"] as const, (k) => i18next.t(`nis2:disruption.${k}`));
export const LOSS_LABELS = translatedLabels(["none", "minor", "severe"] as const, (k) => i18next.t(`nis2:loss.${k}`));
export const DAMAGE_LABELS = translatedLabels(["none", "minor", "considerable"] as const, (k) => i18next.t(`nis2:damage.${k}`));
export const THRESHOLD_LABELS = translatedLabels(["tradeSecretsExfiltrated", "deathOfPerson", "healthDamage", "maliciousAccessSevere"] as const,
  (k) => i18next.t(`nis2:threshold.${k}`));
