import { DateTime } from "luxon";

/**
 * Times in documents a person outside the vendor reads (notices, acknowledgement pages,
 * authority reports, register exports): on the wall clock of the reader's country, with the
 * zone named, never bare UTC (docs/notices.md; /work/shared/reference/language-fixes.md "Both").
 * One format per language, used everywhere in these documents:
 *   sv  "fre 20 nov. 2026 kl. 14.30 (svensk tid)"
 *   nb  "fre. 20. nov. 2026 kl. 14.30 (norsk tid)"   (ordinal and abbreviation dots, Språkrådet)
 *   en  "Fri 20 Nov 2026, 14:30 (Swedish time)"
 * Swedish and Norwegian write the time with a dot after "kl." (Språkrådet, Svenska skrivregler).
 */
export type DocLanguage = "sv" | "nb" | "en";

/**
 * The civil time zone of each EU/EEA country (plus CH and GB), for the mainland where a country
 * spans several zones (ES: not the Canaries; PT: not the Azores). A table rather than a library:
 * the libraries list every zone of a country and cannot tell which one its organisations use.
 */
export const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  AT: "Europe/Vienna", BE: "Europe/Brussels", BG: "Europe/Sofia", HR: "Europe/Zagreb", CY: "Asia/Nicosia", CZ: "Europe/Prague",
  DK: "Europe/Copenhagen", EE: "Europe/Tallinn", FI: "Europe/Helsinki", FR: "Europe/Paris", DE: "Europe/Berlin", GR: "Europe/Athens",
  HU: "Europe/Budapest", IE: "Europe/Dublin", IT: "Europe/Rome", LV: "Europe/Riga", LT: "Europe/Vilnius", LU: "Europe/Luxembourg",
  MT: "Europe/Malta", NL: "Europe/Amsterdam", PL: "Europe/Warsaw", PT: "Europe/Lisbon", RO: "Europe/Bucharest", SK: "Europe/Bratislava",
  SI: "Europe/Ljubljana", ES: "Europe/Madrid", SE: "Europe/Stockholm", IS: "Atlantic/Reykjavik", LI: "Europe/Vaduz", NO: "Europe/Oslo",
  CH: "Europe/Zurich", GB: "Europe/London",
};

/** The zone an organisation in `country` reads times in; `fallback` (MAIL_TIME_ZONE) outside the table. */
export function zoneOfCountry(country: string | null | undefined, fallback: string): string {
  return COUNTRY_ZONES[(country ?? "").toUpperCase()] ?? fallback;
}

/** "svensk tid" reads better than ICU's "centraleuropeisk tid" to a Swede; other zones take ICU's generic name. */
const ZONE_NAMES: Record<string, Record<DocLanguage, string>> = {
  "Europe/Stockholm": { sv: "svensk tid", nb: "svensk tid", en: "Swedish time" },
  "Europe/Oslo": { sv: "norsk tid", nb: "norsk tid", en: "Norwegian time" },
  "Europe/Copenhagen": { sv: "dansk tid", nb: "dansk tid", en: "Danish time" },
  "Europe/Helsinki": { sv: "finländsk tid", nb: "finsk tid", en: "Finnish time" },
  "Europe/London": { sv: "brittisk tid", nb: "britisk tid", en: "UK time" },
  UTC: { sv: "UTC", nb: "UTC", en: "UTC" },
};

const LOCALES: Record<DocLanguage, string> = { sv: "sv-SE", nb: "nb-NO", en: "en-GB" };

export const docLanguage = (lang: string | null | undefined): DocLanguage => (lang === "sv" || lang === "nb" ? lang : "en");

/** The BCP 47 locale of a document language, for numbers and dates through Intl. */
export const docLocale = (lang: string | null | undefined): string => LOCALES[docLanguage(lang)];

/** The zone's name in `lang`: our own for the Nordic zones, else ICU's generic one ("centraleuropeisk tid"). */
export function zoneName(zone: string, lang: DocLanguage): string {
  const own = ZONE_NAMES[zone]?.[lang];
  if (own) return own;
  const part = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: zone, timeZoneName: "longGeneric" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName");
  return part?.value ?? zone;
}

function local(iso: string, zone: string, lang: DocLanguage): DateTime {
  const d = DateTime.fromISO(iso, { zone: "utc" });
  if (!d.isValid) throw new RangeError(`Not an ISO-8601 instant: "${iso}".`);
  const z = d.setZone(zone).setLocale(LOCALES[lang]);
  if (!z.isValid) throw new RangeError(`Unknown time zone: "${zone}".`);
  return z;
}

/** The date alone, "fre. 20. nov. 2026" (nb), "fre 20 nov. 2026" (sv), "Fri 20 Nov 2026" (en): Intl's own abbreviations. */
export function formatLocalDate(iso: string, zone: string, lang: DocLanguage): string {
  return local(iso, zone, lang).toLocaleString({ weekday: "short", day: "numeric", month: "short", year: "numeric" }).replace(",", "");
}

/** An instant as the reader's document shows it: date, time and the zone named (see the file comment). */
export function formatLocalDateTime(iso: string, zone: string, lang: DocLanguage): string {
  const d = local(iso, zone, lang);
  const date = formatLocalDate(iso, zone, lang);
  return lang === "en" ? `${date}, ${d.toFormat("HH:mm")} (${zoneName(zone, lang)})` : `${date} kl. ${d.toFormat("HH.mm")} (${zoneName(zone, lang)})`;
}
