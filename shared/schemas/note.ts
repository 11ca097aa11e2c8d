import { z } from "zod";
import { Id, Instant } from "./common.js";
import { Text } from "./text.js";

const Markdown = Text.trim().min(1, "must not be empty").max(20_000).meta({ description: "Markdown; @user@example.com mentions a colleague" });

export const CreateNoteBody = z.object({ body: Markdown });
export const UpdateNoteBody = z.object({
  body: Markdown,
  version: z.number().int().min(1).meta({ description: "The version being edited (409 when someone saved a newer one)" }),
});

const Person = z.object({ id: Id, name: z.string() });

export const NoteView = z
  .object({
    id: Id,
    incidentId: Id,
    author: Person,
    body: z.string().meta({ description: "Markdown source" }),
    html: z.string().meta({ description: "Rendered and sanitised: no raw HTML, no script URLs, no images" }),
    version: z.number().int(),
    mentions: z.array(Person),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: "Note" });
export type NoteView = z.infer<typeof NoteView>;

export const NoteList = z.object({ items: z.array(NoteView) });
export const NoteVersions = z.object({ items: z.array(z.object({ version: z.number().int(), body: z.string(), html: z.string(), editedAt: Instant })) });
export const MentionList = z.object({
  items: z.array(z.object({ noteId: Id, incidentId: Id, reference: z.string(), title: z.string(), author: Person, excerpt: z.string(), at: Instant })),
});
