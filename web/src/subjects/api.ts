/** The data-subject kit's API (server/subjects/routes.ts): response shapes and calls. */
import type { z } from "zod";
import i18next from "i18next";
import { request } from "../api.js";
import { translatedLabels } from "../i18n.js";
import { ADVICE_TOPICS } from "../../../shared/subjects/advice.js";
import { LANGUAGES as LANGUAGE_CODES } from "../../../shared/schemas/organization.js";
import { SUBJECT_AUDIENCES as AUDIENCES, SUBJECT_CHANNELS as CHANNELS, SUBJECT_VARIANTS as VARIANTS } from "../../../shared/schemas/notice.js";
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

/** Words for the kit's choices, read in the language shown at each lookup. */
export const AUDIENCE_LABELS = translatedLabels<Audience>(AUDIENCES, (a) => i18next.t(`subjects:audience.${a}`));
export const VARIANT_LABELS = translatedLabels<Variant>(VARIANTS, (v) => i18next.t(`subjects:variant.${v}`));
export const LANGUAGE_LABELS = translatedLabels<Language>(LANGUAGE_CODES, (l) => i18next.t(`subjects:language.${l}`));
export const CHANNEL_LABELS = translatedLabels<Channel>(CHANNELS, (c) => i18next.t(`subjects:channel.${c}`));
export const ADVICE_LABELS = translatedLabels<AdviceTopic>(ADVICE_TOPICS, (a) => i18next.t(`subjects:advice.${a}`));
