import path from "node:path";
import type { Tx } from "../db/client.js";
import { SYSTEM_ACTOR } from "../audit/service.js";
import { enqueueMail } from "../outbox/service.js";
import { createMailRenderer } from "../mail/render.js";
import { translator } from "../../shared/i18n/index.js";
import { localized } from "../../shared/status/localized.js";
import type { PerLanguageText } from "../../shared/schemas/status.js";
import { CONFIRM_HOURS, unsubscribeToken } from "./tokens.js";

const mail = createMailRenderer(path.resolve(import.meta.dirname, "templates"));

/** Where links in status mails point, and what they are signed with. */
export interface StatusLinks {
  baseUrl: string;
  secret: string;
  vendor: string;
  vendorLanguage: string;
}

export const statusPageUrl = (baseUrl: string, lang: string) => `${baseUrl}/status?lang=${lang}`;

/** The update in the subscriber's language, with a one-click unsubscribe link in the body and in the RFC 8058 headers. */
export async function queueUpdateMail(
  tx: Tx,
  { sub, update, links }: {
    sub: { id: string; email: string; language: string };
    update: { id: string; state: string; titles: PerLanguageText; texts: PerLanguageText; services: unknown[] };
    links: StatusLinks;
  },
) {
  const lang = sub.language;
  const t = translator(lang);
  const token = unsubscribeToken(links.secret, sub.id);
  const unsubscribeUrl = `${links.baseUrl}/status/unsubscribe?token=${token}&lang=${lang}`;
  const rendered = mail.render("status-update", {
    vendor: links.vendor,
    title: localized(update.titles, lang, links.vendorLanguage),
    state: t(`status:states.${update.state}`),
    text: localized(update.texts, lang, links.vendorLanguage),
    services: update.services.map((n) => localized(n as PerLanguageText, lang, links.vendorLanguage)).join(", "),
    pageUrl: statusPageUrl(links.baseUrl, lang),
    unsubscribeUrl,
  }, { lang });
  await enqueueMail(tx, SYSTEM_ACTOR, {
    dedupeKey: `status:${update.id}:${sub.id}`, to: [sub.email], ...rendered,
    headers: { "List-Unsubscribe": `<${links.baseUrl}/api/status/unsubscribe/${token}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  });
}

/** The double opt-in mail: one per request (its token is part of the key). */
export async function queueConfirmationMail(
  tx: Tx,
  { sub, token, tokenHash, links }: { sub: { id: string; email: string; language: string }; token: string; tokenHash: string; links: StatusLinks },
) {
  const confirmUrl = `${links.baseUrl}/status/confirm?token=${token}&lang=${sub.language}`;
  const rendered = mail.render("status-confirm", { vendor: links.vendor, hours: CONFIRM_HOURS, confirmUrl }, { lang: sub.language });
  await enqueueMail(tx, SYSTEM_ACTOR, { dedupeKey: `status-confirm:${sub.id}:${tokenHash}`, to: [sub.email], ...rendered });
}
