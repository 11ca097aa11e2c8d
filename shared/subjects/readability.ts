/**
 * LIX (Björnsson's läsbarhetsindex): words per sentence plus the share of long words (more
 * than six letters) in percent. It works for Swedish, Norwegian and English alike, which is
 * why it is used here rather than an English-only formula. Under 30: very easy (children's
 * books); 30-40: easy (simple fiction, youth texts); 40-50: medium (newspapers).
 */
export function lix(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  if (words.length === 0) return 0;
  // A sentence ends at . ! ? or : and at a line break (headings and list items stand alone).
  const sentences = text.split(/[.!?:]+(?:\s|$)|\n+/).filter((s) => /[\p{L}\p{N}]/u.test(s)).length || 1;
  const long = words.filter((w) => w.replace(/[^\p{L}]/gu, "").length > 6).length;
  return Math.round((words.length / sentences + (100 * long) / words.length) * 10) / 10;
}

/** The LIX a text for pupils (about 12 years old) should stay under. */
export const PUPIL_LIX_MAX = 40;
