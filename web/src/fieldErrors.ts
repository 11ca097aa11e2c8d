import { ApiError } from "./api.js";

/** A form's worded problems, keyed by field path ("name", "contacts.0.role"). */
export type FieldProblems = Record<string, string>;

/**
 * Worded field problems instead of the validator's text: a required field left empty gets `required(field)`,
 * and each field the server refused (a 400's issues) gets `invalid(field)`. `field` is the path's last
 * part ("role" for "contacts.0.role"), so one wording serves every row of a list.
 */
export function wordedProblems({ values, required, error, words }: {
  values: Record<string, string>;
  required: readonly string[];
  error?: unknown;
  words: { required(field: string): string; invalid(field: string): string };
}): FieldProblems {
  const problems: FieldProblems = {};
  const leaf = (path: string) => path.split(".").pop() ?? path;
  if (error instanceof ApiError && error.status === 400)
    for (const issue of error.issues) problems[issue.field] ??= (values[issue.field] ?? "x").trim() ? words.invalid(leaf(issue.field)) : words.required(leaf(issue.field));
  for (const path of required) if (!(values[path] ?? "").trim()) problems[path] = words.required(leaf(path));
  return problems;
}
