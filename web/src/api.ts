/**
 * The typed client for Vakt's JSON API. Same origin; the session is an httpOnly cookie and
 * every state-changing request carries the CSRF token we got at sign-in (kept in memory only).
 * Request bodies are the shared zod input types; responses are the shared zod response schemas
 * (z.infer), the same ones the server declares in its route() specs and checks in the tests.
 */
import { currentLanguage } from "./i18n.js";
import type { z } from "zod";
import type { MfaState as MfaStateSchema, SecondFactorChallenge as SecondFactorChallengeSchema } from "../../shared/schemas/mfa.js";
import type { LoginResponse, SetLanguageBody, SetLanguageResponse, SetTimeZoneBody, SetTimeZoneResponse, SignInOptions, UserView } from "../../shared/schemas/auth.js";
import type { AuditPage, VerifyResponse } from "../../shared/schemas/audit.js";
import type { ErrorBody, Ok } from "../../shared/schemas/common.js";
import type { TaxonomyCategory } from "../../shared/taxonomy.js";
import type {
  ActionView, CreateActionBody, CreateCommunicationBody, CreateIncidentBody, IncidentListItem as IncidentListItemSchema, IncidentPage,
  IncidentView, ListIncidentsQuery, ScheduleReviewBody, TransitionBody, UpdateActionBody, UpdateIncidentBody, Impact as ImpactSchema,
  UserRef as UserRefSchema,
} from "../../shared/schemas/incident.js";
import type {
  AffectedOrganizationIds, AffectedOrganizationList, OrganizationList, OrganizationView, ProposedOrganizations, SystemList, SystemView,
} from "../../shared/schemas/organization.js";
import type { RegisterPage } from "../../shared/schemas/register.js";
import type { SearchPage, SearchQuery } from "../../shared/schemas/search.js";
import type { BreachView, ObligationsAcrossIncidents, ObligationView } from "../../shared/schemas/breachViews.js";
import type {
  AssessmentInput, CompleteObligationInput, CreateOrganizationInput, CreateSystemInput, DecisionInput, ObligationStatus, RegisterFilter,
  UpdateOrganizationInput, UpdateSystemInput, WaiveObligationInput,
} from "./breach/types.js";

// What the client sends: the zod *input* types (fields with defaults may be left out).
export type CreateIncidentInput = z.input<typeof CreateIncidentBody>;
export type UpdateIncidentInput = z.input<typeof UpdateIncidentBody>;
export type CreateActionInput = z.input<typeof CreateActionBody>;
export type UpdateActionInput = z.input<typeof UpdateActionBody>;
export type CreateCommunicationInput = z.input<typeof CreateCommunicationBody>;
export type ScheduleReviewInput = z.input<typeof ScheduleReviewBody>;
export type TransitionInput = z.input<typeof TransitionBody>;
export type ImpactInput = z.input<typeof ImpactSchema>;
export type SearchFilter = Partial<z.infer<typeof SearchQuery>>;
export type ListIncidentsFilter = Partial<Pick<z.infer<typeof ListIncidentsQuery>, "status" | "severity" | "owner" | "q" | "limit" | "cursor">>;

export type Severity = NonNullable<UpdateIncidentInput["severity"]>;
export type Level = NonNullable<UpdateIncidentInput["level"]>;
export type PersonalData = NonNullable<UpdateIncidentInput["personalData"]>;
export type Seriousness = NonNullable<ImpactInput["seriousness"]>;
export type ActionStatus = NonNullable<UpdateActionInput["status"]>;

// What the server answers: its response schemas.
export type User = z.infer<typeof UserView>;
export type MfaState = z.infer<typeof MfaStateSchema>;
export type Session = z.infer<typeof LoginResponse>;
/** The password was right; a second factor is owed before there is a session. */
export type SecondFactorChallenge = z.infer<typeof SecondFactorChallengeSchema>;
export type UserRef = z.infer<typeof UserRefSchema>;
export type Category = TaxonomyCategory;
export type IncidentListItem = z.infer<typeof IncidentListItemSchema>;
export type Incident = z.infer<typeof IncidentView>;
export type IncidentAction = z.infer<typeof ActionView>;
export type AuditEntry = z.infer<typeof AuditPage>["items"][number];
/** One page of a keyset-paginated list. */
export type Page<T> = { items: T[]; nextCursor: string | null };

