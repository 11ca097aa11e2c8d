import { z } from "zod";
import { normalizeEmail } from "../email.js";

/**
 * NUL (PostgreSQL text cannot hold it) and UTF-16 surrogates without their pair (JSON allows
 * "\ud800", UTF-8 cannot encode it: the database either refuses it or silently stores U+FFFD).
 * With the u flag a proper pair is one code point, so only a lone half matches \p{Cs}.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /[\u0000\p{Cs}]/u;

export const UNSTORABLE_TEXT_MESSAGE = "must not contain NUL characters or unpaired UTF-16 surrogates";

/** True when the string can be stored and sent as UTF-8 text. */
export const isStorableText = (s: string) => !UNSTORABLE.test(s);

/**
 * The one string primitive for input (bodies, query strings, route parameters): every accepted
 * string starts here, so no text reaches the database that it would refuse or alter.
 * Chain as usual: `Text.trim().min(1).max(200)`.
 */
export const Text = z.string().refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE, abort: true });

/** A sign-in or contact e-mail address, normalised by the one rule for comparing addresses (shared/email.ts). */
export const Email = Text.max(320).overwrite(normalizeEmail).email();
