import countries from "i18n-iso-countries";

export { languageForCountry } from "../../../shared/countryLanguage.js";

/** Every ISO 3166-1 country, named in the reader's language (Intl), sorted by that name. */
export function countryOptions(lang: string): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([lang], { type: "region" });
  return Object.keys(countries.getAlpha2Codes())
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}

export const timeZones = (): string[] => Intl.supportedValuesOf("timeZone");
