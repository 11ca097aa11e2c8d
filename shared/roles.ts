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

export const STAFF_ROLES = ["admin", "manager", "responder", "privacy", "auditor"] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Which role wins when an identity provider maps a user's groups to several staff roles:
 * the one with the most rights (privacy holds every breach duty a manager lacks).
 */
export const STAFF_ROLE_RANK: readonly StaffRole[] = ["admin", "privacy", "manager", "responder", "auditor"];
