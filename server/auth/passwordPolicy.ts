import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { normalizeEmail } from "../../shared/email.js";
import { Password } from "../../shared/schemas/auth.js";
import { ValidationError } from "../http/errors.js";

// zxcvbn's dictionaries (common passwords from breach corpora, names, words, keyboard patterns,
// dates and l33t substitutions) are bundled with the packages: the check runs offline.
zxcvbnOptions.setOptions({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
});

/**
 * zxcvbn score 4: an estimated 10^10 guesses or more. Score 3 still lets through a season, a
 * year and two symbols ("Summer2026!!", about 10^8 guesses), which breach lists are full of.
 */
export const MIN_SCORE = 4;

/** Words an attacker would try for this user: the whole address, its local part and domain labels, and the product's name. */
function userWords(email: string, name?: string): string[] {
  const [local, domain = ""] = email.split("@");
  return [email, local, ...local.split(/[._+-]/), ...domain.split("."), ...(name ? name.toLowerCase().split(/\s+/) : []), "vakt"].filter((w) => w.length >= 3);
}

/**
 * Why `password` is refused for the user with `email` (null: acceptable). NIST SP 800-63B: a
 * length floor, a blocklist of common and breached values and the user's own context, no
 * composition rules.
 */
export function passwordProblem({ password, email, name }: { password: string; email: string; name?: string }): string | null {
  const length = Password.safeParse(password);
  if (!length.success) return length.error.issues[0].message;
  const address = normalizeEmail(email);
  const local = address.split("@")[0];
  const plain = normalizeEmail(password);
  if (plain.includes(address) || (local.length >= 4 && plain.includes(local))) return "must not be or contain your e-mail address";
  if (zxcvbn(password, userWords(address, name)).score < MIN_SCORE)
    return "is too easy to guess: it is a common or breached password or follows a predictable pattern (a word, a year, a keyboard run); use a passphrase of several unrelated words";
  return null;
}

/** Throws a 400 naming `field` when the password is refused. */
export function assertAcceptablePassword(input: { password: string; email: string; name?: string; field?: string }) {
  const problem = passwordProblem(input);
  if (problem) throw ValidationError.field(input.field ?? "password", problem);
}
