/**
 * Follow-up reviews and follow-up actions (server/reviews): the generated facts, the written
 * part, the draft -> in_review -> approved workflow, Markdown/PDF downloads, and the actions
 * tracked across incidents. Uses the app's typed `request` (session cookie, CSRF, ApiError).
 */
import type { z } from "zod";
import { request } from "../api.js";
import type {
  FollowUpList, FollowUpView, ListFollowUpsQuery, ReviewView as ReviewViewSchema, UpdateFollowUpBody, UpdateReviewBody,
} from "../../../shared/schemas/review.js";
import type { REVIEW_STATUSES, FOLLOW_UP_STATUSES } from "../../../shared/schemas/review.js";

export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export type UpdateReviewInput = z.input<typeof UpdateReviewBody>;
export type UpdateFollowUpInput = z.input<typeof UpdateFollowUpBody>;
export type FollowUpFilter = Partial<Pick<z.input<typeof ListFollowUpsQuery>, "status" | "ownerId" | "incidentId" | "overdue">>;

export type FollowUp = z.infer<typeof FollowUpView>;
export type ReviewView = z.infer<typeof ReviewViewSchema>;

const rev = (incidentId: string) => `/api/incidents/${encodeURIComponent(incidentId)}/review`;

/** Download addresses (the server answers with content-disposition: attachment). */
export const reviewMarkdownUrl = (incidentId: string) => `${rev(incidentId)}.md`;
export const reviewPdfUrl = (incidentId: string) => `${rev(incidentId)}.pdf`;

function query(f: Record<string, string | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export const reviewApi = {
  get: (incidentId: string) => request<ReviewView>("GET", rev(incidentId)),
  update: (incidentId: string, body: UpdateReviewInput) => request<ReviewView>("PUT", rev(incidentId), body),
  redraft: (incidentId: string) => request<ReviewView>("POST", `${rev(incidentId)}/draft`, {}),
  submit: (incidentId: string) => request<ReviewView>("POST", `${rev(incidentId)}/submit`, {}),
  approve: (incidentId: string) => request<ReviewView>("POST", `${rev(incidentId)}/approve`, {}),
  followUps: (f: FollowUpFilter, signal?: AbortSignal) =>
    request<z.infer<typeof FollowUpList>>("GET", `/api/follow-ups${query(f as Record<string, string | boolean | undefined>)}`, undefined, { signal }),
  updateFollowUp: (id: string, body: UpdateFollowUpInput) => request<FollowUp>("PATCH", `/api/follow-ups/${encodeURIComponent(id)}`, body),
};
