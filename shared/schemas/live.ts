import { z } from "zod";
import { Id } from "./common.js";

/** The one channel every instance LISTENs on; notifications carry ids only, never personal data. */
export const LIVE_CHANNEL = "vakt_live";

/** Something changed on an incident: the audit entry's position and its action code. */
export const LiveChange = z.object({ incidentId: Id, seq: z.number().int(), action: z.string().max(100) });
export type LiveChange = z.infer<typeof LiveChange>;

/** A viewer's connection announcing itself: on opening ("join"), every heartbeat ("here"), and on closing ("leave"). */
export const LivePresenceSignal = z.object({ incidentId: Id, connectionId: Id, userId: Id, state: z.enum(["join", "here", "leave"]) });
export type LivePresenceSignal = z.infer<typeof LivePresenceSignal>;

/** What travels over NOTIFY between instances. */
export const LiveNotification = z.discriminatedUnion("k", [
  LiveChange.extend({ k: z.literal("change") }),
  LivePresenceSignal.extend({ k: z.literal("presence") }),
]);
export type LiveNotification = z.infer<typeof LiveNotification>;

/** Server-sent events on /api/incidents/:id/live (the event name is the key). */
export const LiveEvents = {
  ready: z.object({ connectionId: Id }),
  change: LiveChange.pick({ seq: true, action: true }),
  presence: z.object({ viewers: z.array(z.object({ id: Id, name: z.string() })) }),
  /** The caller may no longer see the incident; the stream ends. */
  gone: z.object({}),
  /** On the list stream (/api/live/incidents): an incident the caller may see was created or changed. */
  incident: LiveChange.pick({ incidentId: true, action: true }),
};
export type LiveViewer = z.infer<typeof LiveEvents.presence>["viewers"][number];
