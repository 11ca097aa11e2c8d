/**
 * What each supervisory authority's breach form asks for, as data: a field list per authority,
 * each field naming the fact it is filled from (see `ReportFacts`) and its label in the
 * authority's language. Adding an authority or a field (e.g. the EDPB's common EU template)
 * is a change here, not in code.
 */
export const AUTHORITIES = ["IMY", "Datatilsynet", "generic"] as const;
export type Authority = (typeof AUTHORITIES)[number];
export const PHASES = ["initial", "supplementary", "final"] as const;
export type Phase = (typeof PHASES)[number];

/** The facts a report can be filled from, assembled by the server from the incident and its assessment. */
export interface ReportFacts {
  controllerName: string;
  orgNumber: string;
  internalReference: string;
  occurredAt: string;
  discoveredAt: string;
  awareAt: string;
  ceasedAt: string;
  breachTypes: string;
  natureDescription: string;
  cause: string;
  subjectCategories: string;
  approxSubjects: string;
  dataCategories: string;
  approxRecords: string;
  likelyConsequences: string;
  severity: string;
  measuresTaken: string;
  measuresPlanned: string;
  subjectsInformed: string;
  contactPoint: string;
  crossBorder: string;
  dataLocation: string;
  relationshipToSubjects: string;
  phaseNote: string;
  delayReason: string;
}
export type FactKey = keyof ReportFacts;

export interface FormField {
  key: FactKey;
  label: string;
  required: boolean;
  /** Only asked when the report is made more than 72 hours after awareness. */
  onlyWhenLate?: boolean;
  multiline?: boolean;
}

export interface AuthorityForm {
  authority: Authority;
  name: string;
  language: "sv" | "nb" | "en";
  title: string;
  fields: FormField[];
}

const f = (key: FactKey, label: string, required = true, extra: Partial<FormField> = {}): FormField => ({ key, label, required, ...extra });

export const AUTHORITY_FORMS: Record<Authority, AuthorityForm> = {
  IMY: {
    authority: "IMY",
    name: "Integritetsskyddsmyndigheten (IMY)",
    language: "sv",
    title: "Anmälan av personuppgiftsincident",
    fields: [
      f("controllerName", "Personuppgiftsansvarig"),
      f("orgNumber", "Organisationsnummer"),
      f("internalReference", "Intern referens", false),
      f("phaseNote", "Typ av anmälan"),
      f("occurredAt", "När inträffade incidenten", false),
      f("discoveredAt", "När upptäcktes incidenten"),
      f("awareAt", "När fick ni kännedom om incidenten"),
      f("ceasedAt", "När upphörde incidenten", false),
      f("breachTypes", "Typ av incident (konfidentialitet, riktighet, tillgänglighet)"),
      f("natureDescription", "Beskrivning av incidenten", true, { multiline: true }),
      f("subjectCategories", "Kategorier av registrerade"),
      f("approxSubjects", "Ungefärligt antal registrerade"),
      f("dataCategories", "Kategorier av personuppgifter"),
      f("approxRecords", "Ungefärligt antal personuppgiftsposter"),
      f("likelyConsequences", "Sannolika konsekvenser för de registrerade", true, { multiline: true }),
      f("severity", "Egen bedömning av allvarlighetsgrad"),
      f("measuresTaken", "Vidtagna åtgärder", true, { multiline: true }),
      f("measuresPlanned", "Planerade åtgärder", false, { multiline: true }),
      f("subjectsInformed", "Har de registrerade informerats (när och hur, eller varför inte)"),
      f("crossBorder", "Berörs registrerade i andra länder", false),
      f("contactPoint", "Kontaktperson (dataskyddsombud eller annan kontaktpunkt)"),
      f("delayReason", "Skäl till att anmälan görs senare än 72 timmar", true, { onlyWhenLate: true, multiline: true }),
    ],
  },
  Datatilsynet: {
    authority: "Datatilsynet",
    name: "Datatilsynet",
    language: "nb",
    title: "Melding om brudd på personopplysningssikkerheten",
    fields: [
      f("controllerName", "Behandlingsansvarlig"),
      f("orgNumber", "Organisasjonsnummer"),
      f("internalReference", "Intern referanse", false),
      f("phaseNote", "Meldingen gjelder (foreløpig melding, oppfølging eller endelig)"),
      f("natureDescription", "Hva har skjedd og hvordan", true, { multiline: true }),
      f("cause", "Årsak til bruddet", true, { multiline: true }),
      f("occurredAt", "Tidsperiode for bruddet: start", false),
      f("ceasedAt", "Tidsperiode for bruddet: slutt", false),
      f("discoveredAt", "Når ble bruddet oppdaget"),
      f("awareAt", "Når ble dere kjent med bruddet"),
      f("approxSubjects", "Hvor mange er berørt"),
      f("subjectCategories", "Hvem er berørt"),
      f("relationshipToSubjects", "Forholdet til de berørte"),
      f("dataCategories", "Typer personopplysninger"),
      f("approxRecords", "Omtrentlig antall registreringer"),
      f("dataLocation", "Hvor er personopplysningene nå", false),
      f("likelyConsequences", "Konsekvenser for de berørte", true, { multiline: true }),
      f("measuresTaken", "Tiltak som er iverksatt", true, { multiline: true }),
      f("measuresPlanned", "Tiltak som er planlagt", false, { multiline: true }),
      f("subjectsInformed", "Er de berørte informert (når og hvordan, eller hvorfor ikke)"),
      f("contactPoint", "Kontaktperson"),
      f("delayReason", "Begrunnelse for at meldingen sendes senere enn 72 timer", true, { onlyWhenLate: true, multiline: true }),
    ],
  },
  generic: {
    authority: "generic",
    name: "Supervisory authority (GDPR Art. 33(3))",
    language: "en",
    title: "Personal data breach notification",
    fields: [
      f("controllerName", "Controller"),
      f("orgNumber", "Registration number", false),
      f("internalReference", "Internal reference", false),
      f("phaseNote", "Notification phase"),
      f("natureDescription", "(a) Nature of the breach", true, { multiline: true }),
      f("breachTypes", "(a) Type of breach"),
      f("subjectCategories", "(a) Categories of data subjects"),
      f("approxSubjects", "(a) Approximate number of data subjects"),
      f("dataCategories", "(a) Categories of personal data records"),
      f("approxRecords", "(a) Approximate number of records"),
      f("contactPoint", "(b) Data protection officer or other contact point"),
      f("likelyConsequences", "(c) Likely consequences", true, { multiline: true }),
      f("measuresTaken", "(d) Measures taken", true, { multiline: true }),
      f("measuresPlanned", "(d) Measures proposed, including to mitigate adverse effects", false, { multiline: true }),
      f("occurredAt", "Breach occurred", false),
      f("discoveredAt", "Breach discovered"),
      f("awareAt", "Controller became aware"),
      f("ceasedAt", "Breach ended", false),
      f("subjectsInformed", "Data subjects informed (when and how, or why not)"),
      f("severity", "Self-assessed severity"),
      f("delayReason", "Reasons for notifying later than 72 hours", true, { onlyWhenLate: true, multiline: true }),
    ],
  },
};

