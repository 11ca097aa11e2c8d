import type { z } from "zod";
import type { EvidenceItem, EvidenceList, UploadResult } from "../../../shared/schemas/evidence.js";
import { ApiError, currentCsrfToken, request } from "../api.js";

export type Evidence = EvidenceItem;
export type EvidenceListView = EvidenceList;

const base = (incidentId: string) => `/api/incidents/${encodeURIComponent(incidentId)}`;

export const evidenceApi = {
  list: (incidentId: string) => request<EvidenceList>("GET", `${base(incidentId)}/evidence`),
  contentUrl: (incidentId: string, evidenceId: string) => `${base(incidentId)}/evidence/${encodeURIComponent(evidenceId)}/content`,
  remove: (incidentId: string, evidenceId: string, reason: string) =>
    request<EvidenceItem>("POST", `${base(incidentId)}/evidence/${encodeURIComponent(evidenceId)}/removal`, { reason }),
  placeHold: (incidentId: string, reason: string) => request("POST", `${base(incidentId)}/legal-hold`, { reason }),
  liftHold: (incidentId: string, reason: string) => request("POST", `${base(incidentId)}/legal-hold/release`, { reason }),
  /** Multipart upload through XMLHttpRequest, the one browser API that reports upload progress. */
  upload(incidentId: string, files: File[], onProgress: (fraction: number) => void): Promise<z.infer<typeof UploadResult>> {
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", `${base(incidentId)}/evidence`);
      xhr.setRequestHeader("Accept", "application/json");
      const csrf = currentCsrfToken();
      if (csrf) xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onerror = () => reject(new ApiError(0, "Could not reach the server. Check your connection and try again.", "network"));
      xhr.onload = () => {
        let body: { error?: string; code?: string } & Record<string, unknown> = {};
        try { body = JSON.parse(xhr.responseText) as typeof body; } catch { /* not JSON */ }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body as z.infer<typeof UploadResult>);
        else reject(new ApiError(xhr.status, body.error ?? `${xhr.status} error`, body.code));
      };
      xhr.send(form);
    });
  },
};
