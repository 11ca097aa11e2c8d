import { ScimBoolean, type ScimPatchOperation } from "../../shared/schemas/scim.js";
import { invalidPath, invalidValue } from "./errors.js";

/** What a PATCH (or PUT) asks to change on a user; absent = unchanged. */
export interface UserChanges {
  userName?: string;
  externalId?: string | null;
  email?: string;
  displayName?: string;
  formatted?: string;
  givenName?: string;
  familyName?: string;
  active?: boolean;
}

/** What a PATCH asks to change on a group. */
export interface GroupChanges {
  displayName?: string;
  externalId?: string | null;
  /** Replace the member list (PUT, or replace of `members`). */
  setMembers?: string[];
  addMembers: string[];
  removeMembers: string[];
}

const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i;
const EMAIL_PATH = /^emails(\[type eq "(work|other|home)"\])?(\.value)?$/i;
const MEMBER_FILTER = /^members\[value eq "([^"]+)"\]$/i;

const text = (path: string, v: unknown, max = 320): string => {
  if (typeof v !== "string" || v.trim() === "" || v.length > max) throw invalidValue(`${path} must be a non-empty string of at most ${max} characters.`);
  return v.trim();
};

/** The e-mail from an `emails` value: the primary one, else the work one, else the first. */
function emailFrom(value: unknown): string {
  const list = Array.isArray(value) ? value : [value];
  const items = list.filter((e): e is { value: unknown; primary?: unknown; type?: unknown } => typeof e === "object" && e !== null && "value" in e);
  const pick = items.find((e) => e.primary === true || e.primary === "True" || e.primary === "true") ?? items.find((e) => e.type === "work") ?? items[0];
  if (!pick) throw invalidValue("emails must hold an object with a value.");
  return text("emails.value", pick.value);
}

/** Top-level value objects may nest (`{"name": {"givenName": ...}}`) or use dotted keys (`{"name.givenName": ...}`, Entra). */
function flatten(value: Record<string, unknown>, prefix = ""): [string, unknown][] {
  return Object.entries(value).flatMap(([k, v]) =>
    k.toLowerCase() === "name" && typeof v === "object" && v !== null && !Array.isArray(v)
      ? flatten(v as Record<string, unknown>, "name.")
      : [[prefix + k, v] as [string, unknown]],
  );
}

function applyUserPath(changes: UserChanges, op: ScimPatchOperation["op"], rawPath: string, value: unknown) {
  const path = rawPath.replace(CORE_PREFIX, "");
  const key = path.toLowerCase();
  const remove = op === "remove";
  if (key === "username") {
    if (remove) throw invalidValue("userName is required and cannot be removed.");
    changes.userName = text(path, value);
  } else if (key === "externalid") changes.externalId = remove ? null : text(path, value, 200);
  else if (key === "active") {
    if (remove) throw invalidValue("active cannot be removed; replace it with false.");
    const parsed = ScimBoolean.safeParse(value);
    if (!parsed.success) throw invalidValue("active must be true or false.");
    changes.active = parsed.data;
  } else if (key === "displayname") { if (!remove) changes.displayName = text(path, value, 200); }
  else if (key === "name.formatted") { if (!remove) changes.formatted = text(path, value, 200); }
  else if (key === "name.givenname") { if (!remove) changes.givenName = text(path, value, 100); }
  else if (key === "name.familyname") { if (!remove) changes.familyName = text(path, value, 100); }
  else if (EMAIL_PATH.test(path)) {
    if (!remove) changes.email = EMAIL_PATH.exec(path)![3] ? text(path, value) : emailFrom(value);
  }
  // Attributes Vakt does not keep (title, phoneNumbers, addresses, the enterprise extension...) are accepted and ignored.
}

/** Folds a PatchOp's operations into one set of user changes (RFC 7644 §3.5.2, in the shapes Entra and Okta send). */
export function userChangesFromPatch(operations: ScimPatchOperation[]): UserChanges {
  const changes: UserChanges = {};
  for (const { op, path, value } of operations) {
    if (path) applyUserPath(changes, op, path, value);
    else if (op === "remove") throw invalidPath("remove needs a path.");
    else if (typeof value === "object" && value !== null && !Array.isArray(value))
      for (const [k, v] of flatten(value as Record<string, unknown>)) applyUserPath(changes, op, k, v);
    else throw invalidValue(`${op} without a path needs an object value.`);
  }
  return changes;
}

function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((m, i) => {
    const v = typeof m === "object" && m !== null ? (m as { value?: unknown }).value : undefined;
    if (typeof v !== "string" || !v) throw invalidValue(`members[${i}] must be an object with a value (the user's id).`);
    return v;
  });
}

function applyGroupPath(changes: GroupChanges, op: ScimPatchOperation["op"], rawPath: string, value: unknown) {
  const path = rawPath.replace(CORE_PREFIX, "");
  const key = path.toLowerCase();
  const filtered = MEMBER_FILTER.exec(path);
  if (filtered) {
    if (op !== "remove") throw invalidPath(`${path} may only be removed.`);
    changes.removeMembers.push(filtered[1]);
  } else if (key === "members") {
    if (op === "add") changes.addMembers.push(...memberIds(value));
    else if (op === "replace") changes.setMembers = memberIds(value);
    // Entra removes with a value list; without one every member goes.
    else if (value === undefined) changes.setMembers = [];
    else changes.removeMembers.push(...memberIds(value));
  } else if (key === "displayname") {
    if (op === "remove") throw invalidValue("displayName is required and cannot be removed.");
    changes.displayName = text(path, value, 200);
  } else if (key === "externalid") changes.externalId = op === "remove" ? null : text(path, value, 200);
  else throw invalidPath(`A group has no attribute ${path} that can be changed.`);
}

/** Folds a PatchOp's operations into one set of group changes (members added or removed in Entra's and Okta's shapes). */
export function groupChangesFromPatch(operations: ScimPatchOperation[]): GroupChanges {
  const changes: GroupChanges = { addMembers: [], removeMembers: [] };
  for (const { op, path, value } of operations) {
    if (path) applyGroupPath(changes, op, path, value);
    else if (op === "remove") throw invalidPath("remove needs a path.");
    else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      // Okta sends {"id": ..., "displayName": ...}: the id is the group's own and cannot change.
      for (const [k, v] of Object.entries(value)) if (k.toLowerCase() !== "id") applyGroupPath(changes, op, k, v);
    } else throw invalidValue(`${op} without a path needs an object value.`);
  }
  return changes;
}