export type FieldIssue = NonNullable<z.infer<typeof ErrorBody>["issues"]>[number];

/** Any non-2xx answer (or a network failure, status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = "error",
    readonly issues: FieldIssue[] = [],
    readonly missing: string[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
  /** A stale `version`: someone else changed the record meanwhile. */
  get isStale() { return this.status === 409 && this.missing.length === 0; }
  /** The message for one field (matches "field", "impact.summary" under "impact", etc.). */
  fieldError(field: string): string | undefined {
    const hit = this.issues.find((i) => i.field === field || i.field.startsWith(`${field}.`));
    return hit?.message;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;
let onStepUp: (() => Promise<boolean>) | null = null;

export function setCsrfToken(token: string | null) { csrfToken = token; }
/** The session's CSRF token, for requests not sent through request() (uploads with progress). */
export function currentCsrfToken(): string | null { return csrfToken; }
/** Asks the user to prove a second factor again (resolves true when done); requests refused with step_up_required are then retried once. */
export function setStepUpHandler(fn: (() => Promise<boolean>) | null) { onStepUp = fn; }
/** Called when any request (other than sign-in itself) gets a 401: the session has ended. */
export function setUnauthorizedHandler(fn: (() => void) | null) { onUnauthorized = fn; }

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export async function request<T>(method: Method, path: string, body?: unknown, opts: { quiet401?: boolean; signal?: AbortSignal; retried?: boolean } = {}): Promise<T> {
  // The language shown, so that what the server writes in words (e.g. what is still missing) reads in it.
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": currentLanguage() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method, headers, credentials: "same-origin", signal: opts.signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(0, "Could not reach the server. Check your connection and try again.", "network");
  }
  const text = await res.text();
  let data: unknown = undefined;
  try { data = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
  if (!res.ok) {
    const b = (data ?? {}) as { error?: string; code?: string; issues?: FieldIssue[]; missing?: string[] };
    const err = new ApiError(res.status, b.error ?? `${res.status} ${res.statusText || "error"}`, b.code, b.issues ?? [], b.missing ?? []);
    if (res.status === 401 && !opts.quiet401) onUnauthorized?.();
    if (err.code === "step_up_required" && onStepUp && !opts.retried && (await onStepUp())) return request<T>(method, path, body, { ...opts, retried: true });
    throw err;
  }
  return data as T;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

const inc = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;
const obl = (id: string) => `/api/obligations/${encodeURIComponent(id)}`;

/** The breach register's address with its filters (also the CSV/JSON export links). */
export function registerUrl(f: RegisterFilter): string {
  return `/api/breach-register${query(f)}`;
}

/** The whole register (every entry matching the filters, no paging) as a download. */
export function registerExportUrl(f: RegisterFilter & { format: "json" | "csv"; lang?: string; zone?: string }): string {
  return `/api/breach-register/export${query(f)}`;
}

export const api = {
  login: (email: string, password: string) =>
    request<Session | SecondFactorChallenge>("POST", "/api/auth/login", { email, password }, { quiet401: true }),
  me: () => request<Session>("GET", "/api/auth/me", undefined, { quiet401: true }),
  signInOptions: (email?: string) =>
    request<SignInOptions>("GET", `/api/auth/sign-in-options${email ? `?email=${encodeURIComponent(email)}` : ""}`, undefined, { quiet401: true }),
  logout: () => request<z.infer<typeof Ok>>("POST", "/api/auth/logout", {}, { quiet401: true }),
  setLanguage: (body: z.infer<typeof SetLanguageBody>) => request<z.infer<typeof SetLanguageResponse>>("PUT", "/api/auth/me/language", body),
  setTimeZone: (body: z.infer<typeof SetTimeZoneBody>) => request<z.infer<typeof SetTimeZoneResponse>>("PUT", "/api/auth/me/time-zone", body),

  taxonomy: () => request<Category[]>("GET", "/api/taxonomy"),
  users: () => request<{ items: User[] }>("GET", "/api/users"),

  search: (f: SearchFilter, signal?: AbortSignal) => request<SearchPage>("GET", `/api/search${query(f)}`, undefined, { signal }),
  listIncidents: (f: ListIncidentsFilter, signal?: AbortSignal) =>
    request<z.infer<typeof IncidentPage>>("GET", `/api/incidents${query(f)}`, undefined, { signal }),
  createIncident: (body: CreateIncidentInput) => request<Incident>("POST", "/api/incidents", body),
  getIncident: (id: string) => request<Incident>("GET", inc(id)),
  updateIncident: (id: string, body: UpdateIncidentInput) => request<Incident>("PATCH", inc(id), body),
  addAction: (id: string, body: CreateActionInput) => request<Incident>("POST", `${inc(id)}/actions`, body),
  updateAction: (id: string, actionId: string, body: UpdateActionInput) =>
    request<Incident>("PATCH", `${inc(id)}/actions/${encodeURIComponent(actionId)}`, body),
  recordCommunication: (id: string, body: CreateCommunicationInput) => request<Incident>("POST", `${inc(id)}/communications`, body),
  scheduleReview: (id: string, body: ScheduleReviewInput) => request<Incident>("POST", `${inc(id)}/review`, body),
  transition: (id: string, body: TransitionInput) => request<Incident>("POST", `${inc(id)}/transitions`, body),

  audit: (f: { incidentId?: string; limit?: number; cursor?: string | null }) =>
    request<z.infer<typeof AuditPage>>("GET", `/api/audit${query(f)}`),
  verifyAudit: () => request<z.infer<typeof VerifyResponse>>("GET", "/api/audit/verify"),

  // Personal-data breaches: assessment, decision, obligations (getBreach answers `assessed: false` until the first assessment).
  getBreach: (id: string) => request<z.infer<typeof BreachView>>("GET", `${inc(id)}/breach`),
  assessBreach: (id: string, body: AssessmentInput) => request<z.infer<typeof BreachView>>("PUT", `${inc(id)}/breach`, body),
  decideBreach: (id: string, body: DecisionInput) => request<z.infer<typeof BreachView>>("POST", `${inc(id)}/breach/decision`, body),
  proposedOrganizations: (id: string) => request<z.infer<typeof ProposedOrganizations>>("GET", `${inc(id)}/proposed-organizations`),
  affectedOrganizations: (id: string) => request<z.infer<typeof AffectedOrganizationList>>("GET", `${inc(id)}/affected-organizations`),
  setAffectedOrganizations: (id: string, organizationIds: string[]) =>
    request<z.infer<typeof AffectedOrganizationIds>>("PUT", `${inc(id)}/affected-organizations`, { organizationIds }),
  obligations: (f: { status?: ObligationStatus; limit?: number }) => request<z.infer<typeof ObligationsAcrossIncidents>>("GET", `/api/obligations${query(f)}`),
  completeObligation: (id: string, body: CompleteObligationInput) => request<z.infer<typeof ObligationView>>("POST", `${obl(id)}/complete`, body),
  waiveObligation: (id: string, body: WaiveObligationInput) => request<z.infer<typeof ObligationView>>("POST", `${obl(id)}/waive`, body),
  breachRegister: (f: RegisterFilter, signal?: AbortSignal) =>
    request<z.infer<typeof RegisterPage>>("GET", registerUrl({ ...f, format: "json" }), undefined, { signal }),

  // Customers (controllers) and the systems holding their data.
  organizations: () => request<z.infer<typeof OrganizationList>>("GET", "/api/organizations"),
  createOrganization: (body: CreateOrganizationInput) => request<z.infer<typeof OrganizationView>>("POST", "/api/organizations", body),
  updateOrganization: (id: string, body: UpdateOrganizationInput) => request<z.infer<typeof OrganizationView>>("PATCH", `/api/organizations/${encodeURIComponent(id)}`, body),
  systems: () => request<z.infer<typeof SystemList>>("GET", "/api/systems"),
  createSystem: (body: CreateSystemInput) => request<z.infer<typeof SystemView>>("POST", "/api/systems", body),
  updateSystem: (id: string, body: UpdateSystemInput) => request<z.infer<typeof SystemView>>("PATCH", `/api/systems/${encodeURIComponent(id)}`, body),
};
