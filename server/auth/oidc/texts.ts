import type { Language } from "../../notices/render.js";

/** Why a single sign-on was refused; each has a page in en, sv and nb. */
export const REFUSALS = [
  "unknown_provider", "provider_unreachable", "flow_invalid", "provider_error", "token_invalid", "no_email",
  "email_domain", "unmapped", "unverified_email", "controller_staff", "other_organization", "inactive",
] as const;
export type Refusal = (typeof REFUSALS)[number];

interface SsoTexts {
  title: string;
  back: string;
  refusals: Record<Refusal, string>;
}

const en: SsoTexts = {
  title: "Sign-in failed",
  back: "Back to sign-in",
  refusals: {
    unknown_provider: "This single sign-on provider is not set up in Vakt.",
    provider_unreachable: "Vakt could not reach the identity provider {provider}. Try again in a moment; if it keeps failing, tell your administrator.",
    flow_invalid: "This sign-in could not be completed: it was started in another browser or window, took more than ten minutes, or was already used. Start the sign-in again.",
    provider_error: "{provider} did not sign you in ({reason}). Start the sign-in again or contact your administrator.",
    token_invalid: "The answer from {provider} could not be verified, so you were not signed in. Start the sign-in again; if it keeps failing, tell your administrator.",
    no_email: "{provider} did not send your e-mail address. Ask your administrator to release the e-mail claim to Vakt.",
    email_domain: "Your e-mail address {email} does not belong to {provider}. Use your organisation's own sign-in.",
    unmapped: "Your account at {provider} is not in a group that gives access to Vakt. Ask your administrator for access.",
    unverified_email: "A Vakt account with the e-mail address {email} already exists, but {provider} has not confirmed that the address is yours, so the accounts were not linked. Ask your administrator.",
    controller_staff: "The account {email} is a customer contact and cannot sign in with staff access. Ask your administrator.",
    other_organization: "The account {email} belongs to another organisation or to staff and cannot sign in through {provider}.",
    inactive: "Your Vakt account is deactivated. Ask your administrator.",
  },
};

const sv: SsoTexts = {
  title: "Inloggningen misslyckades",
  back: "Tillbaka till inloggningen",
  refusals: {
    unknown_provider: "Den här inloggningstjänsten är inte konfigurerad i Vakt.",
    provider_unreachable: "Vakt kunde inte nå identitetsleverantören {provider}. Försök igen om en stund. Kontakta din administratör om felet kvarstår.",
    flow_invalid: "Inloggningen kunde inte slutföras: den påbörjades i en annan webbläsare eller ett annat fönster, tog längre tid än tio minuter eller har redan använts. Börja om inloggningen.",
    provider_error: "{provider} loggade inte in dig ({reason}). Börja om inloggningen eller kontakta din administratör.",
    token_invalid: "Svaret från {provider} kunde inte verifieras, så du loggades inte in. Börja om inloggningen. Kontakta din administratör om felet kvarstår.",
    no_email: "{provider} skickade inte din e-postadress. Be din administratör att lämna ut e-postadressen till Vakt.",
    email_domain: "Din e-postadress {email} hör inte till {provider}. Använd din egen organisations inloggning.",
    unmapped: "Ditt konto hos {provider} ingår inte i någon grupp som ger åtkomst till Vakt. Be din administratör om åtkomst.",
    unverified_email: "Det finns redan ett Vakt-konto med e-postadressen {email}, men {provider} har inte bekräftat att adressen är din, så kontona kopplades inte ihop. Kontakta din administratör.",
    controller_staff: "Kontot {email} tillhör en kundkontakt och kan inte logga in med behörighet för personal. Kontakta din administratör.",
    other_organization: "Kontot {email} tillhör en annan organisation eller personalen och kan inte logga in via {provider}.",
    inactive: "Ditt Vakt-konto är inaktiverat. Kontakta din administratör.",
  },
};

const nb: SsoTexts = {
  title: "Innloggingen mislyktes",
  back: "Tilbake til innloggingen",
  refusals: {
    unknown_provider: "Denne innloggingstjenesten er ikke satt opp i Vakt.",
    provider_unreachable: "Vakt fikk ikke kontakt med identitetsleverandøren {provider}. Prøv igjen om litt. Kontakt administratoren din hvis feilen vedvarer.",
    flow_invalid: "Innloggingen kunne ikke fullføres: den ble startet i en annen nettleser eller et annet vindu, tok mer enn ti minutter eller er allerede brukt. Start innloggingen på nytt.",
    provider_error: "{provider} logget deg ikke inn ({reason}). Start innloggingen på nytt eller kontakt administratoren din.",
    token_invalid: "Svaret fra {provider} kunne ikke verifiseres, så du ble ikke logget inn. Start innloggingen på nytt. Kontakt administratoren din hvis feilen vedvarer.",
    no_email: "{provider} sendte ikke e-postadressen din. Be administratoren din om å frigi e-postadressen til Vakt.",
    email_domain: "E-postadressen din {email} hører ikke til {provider}. Bruk innloggingen til din egen organisasjon.",
    unmapped: "Kontoen din hos {provider} er ikke med i noen gruppe som gir tilgang til Vakt. Be administratoren din om tilgang.",
    unverified_email: "Det finnes allerede en Vakt-konto med e-postadressen {email}, men {provider} har ikke bekreftet at adressen er din, så kontoene ble ikke koblet sammen. Kontakt administratoren din.",
    controller_staff: "Kontoen {email} tilhører en kundekontakt og kan ikke logge inn med tilgang for ansatte. Kontakt administratoren din.",
    other_organization: "Kontoen {email} tilhører en annen organisasjon eller de ansatte og kan ikke logge inn via {provider}.",
    inactive: "Vakt-kontoen din er deaktivert. Kontakt administratoren din.",
  },
};

export const ssoTexts = (lang: Language): SsoTexts => ({ en, sv, nb })[lang];
