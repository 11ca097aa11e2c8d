import { Feed } from "feed";
import Handlebars from "handlebars";
import type { PublicStatusPage } from "../../shared/schemas/status.js";
import { translator } from "../../shared/i18n/index.js";

/** `feed` writes titles and content as type="html" in CDATA: plain text is escaped (which also keeps "]]>" out of the CDATA). */
const html = (text: string) => Handlebars.Utils.escapeExpression(text).replace(/\n/g, "<br>");

/** The public page as an Atom 1.0 feed: one entry per public update of the last HISTORY_DAYS, newest first. */
export function statusAtomFeed(page: PublicStatusPage, { baseUrl }: { baseUrl: string }): string {
  const t = translator(page.language);
  const pageUrl = `${baseUrl}/status?lang=${page.language}`;
  const entries = [...page.current, ...page.history]
    .flatMap((i) => i.updates.map((u) => ({ incident: i, update: u })))
    .sort((a, b) => b.update.publishedAt.localeCompare(a.update.publishedAt));
  const feed = new Feed({
    title: t("status:feed.title", { vendor: page.vendor }),
    description: t("status:feed.subtitle", { vendor: page.vendor }),
    id: `${baseUrl}/status`,
    link: pageUrl,
    language: page.language,
    updated: entries.length ? new Date(entries[0].update.publishedAt) : new Date(0),
    copyright: page.vendor,
    generator: "Vakt",
    feedLinks: { atom: `${baseUrl}/api/status/feed.atom?lang=${page.language}` },
    author: { name: page.vendor },
  });
  for (const { incident, update } of entries)
    feed.addItem({
      id: `urn:uuid:${update.id}`,
      title: html(`${incident.title}: ${t(`status:states.${update.state}`)}`),
      link: `${pageUrl}#incident-${incident.id}`,
      date: new Date(update.publishedAt),
      published: new Date(update.publishedAt),
      description: html(update.text),
      content: html(update.services.length ? `${update.text}\n\n${t("status:page.affects")} ${update.services.join(", ")}` : update.text),
    });
  return feed.atom1();
}
