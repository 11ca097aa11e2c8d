/** A recorded value as text for a sentence or a message: strings and numbers as they are, anything else as JSON, nothing as the fallback. */
export function asText(v: unknown, fallback = ""): string {
  if (v === null || v === undefined) return fallback;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return v.toString();
  return JSON.stringify(v) ?? fallback;
}
