import { invalidFilter } from "./errors.js";

export interface EqFilter {
  /** Attribute name as sent, lower-cased (attribute names are case-insensitive, RFC 7643 §2.1). */
  attribute: string;
  value: string;
}

const EQ = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

/**
 * The filters identity providers send to match a resource before creating it: `attr eq "value"`
 * (Entra: userName, externalId, displayName; Okta: userName). Anything else is refused by name
 * (400 invalidFilter) rather than ignored, so a client never mistakes "no match" for "not understood".
 */
export function parseEqFilter(filter: string | undefined, allowed: readonly string[]): EqFilter | null {
  if (filter === undefined || filter.trim() === "") return null;
  const m = EQ.exec(filter);
  if (!m) throw invalidFilter(`Only filters of the form attribute eq "value" are supported, not: ${filter}`);
  const attribute = m[1].toLowerCase().replace(/^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/, "");
  if (!allowed.includes(attribute)) throw invalidFilter(`Filtering by ${m[1]} is not supported; use one of ${allowed.join(", ")}.`);
  try {
    return { attribute, value: JSON.parse(`"${m[2]}"`) as string };
  } catch {
    throw invalidFilter(`The value in ${filter} holds an invalid escape.`);
  }
}
