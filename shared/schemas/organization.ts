import { z } from "zod";
import countries from "i18n-iso-countries";

export const LANGUAGES = ["en", "sv", "nb"] as const;

export const Contact = z.object({
  /** Contact person. */
  name: z.string().trim().min(1).max(200),
  /** Where breach notices go. */
  email: z.string().trim().toLowerCase().email().max(320),
  /** e.g. "DPO", "security contact". */
  role: z.string().trim().min(1).max(100),
  /** Telephone, e.g. "+46 8 123 45 67" (IMY's form asks for one). */
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{5,30}$/, "must be a telephone number, e.g. +46 8 123 45 67").optional(),
});

/** ISO 3166-1 alpha-2, upper-cased and checked against the standard's list. */
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => /^[A-Z]{2}$/.test(c) && countries.isValid(c), "must be a two-letter ISO country code (ISO 3166-1 alpha-2), e.g. SE or NO");

export const CreateOrganizationBody = z.object({
  /** Legal name, unique. */
  name: z.string().trim().min(1).max(200),
  /** ISO 3166-1 alpha-2 country code, e.g. SE or NO. */
  country: CountryCode,
  /** Language of notices: en, sv or nb. */
  language: z.enum(LANGUAGES),
  /** Organisation number (e.g. Swedish organisationsnummer). */
  orgNumber: z.string().trim().max(50).optional(),
  /** Postal address (not the visiting address), lines separated by newlines: authority forms ask for it (IMY question 3). */
  postalAddress: z.string().trim().max(500).optional(),
  /** Contact points for breach notices. */
  contacts: z.array(Contact).max(20).default([]),
  /** Processor-to-controller deadline from the data processing agreement, in hours. */
  noticeHours: z.number().int().min(1).max(24 * 30).optional(),
});
export type CreateOrganizationBody = z.infer<typeof CreateOrganizationBody>;

export const OrganizationView = z.object({
  id: z.string(), name: z.string(), country: z.string(), language: z.string(), orgNumber: z.string().nullable(),
  postalAddress: z.string().nullable(), contacts: z.array(Contact), noticeHours: z.number(), self: z.boolean(), createdAt: z.string(),
});

/** Only the fields sent change (no defaults: a PATCH without `contacts` keeps them). */
export const UpdateOrganizationBody = CreateOrganizationBody.extend({ contacts: z.array(Contact).max(20) }).partial().strict();
export type UpdateOrganizationBody = z.infer<typeof UpdateOrganizationBody>;

export const CreateSystemBody = z.object({
  /** System or data set name, unique. */
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).optional(),
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
