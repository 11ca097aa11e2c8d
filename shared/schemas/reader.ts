import { z } from "zod";
import { IANAZone } from "luxon";
import { LANGUAGES } from "./organization.js";

/** The reader's language, for what the server writes in words (timeline sentences, exports). */
export const ReaderLanguage = z.enum(LANGUAGES);

/** The reader's IANA time zone, for the times the server writes out. */
export const ReaderZone = z.string().max(64).refine((z) => IANAZone.isValidZone(z), "must be an IANA time zone, e.g. Europe/Stockholm");
