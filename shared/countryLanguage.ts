/** The language a country's people most likely read (SE -> sv, NO -> nb), else English: the default a form offers. */
export function languageForCountry(country: string): "sv" | "nb" | "en" {
  return country === "SE" ? "sv" : country === "NO" ? "nb" : "en";
}
