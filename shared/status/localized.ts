import type { PerLanguageText } from "../schemas/status.js";

/** The text in the reader's language, else in the vendor's, else English, else whichever was written. */
export function localized(text: PerLanguageText, lang: string, fallback = "en"): string {
  return text[lang as keyof PerLanguageText] || text[fallback as keyof PerLanguageText] || text.en || text.sv || text.nb || "";
}
