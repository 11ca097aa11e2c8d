import type { z } from "zod";
import { request } from "../api.js";
import type { Nis2AssessmentBody, Nis2RequestBody, Nis2View } from "../../../shared/schemas/nis2.js";

export type { Nis2View };
export type Nis2AssessmentInput = z.input<typeof Nis2AssessmentBody>;
export type Nis2RequestInput = z.input<typeof Nis2RequestBody>;

const path = (id: string) => `/api/incidents/${encodeURIComponent(id)}/nis2`;

export const nis2Api = {
  get: (incidentId: string) => request<Nis2View>("GET", path(incidentId)),
  assess: (incidentId: string, body: Nis2AssessmentInput) => request<Nis2View>("PUT", path(incidentId), body),
  request: (incidentId: string, body: Nis2RequestInput) => request<Nis2View>("POST", `${path(incidentId)}/requests`, body),
};
