import { z } from "zod";
import { Text } from "./text.js";

const Reason = Text.trim().min(3, { message: "must say why (at least 3 characters)" }).max(2000);

/** Restrict an incident to its members (need-to-know), or lift the restriction; the reason is audited. */
export const RestrictionBody = z.object({ restricted: z.boolean(), reason: Reason });
export type RestrictionBody = z.infer<typeof RestrictionBody>;

export const AddMemberBody = z.object({ userId: z.uuid({ message: "must be a valid id" }), reason: Reason.optional() });
export type AddMemberBody = z.infer<typeof AddMemberBody>;

/** An admin joins a restricted incident: the reason is audited, shown on the timeline and mailed to the owner. */
export const BreakGlassBody = z.object({ reason: Text.trim().min(10, { message: "must say why (at least 10 characters)" }).max(2000) });
export type BreakGlassBody = z.infer<typeof BreakGlassBody>;

export const MemberView = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.string(),
  /** "owner" (implicit), "added" or "breakGlass". */
  via: z.enum(["owner", "added", "breakGlass"]),
  reason: z.string().nullable(),
  since: z.string().nullable(),
});

/** What the caller may do about the incident's need-to-know restriction. */
export const AccessAbilities = z.object({ restrict: z.boolean(), manageMembers: z.boolean(), breakGlass: z.boolean() });

export const IncidentAccessView = z.object({ restricted: z.boolean(), members: z.array(MemberView), abilities: AccessAbilities });
export type IncidentAccessView = z.infer<typeof IncidentAccessView>;

/** For admins: that restricted incidents exist (how many, by reference only) and which they could join by break-glass. */
export const RestrictedIncidentsView = z.object({
  count: z.number().int(),
  hiddenFromYou: z.number().int(),
  items: z.array(z.object({ id: z.string(), reference: z.string(), member: z.boolean() })),
});
