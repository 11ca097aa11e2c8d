import type { FormEvent, ReactNode } from "react";
import i18next from "i18next";
import { useTranslation } from "react-i18next";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { CheckGroup, Field, ListInput, Section, fieldError } from "../components.js";
import { formatDateTime, fromLocalInput, toLocalInput } from "../format.js";
import { currentLanguage } from "../i18n.js";
import { useDraftForm, useIncident } from "../incident/context.js";
import { FormFooter, RadioGroup, ReadOnlyNote } from "../incident/sections.js";
import {
  AVAILABILITY_LABELS, BREACH_TYPE_LABELS, BREACH_TYPE_SHORT, CONFIDENTIALITY_LABELS, DATA_CATEGORY_LABELS, EASE_HINTS, EASE_LABELS, INTEGRITY_LABELS,
  DPC_FACTOR_LABELS, CREDENTIALS_OPEN_LABELS, ENISA_KIND_LABELS, MITIGATION_LABELS, VULNERABLE_GROUP_LABELS, signed,
} from "./labels.js";
import { suggestVulnerableGroups, type VulnerableGroup } from "../../../shared/breach/vulnerable.js";
import { adjustmentProblems, adjustmentsBody, adjustmentsDraft, ContextAdjustmentsInput, type AdjustmentsDraft } from "./ContextAdjustments.js";
import { OtherIssues } from "./OtherIssues.js";
import type { Assessment, AssessmentInput, BreachType, BreachView, Circumstances, DataCategory, Ease, EnisaKind, Mitigations } from "./types.js";

interface Draft {
  awareAt: string;
  types: BreachType[];
  dataCategories: DataCategory[];
  subjectCategories: string[];
  vulnerableGroups: VulnerableGroup[];
  vulnerableOther: string;
  awareAtChangeReason: string;
  approxSubjects: string;
  approxRecords: string;
  easeOfIdentification: Ease | "";
  circumstances: Circumstances;
  mitigations: Mitigations;
  summary: string;
  likelyConsequences: string;
  contextAdjustments: AdjustmentsDraft;
  credentialsOpen: EnisaKind | "";
  occurredAt: string;
  ceasedAt: string;
  dataLocation: string;
  subjectCountries: string[];
}

const NO_CIRCUMSTANCES: Circumstances = { confidentiality: "none", integrity: "none", availability: "none", malicious: false };
const NO_MITIGATIONS: Mitigations = {
  encrypted: false, backupRestored: false, recipientTrusted: false, dataRetrievedOrDeleted: false,
  highRiskNoLongerLikely: false, disproportionateEffort: false, alreadyPublic: false,
};

/** The counts entered once in the impact analysis, which a first assessment starts from. */
interface ImpactCounts { affectedUsers?: number; affectedRecords?: number }

function draftOf(a: Assessment | null, recordedAwareAt: string | null, impact: ImpactCounts | null): Draft {
  const i = a?.input;
  return {
    // A first assessment: awareness as recorded, else now (the user corrects it when it was earlier, with a reason once recorded).
    awareAt: toLocalInput(a ? new Date(a.awareAt) : recordedAwareAt ? new Date(recordedAwareAt) : new Date()),
    types: i?.types ?? [],
    dataCategories: i?.dataCategories ?? [],
    subjectCategories: i?.subjectCategories ?? [],
    // Versions saved before the structured choice: start from what their free text suggests.
    vulnerableGroups: i?.vulnerableGroups ?? suggestVulnerableGroups(i?.subjectCategories),
    vulnerableOther: i?.vulnerableOther ?? "",
    awareAtChangeReason: "",
    approxSubjects: i ? String(i.approxSubjects) : impact?.affectedUsers?.toString() ?? "",
    approxRecords: i ? String(i.approxRecords) : impact?.affectedRecords?.toString() ?? "",
    easeOfIdentification: i?.easeOfIdentification ?? "",
    circumstances: { ...NO_CIRCUMSTANCES, ...i?.circumstances },
    mitigations: { ...NO_MITIGATIONS, ...i?.mitigations },
    summary: i?.summary ?? "",
    likelyConsequences: i?.likelyConsequences ?? "",
    contextAdjustments: adjustmentsDraft(i?.contextAdjustments),
    credentialsOpen: i?.credentialsOpen ?? "",
    occurredAt: i?.occurredAt ? toLocalInput(new Date(i.occurredAt)) : "",
    ceasedAt: i?.ceasedAt ? toLocalInput(new Date(i.ceasedAt)) : "",
    dataLocation: i?.dataLocation ?? "",
    subjectCountries: i?.subjectCountries ?? [],
  };
}

