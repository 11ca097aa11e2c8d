import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { I18N_OPTIONS, pickLanguage, type Language } from "../../shared/i18n/index.js";

/**
 * The web app's translations: the shared i18next setup (shared/i18n) with react-i18next. Staff read
 * their browser's language until they pick one; a controller user reads their organisation's.
 * `<html lang>` always follows the language shown.
 */
export const browserLanguage: Language = pickLanguage(typeof navigator === "undefined" ? [] : navigator.languages) ?? "en";

void i18next.use(initReactI18next).init({ ...I18N_OPTIONS, lng: browserLanguage, react: { useSuspense: false } });
document.documentElement.lang = browserLanguage;
i18next.on("languageChanged", (lang) => { document.documentElement.lang = lang; });

/** Shows the app in the session's language (null: the browser's). */
export function applyLanguage(lang: Language | null | undefined) {
  const next = lang ?? browserLanguage;
  if (i18next.language !== next) void i18next.changeLanguage(next);
}

/** The language shown now. */
export const currentLanguage = (): Language => (i18next.language as Language) ?? "en";

/**
 * A label map whose values are read in the language shown at each lookup (enumerable getters, so
 * Object.keys/entries work): `translatedLabels(KEYS, (k) => i18next.t(`ns:path.${k}`))`.
 */
export function translatedLabels<K extends string>(keys: readonly K[], label: (key: K) => string): Readonly<Record<K, string>> {
  const labels = {} as Record<K, string>;
  for (const key of keys) Object.defineProperty(labels, key, { enumerable: true, get: () => label(key) });
  return labels;
}
