/** Bundled breach notifications (EDPB Guidelines 9/2022, para. 97); shapes from shared/schemas/bundle.ts. */
import type { z } from "zod";
import { request } from "../api.js";
import type { BundleList, BundleView, CreateBundleBody } from "../../../shared/schemas/bundle.js";
import type { CreateAuthorityReportBody } from "../../../shared/schemas/breach.js";

export type Bundle = z.infer<typeof BundleView>;
const bundle = (id: string) => `/api/breach-bundles/${encodeURIComponent(id)}`;

export const bundlesApi = {
  list: () => request<z.infer<typeof BundleList>>("GET", "/api/breach-bundles"),
  create: (body: z.input<typeof CreateBundleBody>) => request<Bundle>("POST", "/api/breach-bundles", body),
  removeMember: (id: string, incidentId: string) => request<Bundle>("DELETE", `${bundle(id)}/members/${encodeURIComponent(incidentId)}`),
  draftReport: (id: string, body: z.input<typeof CreateAuthorityReportBody>) =>
    request<{ id: string; incidentId: string }>("POST", `${bundle(id)}/authority-reports`, body),
};
