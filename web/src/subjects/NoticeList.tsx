import { useState, type FormEvent } from "react";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { formatDateTime } from "../format.js";
import { PUPIL_LIX_MAX } from "../../../shared/subjects/readability.js";
import { ADVICE_LABELS, AUDIENCE_LABELS, LANGUAGE_LABELS, VARIANT_LABELS, subjectsApi, type SubjectNotice } from "./api.js";

const STATUS_WORDS = { ok: "present", derived: "general wording, check it", missing: "missing" } as const;

/** The drafted texts of one controller: read, check, edit, copy, download. */
export function NoticeList({ notices, manage, onSaved }: { notices: SubjectNotice[]; manage: boolean; onSaved(n: SubjectNotice): void }) {
  const [openId, setOpenId] = useState<string | null>(null);
  if (notices.length === 0) return <p className="muted">No texts drafted for this controller yet.</p>;
  return (
    <ul className="subject-notices">
      {notices.map((n) => (
        <SubjectNoticeItem key={n.id} notice={n} open={openId === n.id} manage={manage}
          onToggle={() => setOpenId(openId === n.id ? null : n.id)} onSaved={onSaved} />
      ))}
    </ul>
  );
}

function describe(n: SubjectNotice) {
  return `${AUDIENCE_LABELS[n.audience] ?? n.audience} · ${VARIANT_LABELS[n.variant] ?? n.variant} · ${LANGUAGE_LABELS[n.language] ?? n.language}`;
}

function SubjectNoticeItem({ notice: n, open, manage, onToggle, onSaved }: {
  notice: SubjectNotice; open: boolean; manage: boolean; onToggle(): void; onSaved(n: SubjectNotice): void;
}) {
  const announce = useAnnounce();
  const gaps = n.checklist.filter((c) => c.status === "missing");
  const hardToRead = n.audience === "pupils" && n.lix >= PUPIL_LIX_MAX;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${n.title}\n\n${n.body}`);
      announce("Text copied.");
    } catch {
      announce("Copying is not allowed here: open the text and select it, or download it.");
    }
  };
  const label = describe(n);
  return (
    <li className="subject-notice" aria-label={label}>
      <div className="subject-notice-head">
        <div>
          <p className="subject-notice-kind">{label}{n.edited && <span className="badge">Edited</span>}</p>
          <p className="subject-notice-title"><strong>{n.title}</strong></p>
          <p className="muted">
            Version {n.version}, {formatDateTime(n.updatedAt)}{n.editedBy ? ` by ${n.editedBy.name}` : n.createdBy ? ` by ${n.createdBy.name}` : ""}.
            {n.audience === "pupils" && <> Readability LIX {n.lix} {hardToRead ? <strong>(too hard for pupils: aim under {PUPIL_LIX_MAX})</strong> : "(easy)"}.</>}
          </p>
          {gaps.length > 0 && (
            <p className="alert alert-warn">Art. 34(2) content missing: {gaps.map((g) => g.note ?? g.label).join(" ")}</p>
          )}
        </div>
        <div className="inline subject-notice-actions">
          <button type="button" className="secondary" aria-expanded={open} onClick={onToggle}>{open ? "Close" : manage ? "Open and edit" : "Read"}</button>
          <button type="button" className="secondary" onClick={copy}>Copy</button>
          <a href={n.download.txt} download>Download .txt</a>
          <a href={n.download.html} download>.html</a>
        </div>
      </div>
      {open && <NoticeEditor notice={n} manage={manage} onSaved={onSaved} />}
    </li>
  );
}

function NoticeEditor({ notice: n, manage, onSaved }: { notice: SubjectNotice; manage: boolean; onSaved(n: SubjectNotice): void }) {
  const announce = useAnnounce();
  const [title, setTitle] = useState(n.title);
  const [body, setBody] = useState(n.body);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const dirty = title !== n.title || body !== n.body;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await subjectsApi.update(n.id, { version: n.version, ...(title !== n.title ? { title } : {}), ...(body !== n.body ? { body } : {}) });
      onSaved(saved);
      setTitle(saved.title);
      setBody(saved.body);
      announce("Text saved.");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="subject-editor">
      <details className="subject-checklist">
        <summary>Art. 34(2) checklist and advice</summary>
        <ul className="records">
          {n.checklist.map((c) => (
            <li key={c.code} className={`check-${c.status}`}>
              <strong>{c.label}</strong> ({c.article}): {STATUS_WORDS[c.status]}{c.note ? `. ${c.note}` : ""}
            </li>
          ))}
        </ul>
        {n.advice.length > 0 && <p className="hint">Advice from the data categories: {n.advice.map((a) => ADVICE_LABELS[a]).join("; ")}.</p>}
      </details>
      {manage ? (
        <form className="stack" noValidate onSubmit={save} aria-label={`Edit ${describe(n)}`}>
          <Field label="Title" error={fieldError(error, "title")}>
            {(p) => <input {...p} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <Field label="Text" hint="Plain text: blank lines between paragraphs, “- ” starts a list item." error={fieldError(error, "body")}>
            {(p) => <textarea {...p} rows={18} value={body} onChange={(e) => setBody(e.target.value)} />}
          </Field>
          <div aria-live="assertive"><ErrorMessage error={error} /></div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy || !dirty}>{busy ? "Saving…" : "Save text"}</button>
            {dirty && !busy && <button type="button" className="link-button" onClick={() => { setTitle(n.title); setBody(n.body); }}>Undo changes</button>}
          </div>
        </form>
      ) : (
        <pre className="subject-text prewrap" lang={n.language}>{n.body}</pre>
      )}
    </div>
  );
}
