import type { z } from "zod";
import type { Prisma } from "../db/client.js";
import type { StatusService } from "../generated/prisma/client.js";
import {
  StoredPerLanguage, type IncidentStatusView, type PerLanguageText, type PublicStatusIncident, type PublicStatusPage, type StatusLanguage, type StatusServiceView,
  type StatusState,
} from "../../shared/schemas/status.js";
import { localized } from "../../shared/status/localized.js";
import { HISTORY_DAYS } from "./policy.js";

const texts = (j: unknown): PerLanguageText => StoredPerLanguage.catch({}).parse(j);

export function presentService(s: StatusService): z.infer<typeof StatusServiceView> {
  return { id: s.id, names: texts(s.names), position: s.position, archived: s.archived };
}

/**
 * The public page in one language. It reads only the customer-facing fields (titles and texts written for the status page,
 * service names) and public updates: never the incident itself, its people or its internal title.
 */
export async function publicStatusPage(
  db: Prisma,
  { lang, vendor, vendorLanguage, now = new Date() }: { lang: z.infer<typeof StatusLanguage>; vendor: string; vendorLanguage: string; now?: Date },
): Promise<PublicStatusPage> {
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const [services, incidents] = await Promise.all([
    db.statusService.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
    db.statusIncident.findMany({
      where: { updates: { some: { public: true, publishedAt: { gte: since } } } },
      include: { updates: { where: { public: true }, orderBy: { publishedAt: "desc" } } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const name = new Map(services.map((s) => [s.id, localized(texts(s.names), lang, vendorLanguage)]));
  const shown: z.infer<typeof PublicStatusIncident>[] = incidents.map((i) => {
    const latest = i.updates[0];
    const state = latest.state as StatusState;
    return {
      id: i.id, title: localized(texts(i.titles), lang, vendorLanguage), state,
      startedAt: i.updates[i.updates.length - 1].publishedAt.toISOString(), resolvedAt: state === "resolved" ? latest.publishedAt.toISOString() : null,
      updates: i.updates.map((u) => ({
        id: u.id, state: u.state as StatusState, text: localized(texts(u.texts), lang, vendorLanguage),
        services: u.serviceIds.flatMap((id) => (name.has(id) ? [name.get(id)!] : [])), publishedAt: u.publishedAt.toISOString(),
      })),
    };
  });
  const current = shown.filter((i) => i.state !== "resolved");
  const affected = new Set(incidents.filter((i) => i.updates[0].state !== "resolved").flatMap((i) => i.updates.flatMap((u) => u.serviceIds)));
  return {
    vendor, language: lang, historyDays: HISTORY_DAYS,
    services: services.filter((s) => !s.archived).map((s) => ({ id: s.id, name: name.get(s.id)!, state: affected.has(s.id) ? "affected" : "operational" })),
    current,
    history: shown.filter((i) => i.state === "resolved"),
  };
}

/** What staff see on the incident page: the customer-facing title, every update, and how many mails each queued. */
export async function incidentStatusView(db: Prisma, incidentId: string): Promise<z.infer<typeof IncidentStatusView>> {
  const si = await db.statusIncident.findUnique({ where: { incidentId }, include: { updates: { orderBy: { publishedAt: "desc" } } } });
  if (!si) return { statusIncidentId: null, titles: null, updates: [] };
  const counts = await Promise.all(si.updates.map((u) => db.outboxMessage.count({ where: { dedupeKey: { startsWith: `status:${u.id}:` } } })));
  return {
    statusIncidentId: si.id, titles: texts(si.titles),
    updates: si.updates.map((u, i) => ({
      id: u.id, state: u.state as StatusState, texts: texts(u.texts), serviceIds: u.serviceIds, organizationIds: u.organizationIds, public: u.public,
      publishedAt: u.publishedAt.toISOString(), mailed: counts[i],
    })),
  };
}
