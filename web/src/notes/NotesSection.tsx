import { useCallback, useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { useTranslation } from "react-i18next";
import type { NoteList, NoteView } from "../../../shared/schemas/note.js";
import { request } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Section, useAnnounce } from "../components.js";
import { formatDateTime } from "../format.js";
import { useIncident } from "../incident/context.js";

const notesPath = (incidentId: string) => `/api/incidents/${encodeURIComponent(incidentId)}/notes`;

/** Working notes in Markdown; the server renders and sanitises them, so the HTML below is safe to insert. */
export function NotesSection() {
  const { incident, liveChanges } = useIncident();
  const { can, user } = useAuth();
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [notes, setNotes] = useState<NoteView[]>([]);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<unknown>(null);
  // Live changes may start several loads at once: only the newest one's answer is shown.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const n = ++latest.current;
    return request<z.infer<typeof NoteList>>("GET", notesPath(incident.id)).then((r) => { if (n === latest.current) setNotes(r.items); }, setError);
  }, [incident.id]);
  // Again when a colleague changes the incident (a note or a file added, heard live).
  useEffect(() => { void reload(); }, [reload, liveChanges]);

  const add = async () => {
    try {
      await request("POST", notesPath(incident.id), { body: draft });
      setDraft("");
      setError(null);
      announce(t("notes:saved"));
      await reload();
    } catch (e) {
      setError(e);
    }
  };
  if (!can("note.read")) return null;
  return (
    <Section id="notes" title={t("notes:title")}>
      {notes.length === 0 && <p className="muted">{t("notes:none")}</p>}
      <ol className="notes" aria-label={t("notes:list")}>
        {notes.map((n) => <NoteItem key={n.id} note={n} mine={n.author.id === user?.id} mentionsMe={n.mentions.some((m) => m.id === user?.id)} onSaved={reload} />)}
      </ol>
      {can("note.write") && (
        <form onSubmit={(e) => { e.preventDefault(); void add(); }}>
          <label>{t("notes:new")}
            <textarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={4} required />
          </label>
          <button type="submit">{t("notes:add")}</button>
          {error ? <ErrorMessage error={error} /> : null}
        </form>
      )}
    </Section>
  );
}

function NoteItem({ note, mine, mentionsMe, onSaved }: { note: NoteView; mine: boolean; mentionsMe: boolean; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(note.body);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    try {
      await request("PATCH", `${notesPath(note.incidentId)}/${note.id}`, { body, version: note.version });
      setEditing(false);
      await onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li className={mentionsMe ? "mentioned" : undefined}>
      {mentionsMe && <p className="badge">{t("notes:mentionsYou")}</p>}
      <p className="muted">
        {note.author.name} · {formatDateTime(note.createdAt)}{note.version > 1 ? ` · ${t("notes:edited", { version: note.version })}` : ""}
        {note.mentions.length > 0 && ` · ${t("notes:mentions", { names: note.mentions.map((m) => m.name).join(", ") })}`}
      </p>
      {editing ? (
        <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={4} aria-label={t("notes:editLabel")} />
          <button type="submit">{t("notes:save")}</button> <button type="button" className="link" onClick={() => setEditing(false)}>{t("notes:cancel")}</button>
          {error ? <ErrorMessage error={error} /> : null}
        </form>
      ) : (
        // Rendered by the server from Markdown and sanitised there (server/notes/markdown.ts).
        <div className="note-body" dangerouslySetInnerHTML={{ __html: note.html }} />
      )}
      {mine && !editing && <button type="button" className="link" onClick={() => { setBody(note.body); setEditing(true); }}>{t("notes:edit")}</button>}
    </li>
  );
}
