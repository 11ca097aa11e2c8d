import { useTranslation } from "react-i18next";
import { LANGUAGES, type Language } from "../../shared/i18n/index.js";
import { api } from "./api.js";
import { applyLanguage } from "./i18n.js";

/** Picks the language the signed-in person reads Vakt in; kept in their profile. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const choose = async (language: Language) => {
    applyLanguage(language);
    try { await api.setLanguage({ language }); } catch { /* shown now; kept for the next visit when the server answers */ }
  };
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t("common:nav.language")}</span>
      <select value={i18n.language} onChange={(e) => void choose(e.target.value as Language)} aria-label={t("common:nav.language")}>
        {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{t(`common:languageNames.${l}`)}</option>)}
      </select>
    </label>
  );
}
