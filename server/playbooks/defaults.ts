import type { PlaybookBody, PlaybookTask } from "../../shared/schemas/playbook.js";

type Lang = "sv" | "nb" | "en";
type Words = [title: string, checklist: string[]];
interface TaskSpec { role: PlaybookTask["role"]; dueHours: number; text: Record<Lang, Words> }
interface KindSpec { kind: string; category: string; title: Record<Lang, string>; description: Record<Lang, string>; tasks: TaskSpec[] }

/**
 * The closing steps every kind shares, from the incident process Vakt was built on (seed 004):
 * impact analysis and documentation, communication and the controller's notice, the follow-up review.
 */
const CLOSING: TaskSpec[] = [
  {
    role: "manager", dueHours: 48, text: {
      en: ["Write the impact analysis and document the incident", ["What was affected, and for how long", "The cause, as far as it is known", "What was done, by whom and when"]],
      sv: ["Gör konsekvensanalysen och dokumentera incidenten", ["Vad som påverkades och hur länge", "Orsaken, så långt den är känd", "Vad som gjordes, av vem och när"]],
      nb: ["Lag konsekvensanalysen og dokumenter hendelsen", ["Hva som ble berørt, og hvor lenge", "Årsaken, så langt den er kjent", "Hva som ble gjort, av hvem og når"]],
    },
  },
  {
    role: "privacy", dueHours: 24, text: {
      en: ["Decide who must be informed, and notify affected controllers without undue delay", ["Is personal data affected? Record the assessment", "Notify each affected controller so it can report to the authority within 72 hours", "Record every communication, or the reasoned decision that no one needs informing"]],
      sv: ["Besluta vilka som ska informeras och underrätta berörda personuppgiftsansvariga utan onödigt dröjsmål", ["Berörs personuppgifter? Dokumentera bedömningen", "Underrätta varje berörd personuppgiftsansvarig så att den kan anmäla till IMY inom 72 timmar", "Dokumentera all kommunikation, eller det motiverade beslutet att ingen behöver informeras"]],
      nb: ["Avgjør hvem som skal informeres, og varsle berørte behandlingsansvarlige uten ugrunnet opphold", ["Er personopplysninger berørt? Dokumenter vurderingen", "Varsle hver berørte behandlingsansvarlig slik at den kan melde fra til Datatilsynet innen 72 timer", "Dokumenter all kommunikasjon, eller den begrunnede beslutningen om at ingen trenger å informeres"]],
    },
  },
  {
    role: "manager", dueHours: 24 * 14, text: {
      en: ["Hold the follow-up review so it does not happen again", ["Root cause (ask why until the answer is a process or a design)", "Follow-up actions with owners and due dates"]],
      sv: ["Genomför uppföljningen så att det inte händer igen", ["Grundorsak (fråga varför tills svaret är en process eller en konstruktion)", "Uppföljande åtgärder med ansvarig och förfallodatum"]],
      nb: ["Gjennomfør oppfølgingen slik at det ikke skjer igjen", ["Rotårsak (spør hvorfor til svaret er en prosess eller en utforming)", "Oppfølgingstiltak med ansvarlig og frist"]],
    },
  },
];