/** The form moves the recorded awareness (then a reason is needed). */
const awarenessMoves = (d: Draft, recordedAwareAt: string | null) =>
  Boolean(recordedAwareAt && fromLocalInput(d.awareAt) && new Date(fromLocalInput(d.awareAt)!).getTime() !== new Date(recordedAwareAt).getTime());

const time = (local: string) => (fromLocalInput(local) ? new Date(fromLocalInput(local)!).getTime() : undefined);

/** Client-side checks that name the field, before the server's (which has the last word). */
function problems(d: Draft, recordedAwareAt: string | null): Record<string, string> {
  const p: Record<string, string> = {};
  if (awarenessMoves(d, recordedAwareAt) && d.awareAtChangeReason.trim().length < 10)
    p.awareAtChangeReason = i18next.t("breach:problem.awareAtChangeReason");
  if (d.vulnerableGroups.includes("other") && !d.vulnerableOther.trim()) p.vulnerableOther = i18next.t("breach:problem.vulnerableOther");
  if (!fromLocalInput(d.awareAt)) p.awareAt = i18next.t("breach:problem.awareAt");
  else if (new Date(fromLocalInput(d.awareAt)!).getTime() > Date.now() + 5 * 60_000) p.awareAt = i18next.t("breach:problem.awareAtFuture");
  if (d.types.length === 0) p.types = i18next.t("breach:problem.types");
  if (d.dataCategories.length === 0) p.dataCategories = i18next.t("breach:problem.dataCategories");
  const count = (s: string) => s.trim() !== "" && Number.isInteger(Number(s)) && Number(s) >= 0;
  if (!count(d.approxSubjects)) p.approxSubjects = i18next.t("breach:problem.approxSubjects");
  if (!count(d.approxRecords)) p.approxRecords = i18next.t("breach:problem.approxRecords");
  if (!d.easeOfIdentification) p.easeOfIdentification = i18next.t("breach:problem.easeOfIdentification");
  const [occurred, aware, ceased] = [time(d.occurredAt), time(d.awareAt), time(d.ceasedAt)];
  if (occurred !== undefined && aware !== undefined && occurred > aware) p.occurredAt = i18next.t("breach:problem.occurredAt");
  if (occurred !== undefined && ceased !== undefined && ceased < occurred) p.ceasedAt = i18next.t("breach:problem.ceasedAt");
  return { ...p, ...adjustmentProblems(d.contextAdjustments) };
}

function toBody(d: Draft): AssessmentInput {
  return {
    awareAt: fromLocalInput(d.awareAt)!,
    types: d.types,
    dataCategories: d.dataCategories,
    subjectCategories: d.subjectCategories,
    vulnerableGroups: d.vulnerableGroups,
    vulnerableOther: d.vulnerableGroups.includes("other") ? d.vulnerableOther.trim() || undefined : undefined,
    awareAtChangeReason: d.awareAtChangeReason.trim() || undefined,
    approxSubjects: Number(d.approxSubjects),
    approxRecords: Number(d.approxRecords),
    easeOfIdentification: d.easeOfIdentification as Ease,
    circumstances: d.circumstances,
    mitigations: d.mitigations,
    summary: d.summary.trim() || undefined,
    likelyConsequences: d.likelyConsequences.trim() || undefined,
    contextAdjustments: adjustmentsBody(d.contextAdjustments),
    // What credentials open only matters when credentials were concerned.
    credentialsOpen: d.dataCategories.includes("credentials") && d.credentialsOpen ? d.credentialsOpen : undefined,
    occurredAt: fromLocalInput(d.occurredAt),
    ceasedAt: fromLocalInput(d.ceasedAt),
    dataLocation: d.dataLocation.trim() || undefined,
    subjectCountries: d.subjectCountries.length ? d.subjectCountries : undefined,
  };
}

