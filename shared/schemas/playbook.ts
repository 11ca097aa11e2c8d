import { z } from "zod";
import { Id, Instant } from "./common.js";
import { Text } from "./text.js";

export const PLAYBOOK_LANGUAGES = ["sv", "nb", "en"] as const;
/** Who a task goes to: the incident owner when the owner has that role, else the longest-serving active user with it. */
export const PlaybookRole = z.enum(["manager", "responder", "privacy", "admin"]);

export const PlaybookTask = z.object({
  title: Text.trim().min(1).max(500),
  role: PlaybookRole,
  /** Due this many hours after the playbook is applied. */
  dueHours: z.number().min(0).max(24 * 365),
  checklist: z.array(Text.trim().min(1).max(500)).max(30).default([]),
});
export type PlaybookTask = z.infer<typeof PlaybookTask>;

export const PlaybookBody = z.object({
  kind: Text.trim().regex(/^[a-z0-9-]{2,60}$/, "must be 2 to 60 lower-case letters, digits or hyphens"),
  language: z.enum(PLAYBOOK_LANGUAGES),
  category: Text.trim().max(100).nullable().default(null),
  title: Text.trim().min(1).max(200),
  description: Text.trim().max(4000).default(""),
  tasks: z.array(PlaybookTask).min(1, "a playbook needs at least one task").max(50),
});
export type PlaybookBody = z.infer<typeof PlaybookBody>;
export const UpdatePlaybookBody = PlaybookBody.omit({ kind: true, language: true }).extend({
  version: z.number().int().min(1).meta({ description: "The version being edited (409 when stale)" }),
  /** Retired playbooks are no longer offered nor applied (absent: unchanged). */
  retired: z.boolean().optional(),
});
export type UpdatePlaybookBody = z.infer<typeof UpdatePlaybookBody>;

export const PlaybookView = PlaybookBody.extend({
  id: Id, version: z.number().int(), builtIn: z.boolean(), retired: z.boolean(), updatedAt: Instant,
}).meta({ id: "Playbook" });
export type PlaybookView = z.infer<typeof PlaybookView>;
export const PlaybookList = z.object({ items: z.array(PlaybookView) });
export const PlaybookListQuery = z.object({ language: z.enum(PLAYBOOK_LANGUAGES).optional() });
export const ApplyPlaybookBody = z.object({ playbookId: Id });
