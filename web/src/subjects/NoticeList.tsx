import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { formatDateTime } from "../format.js";
import { PUPIL_LIX_MAX } from "../../../shared/subjects/readability.js";
import { ADVICE_LABELS, AUDIENCE_LABELS, LANGUAGE_LABELS, VARIANT_LABELS, subjectsApi, type SubjectNotice } from "./api.js";

/** The drafted texts of one controller: read, check, edit, copy, download. */
export function NoticeList({ notices, manage, onSaved }: { notices: SubjectNotice[]; manage: boolean; onSaved(n: SubjectNotice): void }) {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<string | null>(null);
  if (notices.length === 0) return <p className="muted">{t("subjects:list.none")}</p>;
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
  const { t } = useTranslation();
  const announce = useAnnounce();
  const gaps = n.checklist.filter((c) => c.status === "missing");
  const hardToRead = n.audience === "pupils" && n.lix >= PUPIL_LIX_MAX;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${n.title}\n\n${n.body}`);
      announce(t("subjects:list.copied"));
    } catch {
      announce(t("subjects:list.copyRefused"));
    }
  };
  const label = describe(n);
  return (
    <li className="subject-notice" aria-label={label}>
      <div className="subject-notice-head">
        <div>
          <p className="subject-notice-kind">{label}{n.edited && <span className="badge">{t("subjects:list.edited")}</span>}</p>
          <p className="subject-notice-title"><strong>{n.title}</strong></p>
          <p className="muted">
            {(n.editedBy ?? n.createdBy)
              ? t("subjects:list.versionBy", { version: n.version, at: formatDateTime(n.updatedAt), by: (n.editedBy ?? n.createdBy)?.name ?? "" })
              : t("subjects:list.version", { version: n.version, at: formatDateTime(n.updatedAt) })}
            {n.audience === "pupils" && (
              <> {t("subjects:list.lix", { lix: n.lix })}{" "}
                {hardToRead ? <strong>{t("subjects:list.tooHard", { max: PUPIL_LIX_MAX })}</strong> : t("subjects:list.easy")}</>
            )}
          </p>
          {gaps.length > 0 && (
            <p className="alert alert-warn">{t("subjects:list.gaps")} {gaps.map((g) => g.note ?? t(`subjects:checklist.${g.code}`)).join(" ")}</p>
          )}
        </div>
        <div className="inline subject-notice-actions">
          <button type="button" className="secondary" aria-expanded={open} onClick={onToggle}>{open ? t("subjects:list.close") : manage ? t("subjects:list.openEdit") : t("subjects:list.read")}</button>
          <button type="button" className="secondary" onClick={copy}>{t("subjects:list.copy")}</button>
          <a href={n.download.txt} download>{t("subjects:list.downloadTxt")}</a>
          <a href={n.download.html} download>.html</a>
        </div>
      </div>
      {open && <NoticeEditor notice={n} manage={manage} onSaved={onSaved} />}
    </li>
  );
}

function NoticeEditor({ notice: n, manage, onSaved }: { notice: SubjectNotice; manage: boolean; onSaved(n: SubjectNotice): void }) {
  const { t } = useTranslation();
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
      announce(t("subjects:list.saved"));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="subject-editor">
      <details className="subject-checklist">
        <summary>{t("subjects:list.checklist")}</summary>
        <ul className="records">
          {n.checklist.map((c) => (
            <li key={c.code} className={`check-${c.status}`}>
              <strong>{t(`subjects:checklist.${c.code}`)}</strong> ({c.article}): {t(`subjects:checkStatus.${c.status}`)}{c.note ? `. ${c.note}` : ""}
            </li>
          ))}
        </ul>
        {n.advice.length > 0 && <p className="hint">{t("subjects:list.advice", { advice: n.advice.map((a) => ADVICE_LABELS[a]).join("; ") })}</p>}
      </details>
      {manage ? (
        <form className="stack" noValidate onSubmit={save} aria-label={t("subjects:list.editLabel", { text: describe(n) })}>
          <Field label={t("subjects:list.title")} error={fieldError(error, "title")}>
            {(p) => <input {...p} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <Field label={t("subjects:list.text")} hint={t("subjects:list.textHint")} error={fieldError(error, "body")}>
            {(p) => <textarea {...p} rows={18} value={body} onChange={(e) => setBody(e.target.value)} />}
          </Field>
          <div aria-live="assertive"><ErrorMessage error={error} /></div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy || !dirty}>{busy ? t("subjects:list.saving") : t("subjects:list.save")}</button>
            {dirty && !busy && <button type="button" className="link-button" onClick={() => { setTitle(n.title); setBody(n.body); }}>{t("subjects:list.undo")}</button>}
          </div>
        </form>
      ) : (
        <pre className="subject-text prewrap" lang={n.language}>{n.body}</pre>
      )}
    </div>
  );
}
