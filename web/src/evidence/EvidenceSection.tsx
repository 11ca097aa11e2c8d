import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { currentLanguage } from "../i18n.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Section, useAnnounce } from "../components.js";
import { formatDateTime } from "../format.js";
import { useIncident } from "../incident/context.js";
import { evidenceApi, type Evidence, type EvidenceListView } from "./api.js";

const one = (n: number) => n.toLocaleString(currentLanguage(), { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const sizeText = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${one(bytes / 1024)} KB` : `${one(bytes / 1024 / 1024)} MB`;

/** The verification job's finding, in words (it stores a fixed English phrase or the actual hash). */
function problemText(problem: string, t: TFunction): string {
  const hashed = /^content hashes to ([0-9a-f]+)$/.exec(problem);
  if (hashed) return t("evidence:integrity.hashesTo", { actual: hashed[1] });
  if (problem === "the stored file is missing") return t("evidence:integrity.missing");
  return problem;
}

/** Evidence files with their SHA-256: drag and drop (several at once) with progress, download, reasoned removal, legal hold. */
export function EvidenceSection() {
  const { incident, liveChanges } = useIncident();
  const { can } = useAuth();
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [view, setView] = useState<EvidenceListView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);

  // Live changes may start several loads at once: only the newest one's answer is shown.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const n = ++latest.current;
    return evidenceApi.list(incident.id).then((v) => { if (n === latest.current) setView(v); }, setError);
  }, [incident.id]);
  // Again when a colleague changes the incident (a note or a file added, heard live).
  useEffect(() => { void reload(); }, [reload, liveChanges]);

  const upload = async (files: File[]) => {
    if (!files.length || !view) return;
    const tooBig = files.find((f) => f.size > view.maxBytes);
    if (tooBig) return setError(new Error(t("evidence:tooBig", { name: tooBig.name, limit: sizeText(view.maxBytes) })));
    setError(null);
    setProgress(0);
    try {
      const r = await evidenceApi.upload(incident.id, files, setProgress);
      announce(t("evidence:uploaded", { count: r.items.length }));
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
    <Section id="evidence" title={t("evidence:title")}>
      {view?.legalHold && (
        <p className="notice" role="note">
          {t("evidence:hold.since", { at: formatDateTime(view.legalHold.placedAt), by: view.legalHold.placedBy, reason: view.legalHold.reason })}
        </p>
      )}
      {error ? <ErrorMessage error={error} title={t("evidence:title")} /> : null}
      {can("evidence.upload") && (
        <div
          className={`dropzone${dragging ? " dragging" : ""}`}
          onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="evidence-dropzone"
        >
          <p>{t("evidence:drop")}{" "}
            <label className="link">{t("evidence:choose")}<input type="file" multiple hidden aria-label={t("evidence:chooseLabel")}
              onChange={(e) => void upload([...(e.target.files ?? [])])} /></label>.</p>
          <p className="muted">{t("evidence:limit", { limit: view ? sizeText(view.maxBytes) : "…" })}</p>
          {progress !== null && <progress max={1} value={progress} aria-label={t("evidence:progress")}>{Math.round(progress * 100)} %</progress>}
        </div>
      )}
      {view && view.items.length === 0 && <p className="muted">{t("evidence:none")}</p>}
      {view && view.items.length > 0 && (
        <ul className="evidence-list" aria-label={t("evidence:files")}>
          {view.items.map((e) => <EvidenceRow key={e.id} item={e} incidentId={incident.id} held={Boolean(view.legalHold)} onChanged={reload} />)}
        </ul>
      )}
      {view && can("legalHold.manage") && <LegalHoldForm incidentId={incident.id} held={Boolean(view.legalHold)} onChanged={reload} />}
    </Section>
  );
}

function EvidenceRow({ item, incidentId, held, onChanged }: { item: Evidence; incidentId: string; held: boolean; onChanged: () => Promise<void> }) {
  const { can } = useAuth();
  const { t } = useTranslation();
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
        {" "}<span className="muted">{sizeText(item.size)} · {item.mediaType ?? t("evidence:unknownType")} · {item.uploadedBy} · {formatDateTime(item.uploadedAt)}</span>
      </p>
      <p className="mono hash" title="SHA-256">SHA-256 {item.sha256}</p>
      {item.integrity && <p className="error" role="alert">{t("evidence:integrity.broken", { problem: problemText(item.integrity.problem, t), at: formatDateTime(item.integrity.failedAt) })}</p>}
      {item.removed && <p className="muted">{t("evidence:removed", { at: formatDateTime(item.removed.at), by: item.removed.by, reason: item.removed.reason })}</p>}
      {!item.removed && can("evidence.remove") && !held && !removing && <button type="button" className="link" onClick={() => setRemoving(true)}>{t("evidence:remove")}</button>}
      {removing && (
        <form onSubmit={(e) => { e.preventDefault(); void remove(); }}>
          <label>{t("evidence:removeWhy")} <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} /></label>
          <button type="submit">{t("evidence:removeFile")}</button> <button type="button" className="link" onClick={() => setRemoving(false)}>{t("evidence:cancel")}</button>
          {error ? <ErrorMessage error={error} /> : null}
        </form>
      )}
    </li>
  );
}

function LegalHoldForm({ incidentId, held, onChanged }: { incidentId: string; held: boolean; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
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
      <label>{held ? t("evidence:hold.liftReason") : t("evidence:hold.placeReason")} <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} /></label>
      <button type="submit">{held ? t("evidence:hold.lift") : t("evidence:hold.place")}</button>
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}
