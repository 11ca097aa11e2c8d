import type { SeverityResult } from "./severity.js";
import type { DpcFactor } from "./severity.js";

/** One factor that moved the recommendation: what it is, which way, and by how much, in words. */
export interface Mover {
  /** An ENISA context factor (volume, individuals...), or a rule of the recommendation (trustedRecipient, volume, dataKind...). */
  factor: string;
  direction: "raises" | "lowers" | "none";
  text: string;
}

type Dpc = SeverityResult["factors"]["dpc"];
type SeverityFacts = Pick<SeverityResult, "score"> & { factors?: { dpc: Dpc; ei?: SeverityResult["factors"]["ei"]; cb?: SeverityResult["factors"]["cb"] } };

const WORDS: Record<DpcFactor, string> = {
  volume: "Volume of data per person", controller: "Characteristics of the controller", individuals: "Characteristics of the people",
  invalidity: "Invalid or inaccurate data", publicAvailability: "Data already public", nature: "Nature of the data",
};
const round = (n: number) => Math.round(n * 100) / 100;
const clamp = (n: number) => Math.min(4, Math.max(1, n));
const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

/**
 * Each ENISA context factor with its effect on the severity: the score with and without it (every
 * kind re-scored without that factor, ENISA 2013), so "+1 for pupils" reads as "severity 1.5 → 2.25".
 * A factor that moved no score is listed only when it switched the high-risk rule off for a kind.
 */
export function scoreMovers(severity: SeverityFacts, discountedHighRisk: readonly string[]): Mover[] {
  const dpc = severity.factors?.dpc;
  const ei = severity.factors?.ei?.value;
  const cb = severity.factors?.cb?.total;
  if (!dpc || ei === undefined || cb === undefined) return [];
  const kinds = dpc.kinds ?? [{ category: dpc.category ?? "basic", base: dpc.base, baseReason: dpc.baseReason, adjustments: dpc.adjustments, value: dpc.value }];
  const factors = [...new Set(kinds.flatMap((k) => k.adjustments.map((x) => x.factor)))];
  const out: Mover[] = [];
  for (const factor of factors) {
    const without = Math.max(...kinds.map((k) => clamp(k.base + k.adjustments.filter((x) => x.factor !== factor).reduce((s, x) => s + x.delta, 0))));
    const before = round(without * ei + cb);
    const moved = round(severity.score - before);
    const on = kinds.filter((k) => k.adjustments.some((x) => x.factor === factor));
    const deltas = on.map((k) => `${signed(k.adjustments.find((x) => x.factor === factor)!.delta)} on ${k.baseReason}`).join("; ");
    const judged = on.some((k) => k.adjustments.some((x) => x.factor === factor && x.source === "assessor")) ? ", assessor's judgement" : "";
    const offFor = factor === "nature" || factor === "invalidity" || factor === "publicAvailability" ? discountedHighRisk : [];
    const ruleOff = judged && offFor.length ? ` The high-risk rule for a kind of data no longer applies to ${offFor.join(", ")}.` : "";
    if (moved !== 0)
      out.push({
        factor, direction: moved > 0 ? "raises" : "lowers",
        text: `${WORDS[factor]} (DPC ${deltas}${judged}): ENISA severity ${before} → ${severity.score} (${signed(moved)}).${ruleOff}`,
      });
    else if (ruleOff) out.push({ factor, direction: "lowers", text: `${WORDS[factor]} (DPC ${deltas}${judged}): no change to the severity.${ruleOff}` });
  }
  return out;
}
