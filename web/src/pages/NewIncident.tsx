import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { api, ApiError } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { fromLocalInput, toLocalInput, useTitle } from "../format.js";

const SOURCES = ["Monitoring alert", "Customer report", "Staff report", "Security researcher", "Supplier", "Log review"];

export function NewIncidentPage() {
  useTitle("Log incident");
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
        <h1>Log incident</h1>
        <p className="alert alert-info">Your role cannot log incidents. Ask an on-call engineer, an incident owner or the privacy officer.</p>
      </div>
    );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (title.trim().length < 3) {
      setError(new ApiError(400, "Give the incident a title.", "validation_failed", [{ field: "title", message: "Write at least 3 characters." }]));
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
      announce(`Logged ${incident.reference}.`);
      await navigate(`/incidents/${incident.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <h1>Log incident</h1>
      <p className="lead">Write down what you know now; classification and the rest come next.</p>
      <form onSubmit={submit} noValidate className="stack">
        <div className="field">
          <label htmlFor="new-title">Title</label>
          <p className="hint" id="new-title-hint">A short headline, e.g. “Login API returns 500 for all users”.</p>
          <input id="new-title" type="text" required autoFocus maxLength={200} value={title}
            aria-describedby={`new-title-hint${fieldError(error, "title") ? " new-title-error" : ""}`}
            aria-invalid={fieldError(error, "title") ? true : undefined}
            onChange={(e) => setTitle(e.target.value)} />
          {fieldError(error, "title") && <p className="field-error" id="new-title-error">{fieldError(error, "title")}</p>}
        </div>
        <Field label="What happened" optional hint="What was seen, where, and anything done already." error={fieldError(error, "description")}>
          {(p) => <textarea {...p} rows={5} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <div className="row">
          <Field label="Detected at" hint="Defaults to now; your local time." error={fieldError(error, "detectedAt")}>
            {(p) => <input {...p} type="datetime-local" value={detectedAt} max={toLocalInput(new Date(Date.now() + 60_000))} onChange={(e) => setDetectedAt(e.target.value)} />}
          </Field>
          <Field label="Source" optional hint="Where the report came from." error={fieldError(error, "source")}>
            {(p) => (
              <>
                <input {...p} type="text" list="sources" maxLength={200} value={source} onChange={(e) => setSource(e.target.value)} />
                <datalist id="sources">{SOURCES.map((s) => <option key={s} value={s} />)}</datalist>
              </>
            )}
          </Field>
        </div>
        <div aria-live="assertive"><ErrorMessage error={error} title="The incident was not logged." /></div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? "Logging…" : "Log incident"}</button>
          <Link to="/incidents" className="button secondary">Cancel</Link>
        </div>
      </form>
    </div>
  );
}