const KINDS: KindSpec[] = [
  {
    kind: "lost-device", category: "organisational",
    title: { en: "Lost or stolen device", sv: "Förlorad eller stulen enhet", nb: "Mistet eller stjålet enhet" },
    description: {
      en: "A laptop, phone or storage medium with access to our systems or data is missing.",
      sv: "En dator, mobil eller ett lagringsmedium med åtkomst till våra system eller data saknas.",
      nb: "En datamaskin, mobil eller et lagringsmedium med tilgang til systemene eller dataene våre er borte.",
    },
    tasks: [
      { role: "responder", dueHours: 1, text: {
        en: ["Lock and wipe the device remotely, and end its sessions", ["Remote lock and wipe sent", "Sessions and tokens of the user revoked", "Passwords and keys stored on the device changed"]],
        sv: ["Lås och radera enheten på distans och avsluta dess sessioner", ["Fjärrlåsning och radering skickad", "Användarens sessioner och token återkallade", "Lösenord och nycklar som fanns på enheten bytta"]],
        nb: ["Lås og slett enheten eksternt, og avslutt øktene på den", ["Ekstern låsing og sletting sendt", "Brukerens økter og tokener tilbakekalt", "Passord og nøkler som lå på enheten, byttet"]],
      } },
      { role: "responder", dueHours: 4, text: {
        en: ["Find out what was on the device and whether it was encrypted", ["Disk encryption confirmed in device management", "Local copies of customer data listed"]],
        sv: ["Ta reda på vad som fanns på enheten och om den var krypterad", ["Diskkryptering bekräftad i enhetshanteringen", "Lokala kopior av kunddata förtecknade"]],
        nb: ["Finn ut hva som lå på enheten, og om den var kryptert", ["Diskkryptering bekreftet i enhetsadministrasjonen", "Lokale kopier av kundedata listet opp"]],
      } },
      ...CLOSING,
    ],
  },
  {
    kind: "misdirected-email", category: "organisational",
    title: { en: "E-mail to the wrong recipient", sv: "E-post till fel mottagare", nb: "E-post til feil mottaker" },
    description: {
      en: "Personal data or confidential information was sent to someone who should not have it.",
      sv: "Personuppgifter eller konfidentiell information skickades till någon som inte skulle ha den.",
      nb: "Personopplysninger eller fortrolig informasjon ble sendt til noen som ikke skulle hatt den.",
    },
    tasks: [
      { role: "responder", dueHours: 2, text: {
        en: ["Ask the recipient to delete the message and confirm it in writing", ["Recall attempted where the mail system allows it", "Written confirmation of deletion received"]],
        sv: ["Be mottagaren radera meddelandet och bekräfta det skriftligt", ["Återkallelse försökt där e-postsystemet tillåter det", "Skriftlig bekräftelse på radering mottagen"]],
        nb: ["Be mottakeren slette meldingen og bekrefte det skriftlig", ["Tilbakekalling forsøkt der e-postsystemet tillater det", "Skriftlig bekreftelse på sletting mottatt"]],
      } },
      { role: "privacy", dueHours: 8, text: {
        en: ["List whose data was in the message and which categories", ["Number of data subjects", "Special categories or identity numbers?"]],
        sv: ["Förteckna vems uppgifter som fanns i meddelandet och vilka kategorier", ["Antal registrerade", "Känsliga personuppgifter eller personnummer?"]],
        nb: ["List opp hvem sine opplysninger som var i meldingen, og hvilke kategorier", ["Antall registrerte", "Særlige kategorier eller fødselsnumre?"]],
      } },
      ...CLOSING,
    ],
  },
  {
    kind: "ransomware", category: "malicious-code",
    title: { en: "Ransomware", sv: "Utpressningsprogram (ransomware)", nb: "Løsepengevirus" },
    description: {
      en: "Systems or files are encrypted by malware, often with a ransom demand and stolen data.",
      sv: "System eller filer har krypterats av skadlig kod, ofta med ett lösenkrav och stulna data.",
      nb: "Systemer eller filer er kryptert av skadevare, ofte med krav om løsepenger og stjålne data.",
    },
    tasks: [
      { role: "responder", dueHours: 1, text: {
        en: ["Isolate affected hosts from the network; do not switch them off", ["Network access of affected hosts cut", "Memory and disk images secured as evidence", "Backups checked to be offline and intact"]],
        sv: ["Isolera drabbade servrar från nätet; stäng inte av dem", ["Nätåtkomst för drabbade servrar bruten", "Minnes- och diskavbilder säkrade som bevis", "Kontrollerat att säkerhetskopiorna är frånkopplade och intakta"]],
        nb: ["Isoler berørte servere fra nettet; ikke slå dem av", ["Nettilgang for berørte servere kuttet", "Minne- og diskbilder sikret som bevis", "Kontrollert at sikkerhetskopiene er frakoblet og intakte"]],
      } },
      { role: "manager", dueHours: 4, text: {
        en: ["Report to the police and decide on outside forensic help", ["Police report filed (reference recorded)", "No ransom paid without a board decision"]],
        sv: ["Polisanmäl och besluta om extern forensisk hjälp", ["Polisanmälan gjord (diarienummer dokumenterat)", "Ingen lösensumma betalas utan styrelsebeslut"]],
        nb: ["Anmeld til politiet og avgjør om ekstern etterforskningshjelp trengs", ["Politianmeldelse levert (saksnummer dokumentert)", "Ingen løsepenger betales uten styrevedtak"]],
      } },
      { role: "responder", dueHours: 24, text: {
        en: ["Find out whether data was taken out before the encryption", ["Outbound traffic of the last 30 days reviewed", "Leak sites watched for our name"]],
        sv: ["Ta reda på om data fördes ut före krypteringen", ["Utgående trafik de senaste 30 dagarna granskad", "Läckagesajter bevakade efter vårt namn"]],
        nb: ["Finn ut om data ble hentet ut før krypteringen", ["Utgående trafikk de siste 30 dagene gjennomgått", "Lekkasjenettsteder overvåket for navnet vårt"]],
      } },
      ...CLOSING,
    ],
  },
  {
    kind: "credential-stuffing", category: "intrusion-attempts",
    title: { en: "Credential stuffing", sv: "Inloggningsförsök med läckta uppgifter (credential stuffing)", nb: "Innloggingsforsøk med lekkede opplysninger (credential stuffing)" },
    description: {
      en: "Many sign-in attempts with usernames and passwords leaked elsewhere; some may have succeeded.",
      sv: "Många inloggningsförsök med användarnamn och lösenord som läckt någon annanstans; några kan ha lyckats.",
      nb: "Mange innloggingsforsøk med brukernavn og passord som har lekket et annet sted; noen kan ha lyktes.",
    },
    tasks: [
      { role: "responder", dueHours: 1, text: {
        en: ["Slow the attack down: rate limits, blocked sources, CAPTCHA where it fits", ["Sign-in throttling tightened", "Attacking address ranges blocked"]],
        sv: ["Bromsa angreppet: begränsa inloggningar, blockera källor, CAPTCHA där det passar", ["Begränsningen av inloggningar skärpt", "Angripande adressintervall blockerade"]],
        nb: ["Brems angrepet: begrens innlogginger, blokker kilder, CAPTCHA der det passer", ["Begrensningen av innlogginger skjerpet", "Angripende adresseområder blokkert"]],
      } },
      { role: "responder", dueHours: 8, text: {
        en: ["Find the accounts that were signed in to, and reset them", ["Successful sign-ins from attacking sources listed", "Passwords reset and sessions ended for those accounts"]],
        sv: ["Hitta de konton som angriparen loggade in på och återställ dem", ["Lyckade inloggningar från angripande källor förtecknade", "Lösenord återställda och sessioner avslutade för de kontona"]],
        nb: ["Finn kontoene angriperen logget inn på, og tilbakestill dem", ["Vellykkede innlogginger fra angripende kilder listet opp", "Passord tilbakestilt og økter avsluttet for disse kontoene"]],
      } },
      ...CLOSING,
    ],
  },
  {
    kind: "subprocessor-breach", category: "information-content-security",
    title: { en: "Breach at a sub-processor", sv: "Incident hos ett underbiträde", nb: "Hendelse hos en underleverandør" },
    description: {
      en: "A supplier that processes personal data on our behalf reports a breach that may touch our customers' data.",
      sv: "En leverantör som behandlar personuppgifter för vår räkning rapporterar en incident som kan beröra våra kunders uppgifter.",
      nb: "En leverandør som behandler personopplysninger på våre vegne, melder om en hendelse som kan berøre kundenes opplysninger.",
    },
    tasks: [
      { role: "privacy", dueHours: 4, text: {
        en: ["Get the facts from the sub-processor in writing", ["When they became aware, and what happened", "Which of our data and which customers are affected", "What they have done and will do"]],
        sv: ["Få fakta från underbiträdet skriftligt", ["När de fick kännedom om incidenten och vad som hände", "Vilka av våra uppgifter och vilka kunder som berörs", "Vad de har gjort och kommer att göra"]],
        nb: ["Få fakta fra underleverandøren skriftlig", ["Når de ble kjent med hendelsen, og hva som skjedde", "Hvilke av våre opplysninger og hvilke kunder som er berørt", "Hva de har gjort og kommer til å gjøre"]],
      } },
      { role: "responder", dueHours: 8, text: {
        en: ["Limit our exposure: rotate keys and credentials shared with the supplier", ["API keys and integration accounts rotated", "Data flows to the supplier paused if needed"]],
        sv: ["Begränsa vår exponering: byt nycklar och inloggningsuppgifter som delas med leverantören", ["API-nycklar och integrationskonton bytta", "Dataflöden till leverantören pausade vid behov"]],
        nb: ["Begrens eksponeringen vår: bytt nøkler og påloggingsopplysninger som deles med leverandøren", ["API-nøkler og integrasjonskontoer byttet", "Dataflyt til leverandøren satt på pause ved behov"]],
      } },
      ...CLOSING,
    ],
  },
  {
    kind: "school-platform-access", category: "organisational",
    title: {
      en: "Misconfigured access in a school platform", sv: "Felaktigt konfigurerad åtkomst i en skolplattform", nb: "Feilkonfigurert tilgang i en skoleplattform",
    },
    description: {
      en: "Pupils, guardians or staff could see data they should not, because of roles, groups or sharing set up wrongly.",
      sv: "Elever, vårdnadshavare eller personal kunde se uppgifter de inte skulle se, på grund av felaktigt inställda roller, grupper eller delningar.",
      nb: "Elever, foresatte eller ansatte kunne se opplysninger de ikke skulle se, fordi roller, grupper eller deling var satt opp feil.",
    },
    tasks: [
      { role: "responder", dueHours: 2, text: {
        en: ["Close the access and keep the access logs", ["Wrong role, group or share corrected", "Access logs for the period exported and kept as evidence"]],
        sv: ["Stäng åtkomsten och spara åtkomstloggarna", ["Felaktig roll, grupp eller delning rättad", "Åtkomstloggar för perioden exporterade och sparade som bevis"]],
        nb: ["Steng tilgangen og ta vare på tilgangsloggene", ["Feil rolle, gruppe eller deling rettet", "Tilgangslogger for perioden eksportert og tatt vare på som bevis"]],
      } },
      { role: "privacy", dueHours: 12, text: {
        en: ["Establish who saw what, and whether children's data or sensitive data was exposed", ["Accounts that opened the data listed from the logs", "Categories exposed (grades, special needs, health, protected identities)"]],
        sv: ["Fastställ vem som såg vad, och om barns uppgifter eller känsliga uppgifter exponerades", ["Konton som öppnade uppgifterna förtecknade utifrån loggarna", "Exponerade kategorier (betyg, särskilt stöd, hälsa, skyddade personuppgifter)"]],
        nb: ["Fastslå hvem som så hva, og om opplysninger om barn eller sensitive opplysninger ble eksponert", ["Kontoer som åpnet opplysningene, listet opp fra loggene", "Eksponerte kategorier (karakterer, spesialundervisning, helse, skjermede personer)"]],
      } },
      ...CLOSING,
    ],
  },
];

/** The six built-in playbooks in Swedish, Norwegian and English (18 rows). */
export function defaultPlaybooks(): PlaybookBody[] {
  return KINDS.flatMap((k) =>
    (["sv", "nb", "en"] as const).map((language) => ({
      kind: k.kind, language, category: k.category, title: k.title[language], description: k.description[language],
      tasks: k.tasks.map((t) => ({ title: t.text[language][0], role: t.role, dueHours: t.dueHours, checklist: t.text[language][1] })),
    })),
  );
}
