import { useCallback, useEffect, useState, type DragEvent } from "react";
import { useAuth } from "../auth.js";
import { ErrorMessage, Section, useAnnounce } from "../components.js";
import { formatDateTime } from "../format.js";
import { useIncident } from "../incident/context.js";
import { evidenceApi, type Evidence, type EvidenceListView } from "./api.js";

const sizeText = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Evidence files with their SHA-256: drag and drop (several at once) with progress, download, reasoned removal, legal hold. */
export function EvidenceSection() {
  const { incident, liveChanges } = useIncident();
  const { can } = useAuth();
  const announce = useAnnounce();
  const [view, setView] = useState<EvidenceListView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);

  const reload = useCallback(() => evidenceApi.list(incident.id).then(setView, setError), [incident.id]);
  // Again when a colleague changes the incident (a note or a file added, heard live).
  useEffect(() => { void reload(); }, [reload, liveChanges]);

  const upload = async (files: File[]) => {
    if (!files.length || !view) return;
    const tooBig = files.find((f) => f.size > view.maxBytes);
    if (tooBig) return setError(new Error(`${tooBig.name} is larger than the limit of ${sizeText(view.maxBytes)}; nothing was uploaded.`));
    setError(null);
    setProgress(0);
    try {
      const r = await evidenceApi.upload(incident.id, files, setProgress);
      announce(`${r.items.length} file(s) uploaded and hashed.`);
      await reload();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void upload([...e.dataTransfer.files]);
  };

  if (!can("evidence.read")) return null;
  return (
    <Section id="evidence" title="Evidence">
      {view?.legalHold && (
        <p className="notice" role="note">
          Legal hold since {formatDateTime(view.legalHold.placedAt)} ({view.legalHold.placedBy}): {view.legalHold.reason}. No file can be removed.
        </p>
      )}
      {error ? <ErrorMessage error={error} title="Evidence" /> : null}
      {can("evidence.upload") && (
        <div
          className={`dropzone${dragging ? " dragging" : ""}`}
          onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="evidence-dropzone"
        >
          <p>Drop files here, or <label className="link">choose files<input type="file" multiple hidden aria-label="Choose evidence files" onChange={(e) => void upload([...(e.target.files ?? [])])} /></label>.</p>
          <p className="muted">Up to {view ? sizeText(view.maxBytes) : "…"} per file. Each file is hashed (SHA-256) as it arrives and recorded in the audit log.</p>
          {progress !== null && <progress max={1} value={progress} aria-label="Upload progress">{Math.round(progress * 100)} %</progress>}
        </div>
      )}
      {view && view.items.length === 0 && <p className="muted">No evidence yet.</p>}
      {view && view.items.length > 0 && (
        <ul className="evidence-list" aria-label="Evidence files">
          {view.items.map((e) => <EvidenceRow key={e.id} item={e} incidentId={incident.id} held={Boolean(view.legalHold)} onChanged={reload} />)}
        </ul>
      )}
      {view && can("legalHold.manage") && <LegalHoldForm incidentId={incident.id} held={Boolean(view.legalHold)} onChanged={reload} />}
    </Section>
  );
}

function EvidenceRow({ item, incidentId, held, onChanged }: { item: Evidence; incidentId: string; held: boolean; onChanged: () => Promise<void> }) {
  const { can } = useAuth();
  const [removing, setRemoving] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    try {
      await evidenceApi.remove(incidentId, item.id, reason);
      setRemoving(false);
      await onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li className={item.removed ? "removed" : undefined}>
      <p>
        {item.removed ? <s>{item.fileName}</s> : <a href={evidenceApi.contentUrl(incidentId, item.id)} download>{item.fileName}</a>}
        {" "}<span className="muted">{sizeText(item.size)} · {item.mediaType ?? "unknown type"} · {item.uploadedBy} · {formatDateTime(item.uploadedAt)}</span>
      </p>
      <p className="mono hash" title="SHA-256">SHA-256 {item.sha256}</p>
      {item.integrity && <p className="error" role="alert">The stored file no longer matches this hash ({item.integrity.problem}), found {formatDateTime(item.integrity.failedAt)}.</p>}
      {item.removed && <p className="muted">Removed {formatDateTime(item.removed.at)} by {item.removed.by}: {item.removed.reason}</p>}
      {!item.removed && can("evidence.remove") && !held && !removing && <button type="button" className="link" onClick={() => setRemoving(true)}>Remove…</button>}
      {removing && (
        <form onSubmit={(e) => { e.preventDefault(); void remove(); }}>
          <label>Why is this file removed? <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} /></label>
          <button type="submit">Remove file</button> <button type="button" className="link" onClick={() => setRemoving(false)}>Cancel</button>
          {error ? <ErrorMessage error={error} /> : null}
        </form>
      )}
    </li>
  );
}

function LegalHoldForm({ incidentId, held, onChanged }: { incidentId: string; held: boolean; onChanged: () => Promise<void> }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    try {
      await (held ? evidenceApi.liftHold(incidentId, reason) : evidenceApi.placeHold(incidentId, reason));
      setReason("");
      await onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label>{held ? "Reason for lifting the legal hold" : "Reason for a legal hold"} <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} /></label>
      <button type="submit">{held ? "Lift legal hold" : "Place legal hold"}</button>
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}
