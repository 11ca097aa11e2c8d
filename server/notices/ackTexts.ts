import { LANGUAGES } from "../../shared/schemas/organization.js";
import { languageOf, type Language } from "./render.js";

/** Every text of the acknowledgement page ("{name}" placeholders are filled with `fill`). */
export interface AckTexts {
  title: string;
  intro: string;
  name: string;
  button: string;
  done: string;
  already: string;
  expired: string;
  invalid: string;
  nameMissing: string;
  nameTooLong: string;
  tooMany: string;
  /** Why a notice cannot be acknowledged: it failed, it was never sent, or anything else. */
  cannot: Record<"failed" | "unsent" | "other", string>;
  refused: string;
}

const en: AckTexts = {
  title: "Acknowledge receipt of a breach notice",
  intro: "{vendor} sent this notice to {organization}. Please confirm that you received it.",
  name: "Your name or e-mail",
  button: "Acknowledge",
  done: "Thank you. Receipt was acknowledged on {at} by {by}.",
  already: "This notice was already acknowledged on {at} by {by}.",
  expired: "This acknowledgement link has expired. Please reply to the notice e-mail or contact us instead.",
  invalid: "This acknowledgement link is not valid. Please use the link from the notice e-mail exactly as it was sent.",
  nameMissing: "Enter your name or e-mail.",
  nameTooLong: "Your name or e-mail can be at most {max} characters.",
  tooMany: "Too many attempts. Wait 15 minutes and try again.",
  cannot: {
    failed: "This notice cannot be acknowledged: it is failed. It was not delivered; please contact us.",
    unsent: "This notice cannot be acknowledged: it has not been sent yet.",
    other: "This notice cannot be acknowledged. Please contact us.",
  },
  refused: "This request could not be handled. Please try again or contact us.",
};

const sv: AckTexts = {
  title: "Bekräfta mottagen underrättelse om personuppgiftsincident",
  intro: "{vendor} har skickat den här underrättelsen till {organization}. Bekräfta att ni har tagit emot den.",
  name: "Ditt namn eller din e-postadress",
  button: "Bekräfta",
  done: "Tack. Mottagandet bekräftades {at} av {by}.",
  already: "Den här underrättelsen har redan bekräftats {at} av {by}.",
  expired: "Bekräftelselänken gäller inte längre. Svara i stället på e-postmeddelandet eller kontakta oss.",
  invalid: "Bekräftelselänken är inte giltig. Använd länken i e-postmeddelandet exakt som den skickades.",
  nameMissing: "Skriv ditt namn eller din e-postadress.",
  nameTooLong: "Namnet eller e-postadressen får vara högst {max} tecken.",
  tooMany: "För många försök. Vänta 15 minuter och försök igen.",
  cannot: {
    failed: "Den här underrättelsen kan inte bekräftas eftersom den inte kunde levereras. Kontakta oss.",
    unsent: "Den här underrättelsen kan inte bekräftas eftersom den inte har skickats ännu.",
    other: "Den här underrättelsen kan inte bekräftas. Kontakta oss.",
  },
  refused: "Begäran kunde inte hanteras. Försök igen eller kontakta oss.",
};

const nb: AckTexts = {
  title: "Bekreft mottatt varsel om brudd",
  intro: "{vendor} har sendt dette varselet til {organization}. Bekreft at dere har mottatt det.",
  name: "Ditt navn eller din e-postadresse",
  button: "Bekreft",
  done: "Takk. Mottaket ble bekreftet {at} av {by}.",
  already: "Dette varselet er allerede bekreftet {at} av {by}.",
  expired: "Bekreftelseslenken er utløpt. Svar på e-posten eller kontakt oss i stedet.",
  invalid: "Bekreftelseslenken er ikke gyldig. Bruk lenken i e-posten nøyaktig slik den ble sendt.",
  nameMissing: "Skriv inn navnet ditt eller e-postadressen din.",
  nameTooLong: "Navnet eller e-postadressen kan være på høyst {max} tegn.",
  tooMany: "For mange forsøk. Vent 15 minutter og prøv igjen.",
  cannot: {
    failed: "Dette varselet kan ikke bekreftes fordi det ikke kunne leveres. Kontakt oss.",
    unsent: "Dette varselet kan ikke bekreftes fordi det ikke er sendt ennå.",
    other: "Dette varselet kan ikke bekreftes. Kontakt oss.",
  },
  refused: "Forespørselen kunne ikke behandles. Prøv igjen eller kontakt oss.",
};

const TEXTS: Record<Language, AckTexts> = { en, sv, nb };

/** The page's texts in `lang`, or English for a language the page does not ship. */
export function ackTexts(lang: string): AckTexts {
  return TEXTS[languageOf(lang)];
}

/** Generic Norwegian ("no") and nynorsk readers get bokmål rather than English. */
const NORWEGIAN = ["no", "nn"];

/** The reader's language from Accept-Language when no notice says it (express's `req.acceptsLanguages`). */
export function readerLanguage(acceptsLanguages: (langs: string[]) => string | false): Language {
  const best = acceptsLanguages([...LANGUAGES, ...NORWEGIAN]);
  if (!best) return "en";
  return NORWEGIAN.includes(best) ? "nb" : languageOf(best);
}
