import { z } from "zod";
import { Id, Instant } from "./common.js";
import { Text } from "./text.js";
import { ASKABLE_ROLES, HANDOFF_STEP_KEYS } from "../handoff/steps.js";

export const HandoffStepSchema = z.enum(HANDOFF_STEP_KEYS, { message: `must be one of ${HANDOFF_STEP_KEYS.join(", ")}` });
export const AskableRoleSchema = z.enum(ASKABLE_ROLES, { message: `must be one of ${ASKABLE_ROLES.join(", ")}` });

export const HandoffRequestBody = z.object({
  role: AskableRoleSchema.meta({ description: "The role the step belongs to" }),
  step: HandoffStepSchema.meta({ description: "The step the caller asks them to take" }),
  message: Text.trim().max(2000).optional().meta({ description: "A few words for them (optional)" }),
});
export type HandoffRequestBody = z.infer<typeof HandoffRequestBody>;

export const HandoffRequestView = z
  .object({
    noteId: Id.meta({ description: "The working note that carries the request (it mentions every recipient)" }),
    role: AskableRoleSchema,
    step: HandoffStepSchema,
    recipients: z.array(z.object({ id: Id, name: z.string() })),
    at: Instant,
  })
  .meta({ id: "HandoffRequest" });
export type HandoffRequestView = z.infer<typeof HandoffRequestView>;
