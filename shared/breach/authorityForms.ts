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
export const FACT_KEYS = [
  "controllerName", "orgNumber", "postalAddress", "incidentKind", "confidentialityRequest", "internalReference", "occurredAt",
  "discoveredAt", "awareAt", "ceasedAt", "breachTypes", "natureDescription", "cause", "subjectCategories", "approxSubjects",
  "dataCategories", "approxRecords", "likelyConsequences", "severity", "measuresTaken", "measuresPlanned", "subjectsInformed",
  "contactPoint", "crossBorder", "dataLocation", "relationshipToSubjects", "phaseNote", "delayReason",
] as const;
export type FactKey = (typeof FACT_KEYS)[number];
export type ReportFacts = Record<FactKey, string>;

export interface FormField {
  key: FactKey;
  label: string;
  required: boolean;
  /** Only asked when the report is made more than 72 hours after awareness. */
  onlyWhenLate?: boolean;
  multiline?: boolean;
  /** A pick list: the value must be one of these texts (the authority's own wording). */
  options?: readonly string[];
}

export interface AuthorityForm {
  authority: Authority;
  name: string;
  language: "sv" | "nb" | "en";
  title: string;
  fields: FormField[];
}

/**
 * IMY's pick list "Vad har hänt?" (the e-service asks to choose the option that best matches what
 * happened). The wording follows the categories IMY reports its breach statistics in ("Anmälda
 * personuppgiftsincidenter", IMY rapport 2023:2: misdirected letters, e-mails and text messages;
 * unauthorised access; other unauthorised disclosure; antagonistic attacks; loss and theft;
 * technical faults). We could not retrieve the e-service's own list verbatim: it is data here, so
 * a correction is a change to this list, and a stored report keeps the text it was filed with.
 * `categories`: the incident taxonomy's classes (shared/taxonomy.ts) whose incidents are prefilled with the kind.
 */
export const IMY_INCIDENT_KINDS = [
  { code: "misdirected", label: "Personuppgifter har skickats till fel mottagare (brev, e-post eller sms)", categories: [] },
  { code: "unauthorisedAccess", label: "Obehörig åtkomst (t.ex. felaktiga behörigheter eller åtkomst utan behov)", categories: [] },
  { code: "disclosure", label: "Annat obehörigt röjande (t.ex. felaktig publicering eller hantering av personuppgifter)", categories: ["information-content-security"] },
  { code: "attack", label: "Antagonistiskt angrepp (t.ex. dataintrång, skadlig kod eller nätfiske)", categories: ["intrusions", "malicious-code", "fraud", "intrusion-attempts"] },
  { code: "lossOrTheft", label: "Förlust eller stöld (t.ex. av dator, telefon, lagringsmedium eller pappershandlingar)", categories: [] },
  { code: "technical", label: "Tekniskt fel som har lett till att personuppgifter förstörts, förlorats eller ändrats", categories: ["availability"] },
  { code: "other", label: "Annat", categories: [] },
] as const satisfies readonly { code: string; label: string; categories: readonly string[] }[];

/** The IMY kind prefilled from the incident's category; empty when the category does not tell (e.g. organisational mishandling). */
export function imyKindOf(category: string | null | undefined): string {
  return IMY_INCIDENT_KINDS.find((k) => (k.categories as readonly string[]).includes(category ?? ""))?.label ?? "";
}

/** The country each authority supervises: "cross-border" is judged against it. */
export const AUTHORITY_COUNTRIES: Record<Authority, string | null> = { IMY: "SE", Datatilsynet: "NO", generic: null };

/**
 * Whether a breach is cross-border, from where its data subjects live (GDPR Art. 4(23)(b):
 * "substantially affects or is likely to substantially affect data subjects in more than one
 * Member State"), never from where the customers are: a Swedish school's pupils in Norway make a
 * Swedish customer's breach cross-border. Empty when the data subjects' countries are not known.
 */
export function crossBorderAnswer(subjectCountries: readonly string[] | undefined, authority: Authority, language: "sv" | "nb" | "en"): string {
  const countries = [...new Set((subjectCountries ?? []).map((c) => c.toUpperCase()))].sort();
  if (countries.length === 0) return "";
  const home = AUTHORITY_COUNTRIES[authority];
  const others = countries.filter((c) => c !== home);
  const w = VALUE_WORDS[language];
  const cross = home ? others.length > 0 : countries.length > 1;
  return cross ? `${w.yes}: ${w.subjectsIn} ${countries.join(", ")}` : `${w.no}: ${w.subjectsOnlyIn} ${countries.join(", ")}`;
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
      f("postalAddress", "Organisationens postadress", true, { multiline: true }),
      f("internalReference", "Ert referensnummer", false),
      f("phaseNote", "Typ av anmälan"),
      f("occurredAt", "När inträffade incidenten", false),
      f("discoveredAt", "När upptäcktes incidenten"),
      f("awareAt", "När fick ni kännedom om incidenten"),
      f("ceasedAt", "När upphörde incidenten", false),
      f("incidentKind", "Vad har hänt? Välj det alternativ som bäst stämmer överens med det som inträffat", true, { options: IMY_INCIDENT_KINDS.map((k) => k.label) }),
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
      f("crossBorder", "Berörs registrerade i andra länder än Sverige"),
      f("contactPoint", "Kontaktperson (namn, telefon, e-post; dataskyddsombud eller annan kontaktpunkt)"),
      f("confidentialityRequest", "Uppgifter som ni anser omfattas av sekretess (och varför)", false, { multiline: true }),
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
      f("crossBorder", "Data subjects in more than one Member State (cross-border, Art. 4(23))", false),
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
    informPending: "Inte ännu: vi har beslutat att informera de registrerade, men inget meddelande har skickats.",
    subjectsIn: "registrerade i", subjectsOnlyIn: "endast registrerade i",
  },
  nb: {
    confidentiality: "konfidensialitet", integrity: "integritet", availability: "tilgjengelighet",
    basic: "grunnleggende opplysninger", contact: "kontaktopplysninger", identity: "identitetsopplysninger", financial: "økonomiske opplysninger",
    credentials: "påloggingsopplysninger", location: "lokasjonsopplysninger", behavioural: "atferdsopplysninger", special: "særlige kategorier (art. 9)",
    criminal: "opplysninger om straffbare forhold (art. 10)", children: "opplysninger om barn",
    low: "lav", medium: "middels", high: "høy", very_high: "svært høy", yes: "Ja", no: "Nei",
    informPending: "Ikke ennå: vi har besluttet å informere de registrerte, men ingen melding er sendt.",
    subjectsIn: "registrerte i", subjectsOnlyIn: "bare registrerte i",
  },
  en: {
    confidentiality: "confidentiality", integrity: "integrity", availability: "availability",
    basic: "basic data", contact: "contact details", identity: "identity data", financial: "financial data",
    credentials: "credentials", location: "location data", behavioural: "behavioural data", special: "special categories (Art. 9)",
    criminal: "criminal offence data (Art. 10)", children: "data about children",
    low: "low", medium: "medium", high: "high", very_high: "very high", yes: "Yes", no: "No",
    informPending: "Not yet: we decided to inform the data subjects, but no communication has been sent.",
    subjectsIn: "data subjects in", subjectsOnlyIn: "data subjects only in",
  },
};

/** The zone an authority's form is read in. */
export const AUTHORITY_ZONES: Record<Authority, string> = { IMY: "Europe/Stockholm", Datatilsynet: "Europe/Oslo", generic: "UTC" };
