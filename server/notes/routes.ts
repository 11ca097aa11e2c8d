import { visibleByIncidentId } from "../incidents/policy.js";
import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor, type Actor } from "../auth/middleware.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { NotFoundError } from "../http/errors.js";
import { CreateNoteBody, MentionList, NoteList, NoteVersions, NoteView, UpdateNoteBody } from "../../shared/schemas/note.js";
import { createNote, excerpt, peopleOf, presentNote, updateNote } from "./service.js";
import { renderMarkdown } from "./markdown.js";

const NoteParams = IdParams.extend({ noteId: z.uuid({ message: "must be a valid id" }) });

export function noteRoutes(app: AppContext): Router {
  const router = Router();
  const author = (req: Parameters<typeof auditActor>[0], actor: Actor) => ({ ...auditActor(req), actorId: actor.id });
  const present = async (noteId: string) => {
    const note = await app.prisma.note.findUniqueOrThrow({ where: { id: noteId } });
    return presentNote(note, await peopleOf(app.prisma, [note]));
  };

  route(router, app, {
    method: "get", path: "/api/incidents/:id/notes", tag: "notes", summary: "Working notes on an incident, oldest first, rendered safely",
    auth: "note.read", params: IdParams, response: NoteList,
    handler: async ({ params }) => {
      await findIncidentOr404(app.prisma, params.id);
      const notes = await app.prisma.note.findMany({ where: { incidentId: params.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      const people = await peopleOf(app.prisma, notes);
      return { items: notes.map((n) => presentNote(n, people)) };
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/notes", tag: "notes", summary: "Write a note (Markdown; @user@example.com mentions and mails a colleague)",
    auth: "note.write", params: IdParams, body: CreateNoteBody, status: 201, response: NoteView,
    handler: async ({ req, actor, params, body }) => {
      const note = await inTransaction(app.prisma, (tx) => createNote(tx, app, author(req, actor), { incidentId: params.id, body: body.body, authorName: actor.name }));
      return present(note.id);
    },
  });

  route(router, app, {
    method: "patch", path: "/api/incidents/:id/notes/:noteId", tag: "notes", summary: "Edit your own note (every version is kept)",
    auth: "note.write", params: NoteParams, body: UpdateNoteBody, response: NoteView,
    handler: async ({ req, actor, params, body }) => {
      const note = await inTransaction(app.prisma, (tx) =>
        updateNote(tx, app, author(req, actor), { incidentId: params.id, noteId: params.noteId, body: body.body, version: body.version, authorName: actor.name }));
      return present(note.id);
    },
  });

  route(router, app, {
    method: "get", path: "/api/incidents/:id/notes/:noteId/versions", tag: "notes", summary: "Every version of a note, oldest first",
    auth: "note.read", params: NoteParams, response: NoteVersions,
    handler: async ({ params }) => {
      const note = await app.prisma.note.findFirst({ where: { id: params.noteId, incidentId: params.id }, include: { versions: { orderBy: { version: "asc" } } } });
      if (!note) throw new NotFoundError("Note");
      return { items: note.versions.map((v) => ({ version: v.version, body: v.body, html: renderMarkdown(v.body), editedAt: v.editedAt.toISOString() })) };
    },
  });

  route(router, app, {
    method: "get", path: "/api/notes/mentions", tag: "notes", summary: "Notes that mention the caller, newest first",
    auth: "note.read", response: MentionList,
    handler: async ({ actor }) => {
      const notes = await app.prisma.note.findMany({
        // A mention in a restricted incident the caller is not a member of stays hidden (need-to-know).
        where: { ...(await visibleByIncidentId(app.prisma, actor)), mentionedIds: { has: actor.id } }, orderBy: { updatedAt: "desc" }, take: 50, include: { incident: { select: { reference: true, title: true } } },
      });
      const people = await peopleOf(app.prisma, notes);
      return {
        items: notes.map((n) => ({
          noteId: n.id, incidentId: n.incidentId, reference: n.incident.reference, title: n.incident.title,
          author: { id: n.authorId, name: people.get(n.authorId) ?? "unknown" }, excerpt: excerpt(n.body), at: n.updatedAt.toISOString(),
        })),
      };
    },
  });
  return router;
}
