import { type FormEvent, type ReactNode } from "react";
import i18next from "i18next";
import { useTranslation } from "react-i18next";
import { can as roleCan } from "../../../shared/permissions.js";
import { api, type User, type ImpactInput, type Level, type PersonalData, type Seriousness, type Severity } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, ListInput, Section, UserSelect, fieldError } from "../components.js";
import {
  LEVEL_LABELS, PERSONAL_DATA_LABELS, SERIOUSNESS_LABELS, SEVERITY_LABELS, formatDateTime,
} from "../format.js";
import { useDraftForm, useIncident } from "./context.js";

/** Why a section is read-only, or null when the user may edit it. */
function readOnlyReason(status: string, allowed: boolean): string | null {
  if (allowed) return null;
  if (status === "closed") return i18next.t("incident:sec.closedReadOnly");
  return i18next.t("incident:sec.roleReadOnly");
}

export function ReadOnlyNote({ reason }: { reason: string | null }) {
  return reason ? <p className="hint read-only-note">{reason}</p> : null;
}

/** A group of radio buttons with a legend. */
export function RadioGroup<T extends string>({ legend, name, options, value, onChange, error, hint }: {
  legend: string;
  name: string;
  options: Record<T, string>;
  value: T | "";
  onChange(v: T): void;
  error?: string;
  hint?: ReactNode;
}) {
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  return (
    <fieldset className={`radio-group${error ? " has-error" : ""}`} aria-describedby={[hint ? hintId : "", error ? errorId : ""].join(" ").trim() || undefined}>
      <legend>{legend}</legend>
      {hint && <p className="hint" id={hintId}>{hint}</p>}
      <div className="radios">
        {(Object.keys(options) as T[]).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name={name} value={k} checked={value === k} onChange={() => onChange(k)} />
            <span>{options[k]}</span>
          </label>
        ))}
      </div>
      {error && <p className="field-error" id={errorId}>{error}</p>}
    </fieldset>
  );
}

function Dl({ items }: { items: [string, ReactNode][] }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      {items.map(([k, v]) => (
        <div key={k}><dt>{k}</dt><dd>{v ?? <span className="muted">{t("incident:sec.notSet")}</span>}</dd></div>
      ))}
    </dl>
  );
}

// --- Classification -------------------------------------------------------------------

export function ClassificationSection() {
  const { t } = useTranslation();
  const { incident, taxonomy } = useIncident();
  const source = {
    category: incident.category ?? "",
    severity: (incident.severity ?? "") as Severity | "",
    level: (incident.level ?? "") as Level | "",
    personalData: (incident.personalData ?? "") as PersonalData | "",
    personalDataReason: "",
  };
  const f = useDraftForm(source);
  // Leaving "yes" keeps the register entry as "not a personal-data breach", with this reason.
  const leavingRegister = incident.personalData === "yes" && f.draft.personalData !== "yes";
  const readOnly = readOnlyReason(incident.status, incident.can.update);
  const chosen = taxonomy.find((c) => c.id === f.draft.category);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const d = f.draft;
    void f.submit((i) => api.updateIncident(i.id, {
      version: i.version,
      category: d.category || undefined,
      severity: d.severity || undefined,
      level: d.level || undefined,
      personalData: d.personalData || undefined,
      personalDataReason: leavingRegister ? d.personalDataReason : undefined,
    }), t("incident:sec.classificationSaved"));
  };

  return (
    <Section id="classification" title={t("incident:sec.classification")}>
      {readOnly ? (
        <>
          <Dl items={[
            [t("incident:sec.category"), incident.category ? (taxonomy.find((c) => c.id === incident.category)?.label ?? incident.category) : null],
            [t("incident:list.severity"), incident.severity ? SEVERITY_LABELS[incident.severity] : null],
            [t("incident:sec.level"), incident.level ? LEVEL_LABELS[incident.level] : null],
            [t("incident:sec.personalData"), incident.personalData ? PERSONAL_DATA_LABELS[incident.personalData] : null],
          ]} />
          <ReadOnlyNote reason={readOnly} />
        </>
      ) : (
        <form onSubmit={submit} noValidate className="stack">
          <Field label={t("incident:sec.category")} error={fieldError(f.error, "category")}
            hint={chosen ? <>{chosen.description}{chosen.oftenPersonalData && <> <strong>{t("incident:sec.oftenPersonal")}</strong></>}</> : t("incident:sec.categoryHint")}>
            {(p) => (
              <select {...p} value={f.draft.category} onChange={(e) => f.update({ category: e.target.value })}>
                <option value="">{t("incident:sec.chooseCategory")}</option>
                {taxonomy.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
              </select>
            )}
          </Field>
          <RadioGroup legend={t("incident:list.severity")} name="severity" options={SEVERITY_LABELS} value={f.draft.severity}
            onChange={(severity) => f.update({ severity })} error={fieldError(f.error, "severity")} />
          <RadioGroup legend={t("incident:sec.level")} name="level" options={LEVEL_LABELS} value={f.draft.level}
            hint={t("incident:sec.levelHint")}
            onChange={(level) => f.update({ level })} error={fieldError(f.error, "level")} />
          <RadioGroup legend={t("incident:sec.personalDataQ")} name="personalData" options={PERSONAL_DATA_LABELS} value={f.draft.personalData}
            hint={t("incident:sec.personalDataHint")}
            onChange={(personalData) => f.update({ personalData })} error={fieldError(f.error, "personalData")} />
          {leavingRegister && (
            <Field label={t("incident:sec.notBreachWhy")} error={fieldError(f.error, "personalDataReason")}
              hint={t("incident:sec.notBreachHint")}>
              {(p) => <textarea {...p} rows={2} value={f.draft.personalDataReason} onChange={(e) => f.update({ personalDataReason: e.target.value })} />}
            </Field>
          )}
          <FormFooter f={f} label={t("incident:sec.saveClassification")} />
        </form>
      )}
    </Section>
  );
}