export function AssessmentSection({ current, recordedAwareAt, onSaved }: { current: Assessment | null; recordedAwareAt: string | null; onSaved(v: BreachView): void }) {
  const { t } = useTranslation();
  const { incident } = useIncident();
  const { can } = useAuth();
  const f = useDraftForm<Draft>(draftOf(current, recordedAwareAt, incident.impact));
  const prefilled = !current && (incident.impact?.affectedUsers !== undefined || incident.impact?.affectedRecords !== undefined);
  const readOnly = incident.status === "closed" ? t("breach:assessment.closed") : !can("breach.assess") ? t("breach:assessment.roleCannot") : null;
  const local = f.error instanceof LocalProblems ? f.error.fields : {};
  const err = (field: string) => local[field] ?? fieldError(f.error, field);
  const d = f.draft;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = problems(d, recordedAwareAt);
    if (Object.keys(p).length) { f.setError(new LocalProblems(p)); return; }
    const body = toBody(d);
    void f.submit(async (i) => {
      onSaved(await api.assessBreach(i.id, body));
      return api.getIncident(i.id);
    }, current ? t("breach:assessment.savedVersion", { version: current.version + 1 }) : t("breach:assessment.saved"));
  };

  return (
    <Section id="assessment" title={t("breach:assessment.title")}
      aside={current ? <span className="muted">{t("breach:assessment.versionAt", { version: current.version, at: formatDateTime(current.createdAt) })}</span> : undefined}>
      {readOnly ? (
        current ? <AssessmentFacts a={current} /> : <p className="muted">{t("breach:assessment.notYet")}</p>
      ) : (
        <form className="stack" noValidate onSubmit={submit} aria-label={t("breach:assessment.title")}>
          {current && <p className="hint">{t("breach:assessment.newVersionHint")}</p>}
          <Field label={t("breach:assessment.awareSince")} error={err("awareAt")} hint={t("breach:assessment.awareSinceHint")}>
            {(p) => <input {...p} type="datetime-local" value={d.awareAt} onChange={(e) => f.update({ awareAt: e.target.value })} />}
          </Field>
          {awarenessMoves(d, recordedAwareAt) && (
            <Field label={t("breach:field.awareAtChangeReason")} error={err("awareAtChangeReason")} hint={t("breach:assessment.awareMovesHint")}>
              {(p) => <textarea {...p} rows={2} value={d.awareAtChangeReason} onChange={(e) => f.update({ awareAtChangeReason: e.target.value })} />}
            </Field>
          )}
          <CheckGroup legend={t("breach:field.types")} name="types" labels={BREACH_TYPE_LABELS} values={d.types}
            onChange={(types) => f.update({ types })} error={err("types")} />
          <CheckGroup legend={t("breach:field.dataCategories")} name="dataCategories" labels={DATA_CATEGORY_LABELS}
            values={d.dataCategories} onChange={(dataCategories) => f.update({ dataCategories })} error={err("dataCategories")}
            hint={t("breach:assessment.dataCategoriesHint")} />
          {d.dataCategories.includes("credentials") && (
            <RadioGroup legend={t("breach:assessment.credentialsOpen")} name="credentialsOpen" options={CREDENTIALS_OPEN_LABELS} value={d.credentialsOpen}
              hint={t("breach:assessment.credentialsOpenHint")}
              onChange={(credentialsOpen) => f.update({ credentialsOpen })} error={err("credentialsOpen")} />
          )}
          <ListInput label={t("breach:field.subjectCategories")} values={d.subjectCategories} hint={t("breach:assessment.subjectCategoriesHint")}
            error={err("subjectCategories")} onChange={(subjectCategories) => f.update({ subjectCategories })} />
          <VulnerableGroupsInput d={d} update={f.update} err={err} />
          {prefilled && <p className="hint prefilled-counts">{t("breach:assessment.countsFromImpact")}</p>}
          <div className="row">
            <Field label={t("breach:field.approxSubjects")} error={err("approxSubjects")}>
              {(p) => <input {...p} type="number" min={0} step={1} inputMode="numeric" value={d.approxSubjects} onChange={(e) => f.update({ approxSubjects: e.target.value })} />}
            </Field>
            <Field label={t("breach:field.approxRecords")} error={err("approxRecords")}>
              {(p) => <input {...p} type="number" min={0} step={1} inputMode="numeric" value={d.approxRecords} onChange={(e) => f.update({ approxRecords: e.target.value })} />}
            </Field>
          </div>
          <RadioGroup legend={t("breach:field.easeOfIdentification")} name="easeOfIdentification" options={EASE_LABELS} value={d.easeOfIdentification}
            hint={d.easeOfIdentification ? EASE_HINTS[d.easeOfIdentification] : t("breach:assessment.easeHint")}
            onChange={(easeOfIdentification) => f.update({ easeOfIdentification })} error={err("easeOfIdentification")} />
          <fieldset className="subgroup">
            <legend>{t("breach:field.circumstances")}</legend>
            <RadioGroup legend={t("breach:assessment.lossConfidentiality")} name="confidentiality" options={CONFIDENTIALITY_LABELS} value={d.circumstances.confidentiality}
              onChange={(confidentiality) => f.update({ circumstances: { ...d.circumstances, confidentiality } })} error={err("circumstances.confidentiality")} />
            <RadioGroup legend={t("breach:assessment.lossIntegrity")} name="integrity" options={INTEGRITY_LABELS} value={d.circumstances.integrity}
              onChange={(integrity) => f.update({ circumstances: { ...d.circumstances, integrity } })} error={err("circumstances.integrity")} />
            <RadioGroup legend={t("breach:assessment.lossAvailability")} name="availability" options={AVAILABILITY_LABELS} value={d.circumstances.availability}
              onChange={(availability) => f.update({ circumstances: { ...d.circumstances, availability } })} error={err("circumstances.availability")} />
            <label className="check">
              <input type="checkbox" checked={d.circumstances.malicious} onChange={(e) => f.update({ circumstances: { ...d.circumstances, malicious: e.target.checked } })} />
              <span>{t("breach:assessment.malicious")}</span>
            </label>
          </fieldset>
          <fieldset className="checkbox-group">
            <legend>{t("breach:field.mitigations")}</legend>
            <ul className="checks">
              {(Object.keys(MITIGATION_LABELS) as (keyof Mitigations)[]).map((k) => (
                <li key={k}>
                  <label className="check">
                    <input type="checkbox" checked={d.mitigations[k]} onChange={(e) => f.update({ mitigations: { ...d.mitigations, [k]: e.target.checked } })} />
                    <span>{MITIGATION_LABELS[k]}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <ContextAdjustmentsInput value={d.contextAdjustments} onChange={(contextAdjustments) => f.update({ contextAdjustments })} error={err}
            facts={{
              dataCategories: d.dataCategories, subjectCategories: d.subjectCategories, vulnerableGroups: d.vulnerableGroups, vulnerableOther: d.vulnerableOther, approxSubjects: Number(d.approxSubjects) || 0,
              approxRecords: Number(d.approxRecords) || 0, mitigations: d.mitigations, credentialsOpen: d.credentialsOpen || undefined,
            }} />
          <Field label={t("breach:field.summary")} optional error={err("summary")} hint={t("breach:assessment.summaryHint")}>
            {(p) => <textarea {...p} rows={4} value={d.summary} onChange={(e) => f.update({ summary: e.target.value })} />}
          </Field>
          <Field label={t("breach:field.likelyConsequences")} optional error={err("likelyConsequences")} hint={t("breach:assessment.consequencesHint")}>
            {(p) => <textarea {...p} rows={3} value={d.likelyConsequences} onChange={(e) => f.update({ likelyConsequences: e.target.value })} />}
          </Field>
          <div className="row">
            <Field label={t("breach:assessment.began")} optional error={err("occurredAt")} hint={t("breach:assessment.beganHint")}>
              {(p) => <input {...p} type="datetime-local" value={d.occurredAt} onChange={(e) => f.update({ occurredAt: e.target.value })} />}
            </Field>
            <Field label={t("breach:assessment.ended")} optional error={err("ceasedAt")} hint={t("breach:assessment.endedHint")}>
              {(p) => <input {...p} type="datetime-local" value={d.ceasedAt} onChange={(e) => f.update({ ceasedAt: e.target.value })} />}
            </Field>
          </div>
          <Field label={t("breach:field.dataLocation")} optional error={err("dataLocation")} hint={t("breach:assessment.dataLocationHint")}>
            {(p) => <input {...p} type="text" value={d.dataLocation} onChange={(e) => f.update({ dataLocation: e.target.value })} />}
          </Field>
          <ListInput label={t("breach:field.subjectCountries")} values={d.subjectCountries} error={err("subjectCountries")}
            hint={t("breach:assessment.countriesHint")}
            onChange={(v) => f.update({ subjectCountries: v.map((c) => c.toUpperCase()) })} />
          <OtherIssues error={f.error} shown={SHOWN_FIELDS} />
          <FormFooter f={f} label={current ? t("breach:assessment.saveNew") : t("breach:assessment.save")} />
        </form>
      )}
      {readOnly && <ReadOnlyNote reason={readOnly} />}
    </Section>
  );
}

/** Who the people are, as structured choices; the free-text categories only suggest groups (sv, nb, en). */
function VulnerableGroupsInput({ d, update, err }: { d: Draft; update(patch: Partial<Draft>): void; err(field: string): string | undefined }) {
  const { t } = useTranslation();
  const suggested = suggestVulnerableGroups(d.subjectCategories).filter((g) => !d.vulnerableGroups.includes(g));
  return (
    <>
      <CheckGroup legend={t("breach:assessment.vulnerable")} name="vulnerableGroups" labels={VULNERABLE_GROUP_LABELS} values={d.vulnerableGroups}
        onChange={(vulnerableGroups) => update({ vulnerableGroups })} error={err("vulnerableGroups")}
        hint={suggested.length
          ? <>{t("breach:assessment.suggested", { groups: suggested.map((g) => VULNERABLE_GROUP_LABELS[g]).join(", ") })}{" "}
            <button type="button" className="link" onClick={() => update({ vulnerableGroups: [...d.vulnerableGroups, ...suggested] })}>
              {t("breach:assessment.addSuggestion")}
            </button></>
          : t("breach:assessment.vulnerableHint")} />
      {d.vulnerableGroups.includes("other") && (
        <Field label={t("breach:field.vulnerableOther")} error={err("vulnerableOther")}>
          {(p) => <input {...p} type="text" value={d.vulnerableOther} onChange={(e) => update({ vulnerableOther: e.target.value })} />}
        </Field>
      )}
    </>
  );
}

/** Server issues on these fields (and below them) appear at their control; any other shows in OtherIssues. */
const SHOWN_FIELDS = [
  "awareAt", "awareAtChangeReason", "types", "dataCategories", "credentialsOpen", "subjectCategories", "vulnerableGroups", "vulnerableOther", "approxSubjects", "approxRecords", "easeOfIdentification",
  "circumstances", "contextAdjustments", "summary", "likelyConsequences", "occurredAt", "ceasedAt", "dataLocation", "subjectCountries",
];

/** Field problems found before sending; shown like the server's. */
class LocalProblems extends Error {
  constructor(readonly fields: Record<string, string>) {
    super(i18next.t("breach:problem.correct"));
  }
}

const formatNumber = (n: number) => n.toLocaleString(currentLanguage());

function AssessmentFacts({ a }: { a: Assessment }) {
  const { t } = useTranslation();
  const i = a.input;
  const rows: [string, ReactNode][] = [
    [t("breach:assessment.awareSince"), formatDateTime(a.awareAt)],
    [t("breach:field.types"), i.types.map((x) => BREACH_TYPE_SHORT[x]).join(", ")],
    [t("breach:facts.personalData"), i.dataCategories.map((c) => DATA_CATEGORY_LABELS[c]).join(", ")],
    [t("breach:facts.peopleConcerned"), i.subjectCategories.length ? i.subjectCategories.join(", ") : "—"],
    [t("breach:field.vulnerableGroups"), i.vulnerableGroups?.length
      ? i.vulnerableGroups.map((g) => (g === "other" && i.vulnerableOther ? `${VULNERABLE_GROUP_LABELS[g]}: ${i.vulnerableOther}` : VULNERABLE_GROUP_LABELS[g])).join(", ")
      : "—"],
    [t("breach:facts.numbers"), t("breach:facts.numbersValue", { people: formatNumber(i.approxSubjects), records: formatNumber(i.approxRecords) })],
    [t("breach:field.easeOfIdentification"), EASE_LABELS[i.easeOfIdentification]],
    ...(i.credentialsOpen ? [[t("breach:field.credentialsOpen"), ENISA_KIND_LABELS[i.credentialsOpen]] as [string, ReactNode]] : []),
    [t("breach:field.contextAdjustments"), i.contextAdjustments.length
      ? <ul className="records">{i.contextAdjustments.map((x) => <li key={x.factor}>{DPC_FACTOR_LABELS[x.factor]} {signed(x.delta)}: {x.reason}</li>)}</ul>
      : t("breach:facts.noAdjustments")],
    [t("breach:assessment.began"), i.occurredAt ? formatDateTime(i.occurredAt) : "—"],
    [t("breach:assessment.ended"), i.ceasedAt ? formatDateTime(i.ceasedAt) : "—"],
    [t("breach:field.dataLocation"), i.dataLocation || "—"],
    [t("breach:field.subjectCountries"), i.subjectCountries?.join(", ") || "—"],
    [t("breach:field.summary"), i.summary ? <span className="prewrap">{i.summary}</span> : "—"],
    [t("breach:field.likelyConsequences"), i.likelyConsequences ? <span className="prewrap">{i.likelyConsequences}</span> : "—"],
  ];
  return (
    <dl className="facts">
      {rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
    </dl>
  );
}
