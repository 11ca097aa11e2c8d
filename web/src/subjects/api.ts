/** The data-subject kit's API (server/subjects/routes.ts): response shapes and calls. */
import type { z } from "zod";
import { request } from "../api.js";
import type { DraftSubjectNoticesBody, SubjectDecisionBody, SUBJECT_AUDIENCES, SUBJECT_CHANNELS, SUBJECT_VARIANTS } from "../../../shared/schemas/notice.js";
import type { LANGUAGES } from "../../../shared/schemas/organization.js";
import type { AdviceTopic } from "../../../shared/subjects/advice.js";
import type {
  DraftedSubjectKit, KitController as KitControllerSchema, SubjectDecisionView, SubjectKit as SubjectKitSchema, SubjectNoticeView,
} from "../../../shared/schemas/subjects.js";

export type Audience = (typeof SUBJECT_AUDIENCES)[number];
export type Variant = (typeof SUBJECT_VARIANTS)[number];
export type Channel = (typeof SUBJECT_CHANNELS)[number];
export type Language = (typeof LANGUAGES)[number];
export type DraftInput = z.input<typeof DraftSubjectNoticesBody>;
export type DecisionInput = z.input<typeof SubjectDecisionBody>;

export type SubjectNotice = z.infer<typeof SubjectNoticeView>;
export type SubjectDecision = z.infer<typeof SubjectDecisionView>;
export type KitController = z.infer<typeof KitControllerSchema>;
export type SubjectKit = z.infer<typeof SubjectKitSchema>;

const inc = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

export const subjectsApi = {
  kit: (incidentId: string) => request<SubjectKit>("GET", `${inc(incidentId)}/subject-notices`),
  draft: (incidentId: string, body: DraftInput) => request<z.infer<typeof DraftedSubjectKit>>("POST", `${inc(incidentId)}/subject-notices`, body),
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
