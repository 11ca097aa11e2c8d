import type { Tx } from "../db/client.js";
import type { AuditActor } from "../audit/service.js";
import { enqueueMail } from "../outbox/service.js";
import { textToHtml } from "../notices/render.js";
import { systemMail, type MailRenderer, type RenderedMail } from "./render.js";
import { LANGUAGES, languageOf, translator, type Language, type Translate } from "../../shared/i18n/index.js";
import { DateTime } from "luxon";
import { formatLocalDateTime } from "../../shared/breach/localTime.js";

/** The addresses grouped by each person's language: their profile's, else `fallback` (the vendor's); an address without an account reads the fallback. */
export async function byLanguage(db: Tx, emails: readonly string[], fallback: string): Promise<[Language, string[]][]> {
  const users = await db.user.findMany({ where: { email: { in: [...emails] } }, select: { email: true, language: true } });
  const langOf = new Map(users.map((u) => [u.email, languageOf(u.language ?? fallback)]));
  const groups = new Map<Language, string[]>();
  for (const e of emails) {
    const lang = langOf.get(e) ?? languageOf(fallback);
    groups.set(lang, [...(groups.get(lang) ?? []), e]);
  }
  return [...groups];
}

/** The vendor's language keeps the plain dedupe key, so mails queued before they were per language are not sent twice. */
const keyIn = (key: string, lang: Language, fallback: string) => (lang === languageOf(fallback) ? key : `${key}:${lang}`);

/** Every dedupe key a mail queued in languages may have, for scans that skip what is queued already. */
export const keysInLanguages = (key: string): string[] => [key, ...LANGUAGES.map((l) => `${key}:${l}`)];

/** A mail of `templates` in `lang`, its HTML made from the text as the notice and mention mails are. */
export function textMailIn(templates: MailRenderer, name: string, data: Record<string, unknown>, lang: Language): RenderedMail {
  const m = templates.renderText(name, data, { lang });
  return { ...m, html: textToHtml(m.text, lang, m.subject) };
}

/** A system mail (server/mail/templates) in `lang`. */
export const systemMailIn = (name: string, data: Record<string, unknown>, lang: Language) => textMailIn(systemMail, name, data, lang);

interface InLanguages {
  dedupeKey: string;
  to: readonly string[];
  /** The vendor's language, for people without one in their profile. */
  fallback: string;
  render(lang: Language, t: Translate): RenderedMail;
  incidentId?: string | null;
  organizationId?: string | null;
}

/** One mail per language among the recipients, each in its reader's language, queued in the caller's transaction. True when any was queued now. */
export async function enqueueInLanguages(tx: Tx, actor: AuditActor, m: InLanguages): Promise<boolean> {
  let queued = false;
  for (const [lang, to] of await byLanguage(tx, m.to, m.fallback)) {
    const r = await enqueueMail(tx, actor, {
      dedupeKey: keyIn(m.dedupeKey, lang, m.fallback), to, ...m.render(lang, translator(lang)), incidentId: m.incidentId ?? null, organizationId: m.organizationId ?? null,
    });
    queued ||= r.queued;
  }
  return queued;
}

/** "2 h 5 min", "3 d 4 h", "under a minute" in the reader's language. */
export function durationIn(ms: number, t: Translate): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  if (d > 0) return h ? t("labels:duration.dH", { d, h }) : t("labels:duration.d", { n: d });
  if (h > 0) return m ? t("labels:duration.hMin", { h, m }) : t("labels:duration.h", { n: h });
  return m > 0 ? t("labels:duration.min", { n: m }) : t("labels:duration.underMinute");
}

/** An instant on the wall clock of `zone` in the reader's language, the zone named, with UTC added when the zone is another. */
export function instantIn(iso: string, zone: string, lang: Language): string {
  const local = formatLocalDateTime(iso, zone, lang);
  return zone === "UTC" ? local : `${local} (${DateTime.fromISO(iso, { zone: "utc" }).toFormat("yyyy-MM-dd HH:mm")} UTC)`;
}
