import type { z } from "zod";
import { request } from "../api.js";
import type { SessionView } from "../../../shared/schemas/session.js";
import type { ChangePasswordResponse } from "../../../shared/schemas/auth.js";
import type { CreateTokenBody, CreateTokenResponse, TokenView } from "../../../shared/schemas/token.js";

/** The signed-in user's own sessions, password and API tokens (server/sessions, server/auth/passwordChange.ts, server/tokens). */
export const accountApi = {
  sessions: () => request<{ items: SessionView[] }>("GET", "/api/sessions"),
  endSession: (id: string) => request<{ ok: true }>("DELETE", `/api/sessions/${encodeURIComponent(id)}`),
  endOthers: () => request<{ ended: number }>("POST", "/api/sessions/end-others", {}),
  changePassword: (body: { currentPassword: string; newPassword: string; revokeTokens: boolean }) =>
    request<z.infer<typeof ChangePasswordResponse>>("POST", "/api/auth/password", body),
  tokens: () => request<{ items: TokenView[] }>("GET", "/api/tokens"),
  createToken: (body: z.input<typeof CreateTokenBody>) => request<z.infer<typeof CreateTokenResponse>>("POST", "/api/tokens", body),
  revokeToken: (id: string) => request<{ ok: true }>("DELETE", `/api/tokens/${encodeURIComponent(id)}`),
};
