/** The data-subject kit's API (server/subjects/routes.ts): response shapes and calls. */
import type { z } from "zod";
import { request } from "../api.js";
import type { DraftSubjectNoticesBody, SubjectDecisionBody, SUBJECT_AUDIENCES, SUBJECT_CHANNELS, SUBJECT_VARIANTS } from "../../../shared/schemas/notice.js";
import type { LANGUAGES } from "../../../shared/schemas/organization.js";
import type { ChecklistItem } from "../../../shared/subjects/checklist.js";
import type { AdviceTopic } from "../../../shared/subjects/advice.js";
import type { SubjectException } from "../../../shared/subjects/exceptions.js";

export type Audience = (typeof SUBJECT_AUDIENCES)[number];
export type Variant = (typeof SUBJECT_VARIANTS)[number];
export type Channel = (typeof SUBJECT_CHANNELS)[number];
export type Language = (typeof LANGUAGES)[number];
export type DraftInput = z.input<typeof DraftSubjectNoticesBody>;
export type DecisionInput = z.input<typeof SubjectDecisionBody>;

interface UserRef { id: string; name: string }

export interface SubjectNotice {
  id: string;
  organizationId: string;
  audience: Audience;
  variant: Variant;
  language: Language;
  title: string;
  body: string;
  version: number;
  edited: boolean;
  createdBy: UserRef | null;
  editedBy: UserRef | null;
  updatedAt: string;
  lix: number;
  checklist: ChecklistItem[];
  advice: AdviceTopic[];
  download: { txt: string; html: string };
}

export interface SubjectDecision {
  id: string;
  organizationId: string;
  communicate: boolean;
  channels: Channel[];
  exception: SubjectException | null;
  reason: string | null;
  communicatedAt: string | null;
  decidedBy: UserRef | null;
  createdAt: string;
}

export interface KitController {
  id: string;
  name: string;
  language: Language;
  country: string;
  self: boolean;
  decision: SubjectDecision | null;
  decisions: SubjectDecision[];
}

export interface SubjectKit {
  incidentId: string;
  assessed: boolean;
  recommendation: { notifyDataSubjects: boolean } | null;
  breachDecision: { notifyDataSubjects: boolean; createdAt: string } | null;
  supportedExceptions: SubjectException[];
  obligation: { id: string; status: string; dueAt: string; satisfiedAt: string | null } | null;
  controllers: KitController[];
  items: SubjectNotice[];
}

const inc = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

export const subjectsApi = {
  kit: (incidentId: string) => request<SubjectKit>("GET", `${inc(incidentId)}/subject-notices`),
  draft: (incidentId: string, body: DraftInput) => request<SubjectKit & { drafted: string[]; kept: string[] }>("POST", `${inc(incidentId)}/subject-notices`, body),
  update: (id: string, body: { version: number; title?: string; body?: string }) => request<SubjectNotice>("PATCH", `/api/subject-notices/${encodeURIComponent(id)}`, body),
  decide: (incidentId: string, body: DecisionInput) => request<SubjectKit>("POST", `${inc(incidentId)}/subject-decision`, body),
};

export const AUDIENCE_LABELS: Record<Audience, string> = { general: "General", pupils: "Pupils", guardians: "Parents and guardians", staff: "Staff", customers: "Customers" };
export const VARIANT_LABELS: Record<Variant, string> = { individual: "To each person", public: "Public notice (Art. 34(3)(c))" };
export const LANGUAGE_LABELS: Record<Language, string> = { en: "English", sv: "Swedish", nb: "Norwegian (bokmål)" };
export const CHANNEL_LABELS: Record<Channel, string> = {
  email: "E-mail", letter: "Letter", sms: "Text message", phone: "Phone", "learning-platform": "Learning platform", website: "Website (public)", press: "Press (public)", "in-app": "In the app",
};
export const ADVICE_LABELS: Record<AdviceTopic, string> = {
  password: "Change password, also where reused; two-step login", phishing: "Beware of phishing; we never ask for passwords", financial: "Watch bank statements; contact the bank",
  identity: "Identity-theft watch; credit freeze", location: "Location sharing; police if unsafe", sensitive: "Sensitive data: do not engage; support", children: "Children: tell a trusted adult",
};
