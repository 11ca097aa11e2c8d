/** "Ask them": hand a step to the role it belongs to; shapes from shared/schemas/handoff.ts. */
import type { z } from "zod";
import { request } from "../api.js";
import type { HandoffRequestBody, HandoffRequestView } from "../../../shared/schemas/handoff.js";

export const handoffApi = {
  ask: (incidentId: string, body: z.input<typeof HandoffRequestBody>) =>
    request<HandoffRequestView>("POST", `/api/incidents/${encodeURIComponent(incidentId)}/requests`, body),
};
