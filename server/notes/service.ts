import path from "node:path";
import type { Note, User } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import type { AppContext } from "../context.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { enqueueMail } from "../outbox/service.js";
import { createMailRenderer } from "../mail/render.js";
import { languageOf, textToHtml } from "../notices/render.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../http/errors.js";
import { can } from "../../shared/permissions.js";
import { normalizeEmail } from "../../shared/email.js";
import type { NoteView } from "../../shared/schemas/note.js";
import { renderMarkdown } from "./markdown.js";

const templates = createMailRenderer(path.resolve(import.meta.dirname, "templates"));
/** @kari.nordmann@example.com: an address right after "@", not inside a word or another address. */
const MENTION = /(?<![\w.@])@([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

export const excerpt = (body: string) => (body.length > 300 ? `${body.slice(0, 300)}…` : body);

/** The colleagues a note mentions; each must be an active user who may read incidents (else 400 naming the address). */
export async function resolveMentions(tx: Tx, body: string): Promise<User[]> {
  const emails = [...new Set([...body.matchAll(MENTION)].map((m) => normalizeEmail(m[1])))];
  if (!emails.length) return [];
  const users = await tx.user.findMany({ where: { email: { in: emails }, active: true } });
  const unknown = emails.filter((e) => !users.some((u) => u.email === e && can(u.role, "note.read")));
  if (unknown.length) throw ValidationError.field("body", `mentions ${unknown.map((e) => `@${e}`).join(", ")}, who is not a colleague with access to incidents`);
  return users;
}

export function presentNote(n: Note, people: Map<string, string>): NoteView {
  const person = (id: string) => ({ id, name: people.get(id) ?? "unknown" });
  return {
    id: n.id, incidentId: n.incidentId, author: person(n.authorId), body: n.body, html: renderMarkdown(n.body), version: n.version,
    mentions: n.mentionedIds.map(person), createdAt: n.createdAt.toISOString(), updatedAt: n.updatedAt.toISOString(),
  };
}

/** Names of the people notes refer to (authors and mentioned). */
export async function peopleOf(tx: Tx, notes: Note[]): Promise<Map<string, string>> {
  const ids = [...new Set(notes.flatMap((n) => [n.authorId, ...n.mentionedIds]))];
  const users = await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

interface MentionMail {
  ctx: AppContext;
  actor: AuditActor;
  note: Note;
  authorName: string;
  users: User[];
}

/** One mail per newly mentioned colleague (never to the author), through the outbox in the same transaction. */
async function mailMentions(tx: Tx, { ctx, actor, note, authorName, users }: MentionMail) {
  const incident = await findIncidentOr404(tx, note.incidentId);
  for (const u of users.filter((x) => x.id !== note.authorId)) {
    // The colleague's own language (profile), else the vendor's.
    const lang = languageOf(u.language ?? ctx.config.VENDOR_LANGUAGE);
    const m = templates.renderText("mention", {
      author: authorName, reference: incident.reference, title: incident.title, excerpt: excerpt(note.body),
      link: `${ctx.config.publicUrl}/incidents/${incident.id}#notes`,
    }, { lang });
    await enqueueMail(tx, actor, {
      dedupeKey: `note-mention:${note.id}:${u.id}`, to: [u.email], subject: m.subject, text: m.text, html: textToHtml(m.text, lang, m.subject), incidentId: incident.id,
    });
  }
}

export async function createNote(tx: Tx, ctx: AppContext, actor: AuditActor & { actorId: string }, input: { incidentId: string; body: string; authorName: string }) {
  await findIncidentOr404(tx, input.incidentId);
  const mentioned = await resolveMentions(tx, input.body);
  const note = await tx.note.create({
    data: { incidentId: input.incidentId, authorId: actor.actorId, body: input.body, mentionedIds: mentioned.map((u) => u.id), versions: { create: { version: 1, body: input.body } } },
  });
  await appendAudit(tx, actor, {
    action: "note.created", targetType: "note", targetId: note.id, incidentId: note.incidentId,
    after: { version: 1, excerpt: excerpt(note.body), mentions: mentioned.map((u) => u.email) },
  });
  await mailMentions(tx, { ctx, actor, note, authorName: input.authorName, users: mentioned });
  return note;
}

/** Only the author edits a note; every version stays (NoteVersion), and a stale version is a 409. */
export async function updateNote(tx: Tx, ctx: AppContext, actor: AuditActor & { actorId: string }, input: { incidentId: string; noteId: string; body: string; version: number; authorName: string }) {
  const before = await tx.note.findFirst({ where: { id: input.noteId, incidentId: input.incidentId } });
  if (!before) throw new NotFoundError("Note");
  if (before.authorId !== actor.actorId) throw new ForbiddenError("Only the author may edit a note; write your own note instead.");
  if (before.version !== input.version) throw new ConflictError("Someone saved a newer version of this note; reload it and edit again.");
  if (before.body === input.body) return before;
  const mentioned = await resolveMentions(tx, input.body);
  const version = before.version + 1;
  const note = await tx.note.update({
    where: { id: before.id },
    data: { body: input.body, version, mentionedIds: mentioned.map((u) => u.id), versions: { create: { version, body: input.body } } },
  });
  await appendAudit(tx, actor, {
    action: "note.edited", targetType: "note", targetId: note.id, incidentId: note.incidentId,
    before: { version: before.version, excerpt: excerpt(before.body) }, after: { version, excerpt: excerpt(note.body), mentions: mentioned.map((u) => u.email) },
  });
  await mailMentions(tx, { ctx, actor, note, authorName: input.authorName, users: mentioned.filter((u) => !before.mentionedIds.includes(u.id)) });
  return note;
}
