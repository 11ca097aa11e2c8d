import { useEffect } from "react";
import i18next from "i18next";
import { browserLanguage } from "../i18n.js";
import { languageOf, type Language } from "../../../shared/i18n/index.js";

/** The public pages read ?lang, else the browser's language, and show themselves in it. */
export function usePublicLanguage(): Language {
  const asked = new URLSearchParams(window.location.search).get("lang");
  const lang = asked ? languageOf(asked) : browserLanguage;
  useEffect(() => {
    if (i18next.language !== lang) void i18next.changeLanguage(lang);
  }, [lang]);
  return lang;
}

export const tokenFromUrl = () => new URLSearchParams(window.location.search).get("token") ?? "";