/** Error, Save and Undo changes for a draft form. */
export function FormFooter({ f, label }: { f: { error: unknown; busy: boolean; dirty: boolean; conflict: boolean; reset(): void }; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div aria-live="assertive">
        <ErrorMessage error={f.error} />
        {f.conflict && f.dirty && (
          <p className="alert alert-warn" role="alert">
            {t("incident:sec.conflict")}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={f.busy}>{f.busy ? t("common:saving") : label}</button>
        {f.dirty && !f.busy && <button type="button" className="link-button" onClick={f.reset}>{t("incident:sec.undo")}</button>}
      </div>
    </>
  );
}

/** The people who can own incidents and carry out actions: staff in the shared permission matrix. */
export function useStaff(users: User[]): User[] {
  return users.filter((u) => roleCan(u.role, "action.manage"));
}

// --- Owner -------------------------------------------------------------------------------

export function OwnerSection() {
  const { t } = useTranslation();
  const { incident, users } = useIncident();
  const { user, can } = useAuth();
  const f = useDraftForm({ ownerId: incident.ownerId ?? "" });
  const readOnly = readOnlyReason(incident.status, incident.can.update && can("incident.assignOwner"));
  const staff = useStaff(users);
  const meEligible = user && staff.some((u) => u.id === user.id);

  const save = (ownerId: string) =>
    f.submit((i) => api.updateIncident(i.id, { version: i.version, ownerId: ownerId || null }), ownerId ? t("incident:sec.ownerAppointed") : t("incident:sec.ownerRemoved"));

  return (
    <Section id="owner" title={t("incident:list.owner")}>
      <p className="section-lead">
        {incident.owner ? <>{t("incident:sec.ownerIs")} <strong>{incident.owner.name}</strong>.</> : t("incident:sec.noOwner")}
      </p>
      {readOnly ? (
        <ReadOnlyNote reason={readOnly} />
      ) : (
        <form className="stack" noValidate onSubmit={(e) => { e.preventDefault(); void save(f.draft.ownerId); }}>
          <div className="inline align-end">
            <Field label={incident.owner ? t("incident:sec.changeOwner") : t("incident:sec.appointOwner")} error={fieldError(f.error, "ownerId")}>
              {(p) => <UserSelect {...p} users={staff} value={f.draft.ownerId} onChange={(ownerId) => f.update({ ownerId })} placeholder={t("incident:list.noOwner")} />}
            </Field>
            <button type="submit" className="primary" disabled={f.busy || f.draft.ownerId === (incident.ownerId ?? "")}>
              {f.busy ? t("common:saving") : t("incident:sec.saveOwner")}
            </button>
            {meEligible && incident.ownerId !== user.id && (
              <button type="button" className="secondary" disabled={f.busy} onClick={() => void save(user.id)}>{t("incident:sec.ownIt")}</button>
            )}
          </div>
          <div aria-live="assertive"><ErrorMessage error={f.error} /></div>
        </form>
      )}
    </Section>
  );
}

// --- Impact analysis ---------------------------------------------------------------------

interface ImpactDraft {
  summary: string;
  affectedSystems: string[];
  affectedServices: string[];
  affectedCustomers: string[];
  affectedUsers: string;
  affectedRecords: string;
  seriousness: Seriousness | "";
}

function toCount(s: string): number | undefined {
  if (s.trim() === "") return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
}

export function ImpactSection() {
  const { t } = useTranslation();
  const { incident } = useIncident();
  const imp = incident.impact;
  const f = useDraftForm<ImpactDraft>({
    summary: imp?.summary ?? "",
    affectedSystems: imp?.affectedSystems ?? [],
    affectedServices: imp?.affectedServices ?? [],
    affectedCustomers: imp?.affectedCustomers ?? [],
    affectedUsers: imp?.affectedUsers?.toString() ?? "",
    affectedRecords: imp?.affectedRecords?.toString() ?? "",
    seriousness: imp?.seriousness ?? "",
  });
  const readOnly = readOnlyReason(incident.status, incident.can.update);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const d = f.draft;
    const impact: ImpactInput = {
      summary: d.summary.trim(),
      affectedSystems: d.affectedSystems,
      ...(d.affectedServices.length ? { affectedServices: d.affectedServices } : {}),
      ...(d.affectedCustomers.length ? { affectedCustomers: d.affectedCustomers } : {}),
      affectedUsers: toCount(d.affectedUsers),
      affectedRecords: toCount(d.affectedRecords),
      seriousness: d.seriousness || undefined,
    };
    void f.submit((i) => api.updateIncident(i.id, { version: i.version, impact }), t("incident:sec.impactSaved"));
  };

  return (
    <Section id="impact" title={t("incident:sec.impact")}>
      {readOnly ? (
        <>
          {imp ? (
            <Dl items={[
              [t("incident:sec.affected"), imp.summary],
              [t("incident:sec.systems"), imp.affectedSystems.length ? imp.affectedSystems.join(", ") : null],
              [t("incident:sec.services"), imp.affectedServices?.length ? imp.affectedServices.join(", ") : null],
              [t("incident:sec.customers"), imp.affectedCustomers?.length ? imp.affectedCustomers.join(", ") : null],
              [t("incident:sec.users"), imp.affectedUsers ?? null],
              [t("incident:sec.records"), imp.affectedRecords ?? null],
              [t("incident:sec.seriousness"), imp.seriousness ? SERIOUSNESS_LABELS[imp.seriousness] : null],
            ]} />
          ) : <p className="muted">{t("incident:sec.noImpact")}</p>}
          <ReadOnlyNote reason={readOnly} />
        </>
      ) : (
        <form onSubmit={submit} noValidate className="stack">
          <Field label={t("incident:sec.impactQ")} error={fieldError(f.error, "impact.summary") ?? fieldError(f.error, "impact")}>
            {(p) => <textarea {...p} rows={4} value={f.draft.summary} onChange={(e) => f.update({ summary: e.target.value })} />}
          </Field>
          <ListInput label={t("incident:sec.affectedSystems")} values={f.draft.affectedSystems} hint={t("incident:sec.listHint")}
            error={fieldError(f.error, "impact.affectedSystems")} onChange={(affectedSystems) => f.update({ affectedSystems })} />
          <ListInput label={t("incident:sec.affectedServices")} values={f.draft.affectedServices}
            error={fieldError(f.error, "impact.affectedServices")} onChange={(affectedServices) => f.update({ affectedServices })} />
          {/* With personal data the affected customers are the organisation list of the breach panel, not a second free text. */}
          {incident.personalData === "yes" || incident.personalData === "unknown" ? (
            <p className="hint affected-customers-note">
              {t("breach:affected.inImpact")} <a href="#affected-organizations">{t("breach:affected.title")}</a>
            </p>
          ) : (
            <ListInput label={t("incident:sec.affectedCustomers")} values={f.draft.affectedCustomers}
              error={fieldError(f.error, "impact.affectedCustomers")} onChange={(affectedCustomers) => f.update({ affectedCustomers })} />
          )}
          <div className="row">
            <Field label={t("incident:sec.users")} optional hint={t("incident:sec.whereKnown")} error={fieldError(f.error, "impact.affectedUsers")}>
              {(p) => <input {...p} type="number" min={0} step={1} inputMode="numeric" value={f.draft.affectedUsers} onChange={(e) => f.update({ affectedUsers: e.target.value })} />}
            </Field>
            <Field label={t("incident:sec.records")} optional hint={t("incident:sec.whereKnown")} error={fieldError(f.error, "impact.affectedRecords")}>
              {(p) => <input {...p} type="number" min={0} step={1} inputMode="numeric" value={f.draft.affectedRecords} onChange={(e) => f.update({ affectedRecords: e.target.value })} />}
            </Field>
            <Field label={t("incident:sec.seriousness")} optional error={fieldError(f.error, "impact.seriousness")}>
              {(p) => (
                <select {...p} value={f.draft.seriousness} onChange={(e) => f.update({ seriousness: e.target.value as Seriousness | "" })}>
                  <option value="">{t("incident:sec.notAssessed")}</option>
                  {(Object.keys(SERIOUSNESS_LABELS) as Seriousness[]).map((s) => <option key={s} value={s}>{SERIOUSNESS_LABELS[s]}</option>)}
                </select>
              )}
            </Field>
          </div>
          <FormFooter f={f} label={t("incident:sec.saveImpact")} />
        </form>
      )}
    </Section>
  );
}

// --- Documentation -----------------------------------------------------------------------

export function DocumentationSection() {
  const { t } = useTranslation();
  const { incident } = useIncident();
  const f = useDraftForm({ cause: incident.cause ?? "" });
  const readOnly = readOnlyReason(incident.status, incident.can.update);
  return (
    <Section id="documentation" title={t("incident:sec.documentation")}>
      {readOnly ? (
        <>
          <Dl items={[[t("incident:sec.cause"), incident.cause ? <span className="prewrap">{incident.cause}</span> : null]]} />
          <ReadOnlyNote reason={readOnly} />
        </>
      ) : (
        <form className="stack" noValidate onSubmit={(e) => {
          e.preventDefault();
          void f.submit((i) => api.updateIncident(i.id, { version: i.version, cause: f.draft.cause.trim() || null }), t("incident:sec.documentationSaved"));
        }}>
          <Field label={t("incident:sec.cause")} error={fieldError(f.error, "cause")}
            hint={t("incident:sec.causeHint")}>
            {(p) => <textarea {...p} rows={4} value={f.draft.cause} onChange={(e) => f.update({ cause: e.target.value })} />}
          </Field>
          <FormFooter f={f} label={t("incident:sec.saveDocumentation")} />
        </form>
      )}
    </Section>
  );
}

// --- Details (title, description, source) ------------------------------------------------

export function DetailsSection() {
  const { t } = useTranslation();
  const { incident } = useIncident();
  const f = useDraftForm({ title: incident.title, description: incident.description ?? "" });
  const readOnly = readOnlyReason(incident.status, incident.can.update);
  const facts = (
    <Dl items={[
      [t("incident:page.detected"), formatDateTime(incident.detectedAt)],
      [t("incident:sec.logged"), formatDateTime(incident.createdAt)],
      [t("incident:sec.source"), incident.source || null],
    ]} />
  );
  if (readOnly)
    return (
      <Section id="details" title={t("incident:sec.details")}>
        {incident.description ? <p className="prewrap">{incident.description}</p> : <p className="muted">{t("incident:sec.noDescription")}</p>}
        {facts}
      </Section>
    );
  return (
    <Section id="details" title={t("incident:sec.details")}>
      <form className="stack" noValidate onSubmit={(e) => {
        e.preventDefault();
        void f.submit((i) => api.updateIncident(i.id, { version: i.version, title: f.draft.title.trim(), description: f.draft.description.trim() }), t("incident:sec.detailsSaved"));
      }}>
        <Field label={t("incident:list.col.title")} error={fieldError(f.error, "title")}>
          {(p) => <input {...p} type="text" maxLength={200} value={f.draft.title} onChange={(e) => f.update({ title: e.target.value })} />}
        </Field>
        <Field label={t("incident:sec.description")} error={fieldError(f.error, "description")}>
          {(p) => <textarea {...p} rows={5} value={f.draft.description} onChange={(e) => f.update({ description: e.target.value })} />}
        </Field>
        {f.dirty || f.error ? <FormFooter f={f} label={t("incident:sec.saveDetails")} /> : null}
      </form>
      {facts}
    </Section>
  );
}
