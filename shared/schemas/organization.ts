import { z } from "zod";
import { Text, Email } from "./text.js";
import countries from "i18n-iso-countries";
import { NOTICE_HOURS_MAX } from "../breach/noticeHours.js";

export const LANGUAGES = ["en", "sv", "nb"] as const;

export const Contact = z.object({
  /** Contact person. */
  name: Text.trim().min(1).max(200),
  /** Where breach notices go. */
  email: Email,
  /** e.g. "DPO", "security contact". */
  role: Text.trim().min(1).max(100),
  /** Telephone, e.g. "+46 8 123 45 67" (IMY's form asks for one). */
  phone: Text.trim().regex(/^\+?[0-9 ()-]{5,30}$/, "must be a telephone number, e.g. +46 8 123 45 67").optional(),
});

/** ISO 3166-1 alpha-2, upper-cased and checked against the standard's list. */
export const CountryCode = Text
  .trim()
  .toUpperCase()
  .refine((c) => /^[A-Z]{2}$/.test(c) && countries.isValid(c), "must be a two-letter ISO country code (ISO 3166-1 alpha-2), e.g. SE or NO");

export const CreateOrganizationBody = z.object({
  /** Legal name, unique. */
  name: Text.trim().min(1).max(200),
  /** ISO 3166-1 alpha-2 country code, e.g. SE or NO. */
  country: CountryCode,
  /** Language of notices: en, sv or nb. */
  language: z.enum(LANGUAGES),
  /** Organisation number (e.g. Swedish organisationsnummer). */
  orgNumber: Text.trim().max(50).optional(),
  /** Postal address (not the visiting address), lines separated by newlines: authority forms ask for it (IMY question 3). */
  postalAddress: Text.trim().max(500).optional(),
  /** Contact points for breach notices. */
  contacts: z.array(Contact).max(20).default([]),
  /** Processor-to-controller deadline from the data processing agreement, in hours (above 72 warns, above 720 is refused). */
  noticeHours: z.number().int().min(1)
    .max(NOTICE_HOURS_MAX, `must be at most ${NOTICE_HOURS_MAX} hours (30 days); the controller itself has 72 hours from our notice (Art. 33(1))`).optional(),
});
export type CreateOrganizationBody = z.infer<typeof CreateOrganizationBody>;

/** Only the fields sent change (no defaults: a PATCH without `contacts` keeps them). */
export const UpdateOrganizationBody = CreateOrganizationBody.extend({ contacts: z.array(Contact).max(20) }).partial().strict();
export type UpdateOrganizationBody = z.infer<typeof UpdateOrganizationBody>;

/** An organisation as the API returns it; `warnings`: e.g. a notice deadline above 72 hours (shared/breach/noticeHours.ts). */
export const OrganizationView = z.object({
  id: z.uuid(), name: z.string(), country: z.string(), language: z.enum(LANGUAGES), orgNumber: z.string().nullable(),
  postalAddress: z.string().nullable(),
  contacts: z.array(z.object({ name: z.string(), email: z.string(), role: z.string(), phone: z.string().optional() })),
  noticeHours: z.number().int(), self: z.boolean(), createdAt: z.string(), warnings: z.array(z.string()),
});

export const CreateSystemBody = z.object({
  /** System or data set name, unique. */
  name: Text.trim().min(1).max(200),
  description: Text.trim().max(5000).optional(),
  /** Organisations whose personal data it holds. */
  organizationIds: z.array(z.uuid()).max(5000).default([]),
});
export type CreateSystemBody = z.infer<typeof CreateSystemBody>;
/** Only the fields sent change (no defaults: a PATCH without `organizationIds` keeps them). */
export const UpdateSystemBody = CreateSystemBody.extend({ organizationIds: z.array(z.uuid()).max(5000) }).partial().strict();

export const AffectedOrganizationsBody = z.object({
  /** The controllers whose data the incident touched. */
  organizationIds: z.array(z.uuid()).max(5000),
});
export const OrganizationList = z.object({ items: z.array(OrganizationView) });
/** A controller whose data the incident touched, with its own share of the breach. */
export const AffectedOrganizationView = OrganizationView.extend({ approxSubjects: z.number().int().nullable(), approxRecords: z.number().int().nullable() });
export const AffectedOrganizationList = z.object({ items: z.array(AffectedOrganizationView) });
export const AffectedOrganizationIds = z.object({ organizationIds: z.array(z.string()) });
export const SystemView = z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), organizationIds: z.array(z.string()) });
export const SystemList = z.object({ items: z.array(SystemView) });
/** Controllers proposed from the systems named in the impact analysis; `unmatchedSystems`: names no system matches. */
export const ProposedOrganizations = z.object({
  items: z.array(z.object({ organization: z.object({ id: z.string(), name: z.string() }), systems: z.array(z.string()), alreadyAffected: z.boolean() })),
  unmatchedSystems: z.array(z.string()),
});