/** The form's fields for this report (the delay reason only when late). */
export function fieldsFor(authority: Authority, late: boolean): FormField[] {
  return AUTHORITY_FORMS[authority].fields.filter((x) => !x.onlyWhenLate || late);
}

/** Required fields that are still empty, by label. */
export function missingFields(authority: Authority, late: boolean, values: Partial<Record<FactKey, string>>): { key: FactKey; label: string }[] {
  return fieldsFor(authority, late)
    .filter((x) => x.required && !(values[x.key] ?? "").trim())
    .map((x) => ({ key: x.key, label: x.label }));
}

/** Whether a report made at `at` is late under Art. 33(1) (more than 72 hours after awareness). */
export function isLate(awareAt: string | Date, at: string | Date): boolean {
  return new Date(at).getTime() - new Date(awareAt).getTime() > 72 * 3600_000;
}

/**
 * Whether a report must give the reasons for its delay: only the initial notification can be
 * late (Art. 33(1)); supplements add information in phases without further justification
 * (Art. 33(4)). Judged at submission, or now while it is a draft.
 */
export function reportIsLate(phase: Phase, awareAt: string | Date | null, submittedAt: string | Date | null, now: string | Date = new Date()): boolean {
  return phase === "initial" && awareAt !== null && isLate(awareAt, submittedAt ?? now);
}

/** Words the prefilled values use, in each form language (codes from the assessment to the authority's language). */
export const VALUE_WORDS: Record<"sv" | "nb" | "en", Record<string, string>> = {
  sv: {
    confidentiality: "konfidentialitet", integrity: "riktighet", availability: "tillgänglighet",
    basic: "grundläggande uppgifter", contact: "kontaktuppgifter", identity: "identitetsuppgifter", financial: "ekonomiska uppgifter",
    credentials: "inloggningsuppgifter", location: "platsuppgifter", behavioural: "beteendeuppgifter", special: "känsliga personuppgifter (art. 9)",
    criminal: "uppgifter om lagöverträdelser (art. 10)", children: "uppgifter om barn",
    low: "låg", medium: "medel", high: "hög", very_high: "mycket hög", yes: "Ja", no: "Nej",
  },
  nb: {
    confidentiality: "konfidensialitet", integrity: "integritet", availability: "tilgjengelighet",
    basic: "grunnleggende opplysninger", contact: "kontaktopplysninger", identity: "identitetsopplysninger", financial: "økonomiske opplysninger",
    credentials: "påloggingsopplysninger", location: "lokasjonsopplysninger", behavioural: "atferdsopplysninger", special: "særlige kategorier (art. 9)",
    criminal: "opplysninger om straffbare forhold (art. 10)", children: "opplysninger om barn",
    low: "lav", medium: "middels", high: "høy", very_high: "svært høy", yes: "Ja", no: "Nei",
  },
  en: {
    confidentiality: "confidentiality", integrity: "integrity", availability: "availability",
    basic: "basic data", contact: "contact details", identity: "identity data", financial: "financial data",
    credentials: "credentials", location: "location data", behavioural: "behavioural data", special: "special categories (Art. 9)",
    criminal: "criminal offence data (Art. 10)", children: "data about children",
    low: "low", medium: "medium", high: "high", very_high: "very high", yes: "Yes", no: "No",
  },
};

/** The zone an authority's form is read in. */
export const AUTHORITY_ZONES: Record<Authority, string> = { IMY: "Europe/Stockholm", Datatilsynet: "Europe/Oslo", generic: "UTC" };
