import { translator } from "../../shared/i18n/index.js";
import { formatLocalDateTime } from "../../shared/breach/localTime.js";
import { INCIDENT_EVENTS } from "../incidents/events.js";
import { REVIEW_EVENTS } from "../reviews/events.js";
import { BREACH_EVENTS } from "../breaches/events.js";
import { NOTICE_EVENTS } from "../notices/events.js";
import { OUTBOX_EVENTS } from "../outbox/events.js";
import { REPORT_EVENTS } from "../reports/events.js";
import { SUBJECT_EVENTS } from "../subjects/events.js";
import { NIS2_EVENTS } from "../nis2/events.js";
import { ACCESS_EVENTS } from "../incidents/accessEvents.js";
import { ALERT_EVENTS } from "../alerts/events.js";
import { EVIDENCE_EVENTS } from "../evidence/events.js";
import { NOTE_EVENTS } from "../notes/events.js";
import { BUNDLE_EVENTS } from "../bundles/events.js";
import { OPERATIONS_EVENTS } from "../operations/events.js";
import { SETTINGS_EVENTS } from "../settings/events.js";
import { USER_EVENTS } from "../users/events.js";
import { STATUS_EVENTS } from "../status/events.js";
import { HANDOFF_EVENTS } from "../handoff/events.js";
import type { EventDeclaration, SentenceContext } from "./declare.js";

/** Every event that can appear on an incident's timeline, each declared in its own domain's events.ts. */
export const TIMELINE_EVENTS: readonly EventDeclaration[] = [
  ...INCIDENT_EVENTS, ...REVIEW_EVENTS, ...BREACH_EVENTS, ...NOTICE_EVENTS, ...OUTBOX_EVENTS, ...REPORT_EVENTS, ...SUBJECT_EVENTS, ...NIS2_EVENTS,
  ...ACCESS_EVENTS, ...ALERT_EVENTS, ...EVIDENCE_EVENTS, ...NOTE_EVENTS, ...BUNDLE_EVENTS, ...OPERATIONS_EVENTS,
  ...SETTINGS_EVENTS, ...USER_EVENTS, ...STATUS_EVENTS, ...HANDOFF_EVENTS,
] as EventDeclaration[];
const BY_NAME = new Map(TIMELINE_EVENTS.map((d) => [d.name, d]));

export const TIMELINE_KINDS = TIMELINE_EVENTS.map((d) => d.name);

/** What a reader needs to turn entries into sentences: their language and zone, and the names entries refer to. */
export interface Lookups {
  lang: string;
  zone: string;
  users: Map<string, string>;
  organizations?: Map<string, string>;
  notices?: Map<string, { phase: string; language: string }>;
}

export interface TimelineEntry {
  action: string;
  actorId: string | null;
  actorLabel: string;
  before: unknown;
  after: unknown;
  targetId: string | null;
  organizationId: string | null;
}

/** One audit entry as a sentence in the reader's language, from its event's declaration. */
export function eventSentence(entry: TimelineEntry, l: Lookups): string {
  const t = translator(l.lang);
  const actor = entry.actorId ? (l.users.get(entry.actorId) ?? entry.actorLabel) : entry.actorLabel === "system" ? t("timeline:system") : entry.actorLabel;
  const c: SentenceContext = {
    t, actor,
    userName: (id) => l.users.get(String(id)) ?? String(id),
    organizationName: (id) => (id ? (l.organizations?.get(id) ?? "") : ""),
    notice: (id) => (id ? l.notices?.get(id) : undefined),
    time: (iso) => formatLocalDateTime(iso, l.zone, l.lang === "sv" || l.lang === "nb" ? l.lang : "en"),
  };
  const declared = BY_NAME.get(entry.action);
  if (!declared) return t("timeline:unknown", { actor });
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const parsed = declared.payload.safeParse(after);
  return declared.sentence({
    before: (entry.before ?? {}) as Record<string, unknown>, after: parsed.success ? parsed.data : after,
    targetId: entry.targetId, organizationId: entry.organizationId,
  }, c);
}
