export const ROLES = ["admin", "manager", "responder", "privacy", "auditor", "controller"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  manager: "Incident owner",
  responder: "On-call engineer",
  privacy: "Privacy officer",
  auditor: "Auditor (read-only)",
  controller: "Controller contact",
};
