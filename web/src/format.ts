/** Display helpers: times, labels. Pure functions, no rules. */
import { useEffect, useState } from "react";
import type { IncidentStatus } from "../../shared/lifecycle.js";
import type { ActionStatus, Level, PersonalData, Seriousness, Severity } from "./api.js";
import { formatLocalDate, formatLocalDateTime } from "../../shared/breach/localTime.js";
import i18next from "i18next";
import { ROLES } from "../../shared/roles.js";
import { currentLanguage, translatedLabels } from "./i18n.js";

const STATUSES: readonly IncidentStatus[] = ["detected", "triaged", "remediating", "resolved", "closed"];

export const STATUS_LABELS = translatedLabels(STATUSES, (s) => i18next.t(`common:values.status.${s}`));

/** The button that moves an incident into a status. */
export const TRANSITION_VERBS = translatedLabels(STATUSES, (s) => i18next.t(`labels:transition.${s}`));

export const SEVERITY_LABELS = translatedLabels<Severity>(["low", "medium", "high", "critical"], (s) => i18next.t(`labels:severity.${s}`));
export const LEVEL_LABELS = translatedLabels<Level>(["organisational", "system"], (s) => i18next.t(`labels:level.${s}`));
export const PERSONAL_DATA_LABELS = translatedLabels<PersonalData>(["yes", "no", "unknown"], (s) => i18next.t(`labels:personalData.${s}`));
export const SERIOUSNESS_LABELS = translatedLabels<Seriousness>(["minor", "moderate", "major", "severe"], (s) => i18next.t(`labels:seriousness.${s}`));
export const ACTION_STATUS_LABELS = translatedLabels<ActionStatus>(["open", "done", "deferred"], (s) => i18next.t(`labels:actionStatus.${s}`));
export const ROLE_LABELS = translatedLabels(ROLES, (r) => i18next.t(`labels:role.${r}`));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "4 min", "3 h", "2 d 5 h", "12 d" — compact and countdown-friendly, in the language shown. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return i18next.t("labels:duration.underMinute");
  if (abs < HOUR) return i18next.t("labels:duration.min", { n: Math.floor(abs / MINUTE) });
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.floor((abs % HOUR) / MINUTE);
    return h < 6 && m > 0 ? i18next.t("labels:duration.hMin", { h, m }) : i18next.t("labels:duration.h", { n: h });
  }
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  return d < 3 && h > 0 ? i18next.t("labels:duration.dH", { d, h }) : i18next.t("labels:duration.d", { n: d });
}

/** "3 h ago" / "in 2 d" relative to `now`. */
export function relativeTime(iso: string | null | undefined, now: number): string {
  if (!iso) return "—";
  const diff = new Date(iso).getTime() - now;
  if (Math.abs(diff) < MINUTE) return i18next.t("labels:relative.now");
  return diff < 0 ? i18next.t("labels:relative.ago", { span: formatDuration(diff) }) : i18next.t("labels:relative.in", { span: formatDuration(diff) });
}

/** The browser's zone: what times are shown in until the reader's profile names one. */
export const VIEWER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
let profileZone: string | null = null;

/** Shows times in the zone of the reader's profile (null: the browser's). */
export function applyTimeZone(zone: string | null | undefined) { profileZone = zone ?? null; }
/** The reader's zone: times are shown on their wall clock with the zone named. */
export const readerZone = (): string => profileZone ?? VIEWER_ZONE;

/** The reader's language and zone, for what the server writes out in words (CSV exports). */
export const readerParams = () => ({ lang: currentLanguage(), zone: readerZone() });
const instant = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

/** "fre 20 nov. 2026 kl. 14.30 (svensk tid)": the one date-time convention of each language (shared/breach/localTime.ts). */
export function formatDateTime(iso: string | null | undefined): string {
  const at = iso ? instant(iso) : null;
  return at ? formatLocalDateTime(at, readerZone(), currentLanguage()) : "—";
}
export function formatDate(iso: string | null | undefined): string {
  const at = iso ? instant(iso) : null;
  return at ? formatLocalDate(at, readerZone(), currentLanguage()) : "—";
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A Date as the value of an <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
/** A Date as the value of an <input type="date"> (local date). */
export function toDateInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
/** The value of a datetime-local or date input as an ISO instant (undefined when empty or invalid). */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value.length === 10 ? `${value}T12:00` : value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The current time, re-rendering every `intervalMs` (for live relative times). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** `value`, settled for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** Sets document.title for the page. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Vakt` : "Vakt";
  }, [title]);
}

/** Hours with up to two decimals ("3.25 h"), or a dash when unknown. */
export function formatHours(h: number | null): string {
  return h === null ? "—" : i18next.t("labels:hours", { n: h.toLocaleString(currentLanguage(), { maximumFractionDigits: 2 }) });
}
