import type { Highlighted } from "../../shared/schemas/search.js";

/**
 * ts_headline marks hits with these two private-use characters instead of HTML tags, so the
 * answer is plain text cut into runs and no markup from the database ever reaches a page.
 * The texts are stripped of both characters before ts_headline sees them.
 */
export const MARK_START = "\uE000";
export const MARK_STOP = "\uE001";

export const TITLE_OPTIONS = `StartSel=${MARK_START},StopSel=${MARK_STOP},HighlightAll=true`;
export const SNIPPET_OPTIONS = `StartSel=${MARK_START},StopSel=${MARK_STOP},MaxFragments=2,MaxWords=24,MinWords=8,FragmentDelimiter=" … "`;

/** "a\uE000b\uE001c" -> [{a}, {b, hit}, {c}]; runs of equal kind merged, empty ones dropped. */
export function toRuns(marked: string): Highlighted {
  const runs: Highlighted = [];
  let hit = false;
  for (const piece of marked.split(/([\uE000\uE001])/)) {
    if (piece === MARK_START) hit = true;
    else if (piece === MARK_STOP) hit = false;
    else if (piece) {
      const last = runs[runs.length - 1];
      if (last && last.hit === hit) last.text += piece;
      else runs.push({ text: piece, hit });
    }
  }
  return runs;
}
