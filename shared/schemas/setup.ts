import { z } from "zod";
import { Text } from "./text.js";
import { CountryCode, LANGUAGES } from "./organization.js";

const isZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time zone, e.g. Europe/Stockholm. */
export const TimeZone = Text.trim().min(1).max(100).refine(isZone, "must be an IANA time zone, e.g. Europe/Stockholm");

/** What the first-run set-up screen asks for (and admins change later). */
export const VendorSettingsBody = z.object({
  /** The vendor's legal name, as controllers read it in notices. */
  name: Text.trim().min(1).max(200),
  /** ISO 3166-1 alpha-2, e.g. SE. */
  country: CountryCode,
  /** Language of the vendor's own texts: en, sv or nb. */
  language: z.enum(LANGUAGES),
  /** IANA time zone, e.g. Europe/Stockholm. */
  timeZone: TimeZone,
  /** Sender of every mail: an address or "Name <address>". */
  mailFrom: Text.trim().min(3).max(320)
    .regex(/^([^<>@]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+)$/, "must be an e-mail address, e.g. Vakt <vakt@example.org>"),
  /** Base URL of this installation, used in links in mail. */
  publicUrl: Text.trim().max(500).regex(/^https?:\/\/[^\s/]+/, "must be a URL starting with https:// or http://, e.g. https://vakt.example.org"),
});
export type VendorSettingsBody = z.infer<typeof VendorSettingsBody>;

/** The settings in force: saved ones, else the environment's defaults (`saved` false until set-up is done). */
export const VendorSettingsView = z.object({
  name: z.string(), country: z.string(), language: z.enum(LANGUAGES), timeZone: z.string(), mailFrom: z.string(), publicUrl: z.string(), saved: z.boolean(),
}).meta({ id: "VendorSettings" });
export type VendorSettingsView = z.infer<typeof VendorSettingsView>;

/** Whether the first-run set-up still needs an admin. */
export const SetupStatus = z.object({ needed: z.boolean() });
