import type { z } from "zod";
import { request } from "../api.js";
import type { UserView } from "../../../shared/schemas/auth.js";
import type { InvitationInfo, InvitationView, InviteUserBody, ManagedUserList } from "../../../shared/schemas/people.js";
import type { SetupStatus, VendorSettingsBody, VendorSettingsView } from "../../../shared/schemas/setup.js";

export type ManagedUser = z.infer<typeof ManagedUserList>["items"][number];

/** User management, invitations and the vendor's set-up (server/users, server/settings). */
export const peopleApi = {
  setupStatus: () => request<z.infer<typeof SetupStatus>>("GET", "/api/setup"),
  settings: () => request<VendorSettingsView>("GET", "/api/settings"),
  saveSettings: (body: VendorSettingsBody) => request<VendorSettingsView>("PUT", "/api/settings", body),
  users: () => request<z.infer<typeof ManagedUserList>>("GET", "/api/users/managed"),
  invite: (body: z.input<typeof InviteUserBody>) => request<z.infer<typeof InvitationView>>("POST", "/api/users/invitations", body),
  update: (id: string, body: { role?: string; active?: boolean }) => request<UserView>("PATCH", `/api/users/${id}`, body),
  remove: (id: string) => request<UserView>("DELETE", `/api/users/${id}`),
  lookup: (token: string) => request<z.infer<typeof InvitationInfo>>("POST", "/api/invitations/lookup", { token }, { quiet401: true }),
  accept: (token: string, password: string) => request<{ ok: true }>("POST", "/api/invitations/accept", { token, password }, { quiet401: true }),
};
