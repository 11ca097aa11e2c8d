import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { api, ApiError } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { fromLocalInput, toLocalInput, useTitle } from "../format.js";

const SOURCES = ["monitoring", "customer", "staff", "researcher", "supplier", "logReview"] as const;

export function NewIncidentPage() {
  const { t } = useTranslation();
  useTitle(t("incident:new.title"));
  const { can } = useAuth();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [detectedAt, setDetectedAt] = useState(() => toLocalInput(new Date()));
  const [source, setSource] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (!can("incident.create"))
    return (
      <div className="page narrow">
        <h1>{t("incident:new.title")}</h1>
        <p className="alert alert-info">{t("incident:new.roleCannot")}</p>
      </div>
    );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (title.trim().length < 3) {
      setError(new ApiError(400, t("incident:new.titleMissing"), "validation_failed", [{ field: "title", message: t("incident:new.titleShort") }]));
      document.getElementById("new-title")?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const incident = await api.createIncident({
        title: title.trim(),
        description: description.trim(),
        detectedAt: fromLocalInput(detectedAt),
        source: source.trim() || undefined,
      });
      announce(t("incident:new.logged", { reference: incident.reference }));
      await navigate(`/incidents/${incident.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <h1>{t("incident:new.title")}</h1>
      <p className="lead">{t("incident:new.lead")}</p>
      <form onSubmit={submit} noValidate className="stack">
        <div className="field">
          <label htmlFor="new-title">{t("incident:new.titleLabel")}</label>
          <p className="hint" id="new-title-hint">{t("incident:new.titleHint")}</p>
          <input id="new-title" type="text" required autoFocus maxLength={200} value={title}
            aria-describedby={`new-title-hint${fieldError(error, "title") ? " new-title-error" : ""}`}
            aria-invalid={fieldError(error, "title") ? true : undefined}
            onChange={(e) => setTitle(e.target.value)} />
          {fieldError(error, "title") && <p className="field-error" id="new-title-error">{fieldError(error, "title")}</p>}
        </div>
        <Field label={t("incident:new.what")} optional hint={t("incident:new.whatHint")} error={fieldError(error, "description")}>
          {(p) => <textarea {...p} rows={5} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <div className="row">
          <Field label={t("incident:new.detectedAt")} hint={t("incident:new.detectedAtHint")} error={fieldError(error, "detectedAt")}>
            {(p) => <input {...p} type="datetime-local" value={detectedAt} max={toLocalInput(new Date(Date.now() + 60_000))} onChange={(e) => setDetectedAt(e.target.value)} />}
          </Field>
          <Field label={t("incident:new.source")} optional hint={t("incident:new.sourceHint")} error={fieldError(error, "source")}>
            {(p) => (
              <>
                <input {...p} type="text" list="sources" maxLength={200} value={source} onChange={(e) => setSource(e.target.value)} />
                <datalist id="sources">{SOURCES.map((s) => <option key={s} value={t(`incident:new.sources.${s}`)} />)}</datalist>
              </>
            )}
          </Field>
        </div>
        <div aria-live="assertive"><ErrorMessage error={error} title={t("incident:new.failed")} /></div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? t("incident:new.logging") : t("incident:new.title")}</button>
          <Link to="/incidents" className="button secondary">{t("incident:new.cancel")}</Link>
        </div>
      </form>
    </div>
  );
}
