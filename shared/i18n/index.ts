import i18next, { type i18n, type TOptions } from "i18next";
import { LANGUAGES } from "../schemas/organization.js";
import { NAMESPACES, RESOURCES } from "./resources.js";

/**
 * The one translation convention of server and web: i18next over the JSON files in
 * shared/i18n/locales/<lang>/<namespace>.json. Placeholders are written "{name}" (the house
 * style of the texts that came before), nothing is HTML-escaped here: templates and React escape.
 */
export type Language = (typeof LANGUAGES)[number];
export { LANGUAGES, NAMESPACES };

export const I18N_OPTIONS = {
  resources: RESOURCES,
  ns: [...NAMESPACES],
  defaultNS: "common",
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false, prefix: "{", suffix: "}" },
  returnNull: false,
  initAsync: false,
} as const;

/** A supported language, or English for anything else. */
export function languageOf(lang: string | null | undefined): Language {
  return (LANGUAGES as readonly string[]).includes(lang ?? "") ? (lang as Language) : "en";
}

/** Generic Norwegian ("no") and nynorsk readers get bokmål rather than English. */
const NORWEGIAN = ["no", "nn"];

/** The best of our languages for a list of BCP 47 tags in preference order (Accept-Language, navigator.languages). */
export function pickLanguage(tags: readonly string[]): Language | null {
  for (const tag of tags) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (NORWEGIAN.includes(base)) return "nb";
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return null;
}

/**
 * Whose language a signed-in person reads: their own choice in the profile, else for controller
 * users their organisation's, else none (the web then follows the browser).
 */
export function profileLanguage(p: { userLanguage: string | null | undefined; organizationLanguage?: string | null }): Language | null {
  if (p.userLanguage) return languageOf(p.userLanguage);
  return p.organizationLanguage ? languageOf(p.organizationLanguage) : null;
}

let shared: i18n | null = null;

/** The process-wide instance (all resources are bundled, so it is ready synchronously). */
export function i18n(): i18n {
  if (!shared) {
    shared = i18next.createInstance();
    void shared.init({ ...I18N_OPTIONS, lng: "en" });
  }
  return shared;
}

/** A translation function fixed to one language, for one page, mail or document. */
export function translator(lang: string | null | undefined) {
  const t = i18n().getFixedT(languageOf(lang));
  return (key: string, vars?: TOptions) => String(t(key, vars));
}
export type Translate = ReturnType<typeof translator>;
