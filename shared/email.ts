/**
 * The one normalisation for e-mail addresses, used wherever an address is stored, looked up,
 * compared or used as a rate-limit key: Unicode NFKC (full-width and compatibility forms fold to
 * their plain letters), surrounding white space removed, lower case. Without one rule a padded or
 * differently cased address would be a different key for the throttle and the same user for sign-in.
 */
export function normalizeEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

/** The domain part of a normalised address ("" when there is none). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : normalizeEmail(email.slice(at + 1));
}
