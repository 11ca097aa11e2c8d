import { z } from "zod";
import { Email, Text } from "./text.js";
import { Id, Instant } from "./common.js";
import { LANGUAGES } from "./organization.js";

/** The states of a status update, in the order an incident usually passes them (issue 15 §6, docs/status-page.md). */
export const STATUS_STATES = ["investigating", "identified", "monitoring", "resolved"] as const;
export const StatusState = z.enum(STATUS_STATES, { message: `must be one of ${STATUS_STATES.join(", ")}` });
export type StatusState = z.infer<typeof StatusState>;
export const StatusLanguage = z.enum(LANGUAGES, { message: `must be one of ${LANGUAGES.join(", ")}` });

/** A text in sv, nb and en; at least one is given, and a reader gets theirs or the nearest (shared/status/localized.ts). */
export const PerLanguage = (max: number) =>
  z
    .object({ sv: Text.trim().max(max).optional(), nb: Text.trim().max(max).optional(), en: Text.trim().max(max).optional() })
    .refine((t) => Boolean(t.sv || t.nb || t.en), { message: "needs a text in at least one language (sv, nb or en)" });
export const StoredPerLanguage = z.object({ sv: z.string().optional(), nb: z.string().optional(), en: z.string().optional() });
export type PerLanguageText = z.infer<typeof StoredPerLanguage>;

export const StatusServiceBody = z.object({
  names: PerLanguage(100),
  position: z.number().int().min(0).max(1000).default(0),
});
export const UpdateStatusServiceBody = z.object({
  names: PerLanguage(100).optional(),
  position: z.number().int().min(0).max(1000).optional(),
  archived: z.boolean().optional(),
});
export const StatusServiceView = z.object({ id: Id, names: StoredPerLanguage, position: z.number().int(), archived: z.boolean() });
export const StatusServiceList = z.object({ items: z.array(StatusServiceView) });

export const PostStatusUpdateBody = z.object({
  /** The customer-facing title of the incident (never the internal one); kept for later updates. */
  title: PerLanguage(160),
  state: StatusState,
  text: PerLanguage(2000),
  serviceIds: z.array(z.uuid({ message: "must be a valid id" })).max(50).default([]),
  organizationIds: z.array(z.uuid({ message: "must be a valid id" })).max(500).default([]),
  /** false: not on the public page, only mailed to the subscribers of the affected organisations. */
  public: z.boolean().default(true),
  /** Subscribe the contacts of the affected organisations (confirmed, in the organisation's language) before mailing. */
  subscribeOrganizationContacts: z.boolean().default(true),
});

export const StaffStatusUpdate = z.object({
  id: Id, state: StatusState, texts: StoredPerLanguage, serviceIds: z.array(Id), organizationIds: z.array(Id), public: z.boolean(),
  publishedAt: Instant, mailed: z.number().int(),
});
export const IncidentStatusView = z.object({
  statusIncidentId: Id.nullable(),
  titles: StoredPerLanguage.nullable(),
  updates: z.array(StaffStatusUpdate),
});

/** The public page (no sign-in): only customer-facing texts, service names and states; no people, no internal titles. */
export const PublicStatusUpdate = z.object({ id: Id, state: StatusState, text: z.string(), services: z.array(z.string()), publishedAt: Instant });
export const PublicStatusIncident = z.object({
  id: Id, title: z.string(), state: StatusState, startedAt: Instant, resolvedAt: Instant.nullable(), updates: z.array(PublicStatusUpdate),
});
export const PublicService = z.object({ id: Id, name: z.string(), state: z.enum(["operational", "affected"]) });
export const PublicStatusPage = z.object({
  vendor: z.string(),
  language: StatusLanguage,
  services: z.array(PublicService),
  current: z.array(PublicStatusIncident),
  history: z.array(PublicStatusIncident),
  historyDays: z.number().int(),
});
export type PublicStatusPage = z.infer<typeof PublicStatusPage>;
export const StatusLangQuery = z.object({ lang: StatusLanguage.optional() });

export const SubscribeBody = z.object({
  email: Email,
  language: StatusLanguage,
  serviceIds: z.array(z.uuid({ message: "must be a valid id" })).max(50).default([]),
});
/** The same answer whether or not the address was known (nothing is revealed). */
export const SubscribeAccepted = z.object({ accepted: z.literal(true) });
export const StatusTokenBody = z.object({ token: Text.trim().min(20).max(200) });
export const SubscriptionConfirmed = z.object({ confirmed: z.literal(true), language: StatusLanguage });
