/**
 * The typed client for Vakt's JSON API. Same origin; the session is an httpOnly cookie and
 * every state-changing request carries the CSRF token we got at sign-in (kept in memory only).
 * Request bodies are the shared zod input types; response shapes are declared here.
 */
import type { z } from "zod";
import type { IncidentStatus } from "../../shared/lifecycle.js";
import type { MfaState as MfaStateSchema, SecondFactorChallenge as SecondFactorChallengeSchema } from "../../shared/schemas/mfa.js";
import type { Role } from "../../shared/roles.js";
import type { SetLanguageBody, SetLanguageResponse, SignInOptions } from "../../shared/schemas/auth.js";
import type { TaxonomyCategory } from "../../shared/taxonomy.js";
import type {
  CreateActionBody, CreateCommunicationBody, CreateIncidentBody, ListIncidentsQuery, ScheduleReviewBody,
  TransitionBody, UpdateActionBody, UpdateIncidentBody, Impact as ImpactSchema,
} from "../../shared/schemas/incident.js";
import type {
  AssessmentInput, BreachView, CompleteObligationInput, CreateOrganizationInput, CreateSystemInput, DecisionInput, Obligation,
  ObligationStatus, ObligationWithIncident, Organization, ProposedOrganization, RegisterEntry, RegisterFilter, System,
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
export type ListIncidentsFilter = Partial<Pick<z.infer<typeof ListIncidentsQuery>, "status" | "severity" | "owner" | "q" | "limit" | "cursor">>;

export type Severity = NonNullable<UpdateIncidentInput["severity"]>;
export type Level = NonNullable<UpdateIncidentInput["level"]>;
export type PersonalData = NonNullable<UpdateIncidentInput["personalData"]>;
export type Seriousness = NonNullable<ImpactInput["seriousness"]>;
export type ActionStatus = NonNullable<UpdateActionInput["status"]>;

export interface User { id: string; email: string; name: string; role: Role }
export type MfaState = z.infer<typeof MfaStateSchema>;
export interface Session { user: User; csrfToken: string; permissions: string[]; mfa?: MfaState; language?: z.infer<typeof SetLanguageResponse>["language"] }
/** The password was right; a second factor is owed before there is a session. */
export type SecondFactorChallenge = z.infer<typeof SecondFactorChallengeSchema>;
export interface UserRef { id: string; name: string }
export type Category = TaxonomyCategory;

export interface IncidentListItem {
  id: string;
  reference: string;
  title: string;
  status: IncidentStatus;
  severity: Severity | null;
  category: string | null;
  personalData: PersonalData | null;
  owner: UserRef | null;
  detectedAt: string;
  createdAt: string;
  updatedAt: string;
}
export interface Page<T> { items: T[]; nextCursor: string | null }

export interface Impact {
  summary: string;
  affectedSystems: string[];
  affectedServices?: string[];
  affectedCustomers?: string[];
  affectedUsers?: number;
  affectedRecords?: number;
  seriousness?: Seriousness;
}
export interface IncidentAction {
  id: string;
  title: string;
  assigneeId: string | null;
  assignee: UserRef | null;
  dueAt: string | null;
  status: ActionStatus;
  note: string | null;
  createdAt: string;
  completedAt: string | null;
}
export interface Communication {
  id: string;
  decision: "sent" | "none";
  audience: string | null;
  channel: string | null;
  summary: string | null;
  sentAt: string | null;
  reason: string | null;
  createdAt: string;
}
export interface Review { dueAt: string; ownerId: string; owner?: UserRef | null; status: string }
export interface TimelineEntry { id: string; at: string; actor: { id: string | null; label: string }; action: string; summary: string }
export interface TransitionOption { to: IncidentStatus; allowed: boolean; missing: string[]; reopen?: boolean; permitted?: boolean }
export interface IncidentCan {
  update: boolean;
  transition: boolean;
  close: boolean;
  reopen: boolean;
  manageActions: boolean;
  recordCommunication: boolean;
  scheduleReview: boolean;
}
export interface Incident {
  id: string;
  reference: string;
  title: string;
  description: string;
  source: string | null;
  status: IncidentStatus;
  detectedAt: string;
  category: string | null;
  severity: Severity | null;
  level: Level | null;
  personalData: PersonalData | null;
  ownerId: string | null;
  owner: UserRef | null;
  impact: Impact | null;
  cause: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  triagedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  actions: IncidentAction[];
  communications: Communication[];
  review: Review | null;
  timeline: TimelineEntry[];
  nextStatus: IncidentStatus | null;
  missing: string[];
  transitions: TransitionOption[];
  can: IncidentCan;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  incidentId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}
export interface AuditVerification { valid: boolean; entries: number; firstInvalidId?: string }

export interface FieldIssue { field: string; message: string }

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
/** Asks the user to prove a second factor again (resolves true when done); requests refused with step_up_required are then retried once. */
export function setStepUpHandler(fn: (() => Promise<boolean>) | null) { onStepUp = fn; }
/** Called when any request (other than sign-in itself) gets a 401: the session has ended. */
export function setUnauthorizedHandler(fn: (() => void) | null) { onUnauthorized = fn; }

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export async function request<T>(method: Method, path: string, body?: unknown, opts: { quiet401?: boolean; signal?: AbortSignal; retried?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
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
export function registerExportUrl(f: RegisterFilter & { format: "json" | "csv" }): string {
  return `/api/breach-register/export${query(f)}`;
}

export const api = {
  login: (email: string, password: string) =>
    request<Session | SecondFactorChallenge>("POST", "/api/auth/login", { email, password }, { quiet401: true }),
  me: () => request<Session>("GET", "/api/auth/me", undefined, { quiet401: true }),
  signInOptions: (email?: string) =>
    request<SignInOptions>("GET", `/api/auth/sign-in-options${email ? `?email=${encodeURIComponent(email)}` : ""}`, undefined, { quiet401: true }),
  logout: () => request<{ ok: boolean }>("POST", "/api/auth/logout", {}, { quiet401: true }),
  setLanguage: (body: z.infer<typeof SetLanguageBody>) => request<z.infer<typeof SetLanguageResponse>>("PUT", "/api/auth/me/language", body),

  taxonomy: () => request<Category[]>("GET", "/api/taxonomy"),
  users: () => request<{ items: User[] }>("GET", "/api/users"),

  listIncidents: (f: ListIncidentsFilter, signal?: AbortSignal) =>
    request<Page<IncidentListItem>>("GET", `/api/incidents${query(f)}`, undefined, { signal }),
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
    request<Page<AuditEntry>>("GET", `/api/audit${query(f)}`),
  verifyAudit: () => request<AuditVerification>("GET", "/api/audit/verify"),

  // Personal-data breaches: assessment, decision, obligations (getBreach answers `assessed: false` until the first assessment).
  getBreach: (id: string) => request<BreachView>("GET", `${inc(id)}/breach`),
  assessBreach: (id: string, body: AssessmentInput) => request<BreachView>("PUT", `${inc(id)}/breach`, body),
  decideBreach: (id: string, body: DecisionInput) => request<BreachView>("POST", `${inc(id)}/breach/decision`, body),
  proposedOrganizations: (id: string) => request<{ items: ProposedOrganization[] }>("GET", `${inc(id)}/proposed-organizations`),
  affectedOrganizations: (id: string) => request<{ items: Organization[] }>("GET", `${inc(id)}/affected-organizations`),
  setAffectedOrganizations: (id: string, organizationIds: string[]) =>
    request<{ organizationIds: string[] }>("PUT", `${inc(id)}/affected-organizations`, { organizationIds }),
  obligations: (f: { status?: ObligationStatus; limit?: number }) => request<{ items: ObligationWithIncident[] }>("GET", `/api/obligations${query(f)}`),
  completeObligation: (id: string, body: CompleteObligationInput) => request<Obligation>("POST", `${obl(id)}/complete`, body),
  waiveObligation: (id: string, body: WaiveObligationInput) => request<Obligation>("POST", `${obl(id)}/waive`, body),
  breachRegister: (f: RegisterFilter, signal?: AbortSignal) =>
    request<{ items: RegisterEntry[]; nextCursor: string | null; total: number }>("GET", registerUrl({ ...f, format: "json" }), undefined, { signal }),

  // Customers (controllers) and the systems holding their data.
  organizations: () => request<{ items: Organization[] }>("GET", "/api/organizations"),
  createOrganization: (body: CreateOrganizationInput) => request<Organization>("POST", "/api/organizations", body),
  updateOrganization: (id: string, body: UpdateOrganizationInput) => request<Organization>("PATCH", `/api/organizations/${encodeURIComponent(id)}`, body),
  systems: () => request<{ items: System[] }>("GET", "/api/systems"),
  createSystem: (body: CreateSystemInput) => request<System>("POST", "/api/systems", body),
  updateSystem: (id: string, body: UpdateSystemInput) => request<System>("PATCH", `/api/systems/${encodeURIComponent(id)}`, body),
};
