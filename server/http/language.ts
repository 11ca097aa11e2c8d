import type { Request } from "express";
import { LANGUAGES, pickLanguage, type Language } from "../../shared/i18n/index.js";

/** The reader's language from Accept-Language when nothing else says it (express's `req.acceptsLanguages`); English at worst. */
export function readerLanguage(req: Pick<Request, "acceptsLanguages">): Language {
  const best = req.acceptsLanguages([...LANGUAGES, "no", "nn"]);
  return (best && pickLanguage([best])) || "en";
}
