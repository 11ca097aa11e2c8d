import type { FormEvent, ReactNode } from "react";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { CheckGroup, Field, ListInput, Section, fieldError } from "../components.js";
import { formatDateTime, fromLocalInput, toLocalInput } from "../format.js";
import { useDraftForm, useIncident } from "../incident/context.js";
import { FormFooter, RadioGroup, ReadOnlyNote } from "../incident/sections.js";
import {
  AVAILABILITY_LABELS, BREACH_TYPE_LABELS, CONFIDENTIALITY_LABELS, DATA_CATEGORY_LABELS, EASE_HINTS, EASE_LABELS, INTEGRITY_LABELS,
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

function draftOf(a: Assessment | null, recordedAwareAt: string | null): Draft {
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
    approxSubjects: i ? String(i.approxSubjects) : "",
    approxRecords: i ? String(i.approxRecords) : "",
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
    p.awareAtChangeReason = "Say why the awareness time moves (at least 10 characters): every deadline runs from it.";
  if (d.vulnerableGroups.includes("other") && !d.vulnerableOther.trim()) p.vulnerableOther = "Say who the other vulnerable people are.";
  if (!fromLocalInput(d.awareAt)) p.awareAt = "Say when we became aware of the breach.";
  else if (new Date(fromLocalInput(d.awareAt)!).getTime() > Date.now() + 5 * 60_000) p.awareAt = "Awareness cannot be in the future.";
  if (d.types.length === 0) p.types = "Choose at least one type of breach.";
  if (d.dataCategories.length === 0) p.dataCategories = "Choose at least one category of personal data.";
  const count = (s: string) => s.trim() !== "" && Number.isInteger(Number(s)) && Number(s) >= 0;
  if (!count(d.approxSubjects)) p.approxSubjects = "Give an approximate number (0 or more) of people concerned.";
  if (!count(d.approxRecords)) p.approxRecords = "Give an approximate number (0 or more) of records concerned.";
  if (!d.easeOfIdentification) p.easeOfIdentification = "Choose how easily the people can be identified.";
  const [occurred, aware, ceased] = [time(d.occurredAt), time(d.awareAt), time(d.ceasedAt)];
  if (occurred !== undefined && aware !== undefined && occurred > aware) p.occurredAt = "The breach cannot begin after we became aware of it.";
  if (occurred !== undefined && ceased !== undefined && ceased < occurred) p.ceasedAt = "The breach cannot end before it began.";
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
  const { incident } = useIncident();
  const { can } = useAuth();
  const f = useDraftForm<Draft>(draftOf(current, recordedAwareAt));
  const readOnly = incident.status === "closed" ? "The incident is closed; reopen it to change the assessment." : !can("breach.assess") ? "Your role cannot assess breaches." : null;
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
    }, current ? `Assessment saved as version ${current.version + 1}.` : "Breach assessment saved.");
  };

  return (
    <Section id="assessment" title="Breach assessment"
      aside={current ? <span className="muted">Version {current.version}, {formatDateTime(current.createdAt)}</span> : undefined}>
      {readOnly ? (
        current ? <AssessmentFacts a={current} /> : <p className="muted">Not assessed yet.</p>
      ) : (
        <form className="stack" noValidate onSubmit={submit} aria-label="Breach assessment">
          {current && <p className="hint">Saving records a new version; earlier versions are kept.</p>}
          <Field label="Aware since" error={err("awareAt")}
            hint="When we became reasonably certain that personal data was compromised. The deadlines run from here.">
            {(p) => <input {...p} type="datetime-local" value={d.awareAt} onChange={(e) => f.update({ awareAt: e.target.value })} />}
          </Field>
          {awarenessMoves(d, recordedAwareAt) && (
            <Field label="Why the awareness time moves" error={err("awareAtChangeReason")}
              hint="Kept with who and when. Moving it later than first recorded lengthens every deadline: only a privacy officer may, and the register shows it.">
              {(p) => <textarea {...p} rows={2} value={d.awareAtChangeReason} onChange={(e) => f.update({ awareAtChangeReason: e.target.value })} />}
            </Field>
          )}
          <CheckGroup legend="Type of breach" name="types" labels={BREACH_TYPE_LABELS} values={d.types}
            onChange={(types) => f.update({ types })} error={err("types")} />
          <CheckGroup legend="Categories of personal data" name="dataCategories" labels={DATA_CATEGORY_LABELS}
            values={d.dataCategories} onChange={(dataCategories) => f.update({ dataCategories })} error={err("dataCategories")}
            hint="The most sensitive category sets the data processing context of the ENISA score." />
          {d.dataCategories.includes("credentials") && (
            <RadioGroup legend="What the breached credentials open" name="credentialsOpen" options={CREDENTIALS_OPEN_LABELS} value={d.credentialsOpen}
              hint="ENISA scores credentials by the data in the accounts they give access to. Not known: scored like financial data."
              onChange={(credentialsOpen) => f.update({ credentialsOpen })} error={err("credentialsOpen")} />
          )}
          <ListInput label="Categories of people concerned" values={d.subjectCategories} hint="e.g. pupils, parents, staff. Type one and press Enter."
            error={err("subjectCategories")} onChange={(subjectCategories) => f.update({ subjectCategories })} />
          <VulnerableGroupsInput d={d} update={f.update} err={err} />
          <div className="row">
            <Field label="Approximate number of people" error={err("approxSubjects")}>
              {(p) => <input {...p} type="number" min={0} step={1} inputMode="numeric" value={d.approxSubjects} onChange={(e) => f.update({ approxSubjects: e.target.value })} />}
            </Field>
            <Field label="Approximate number of records" error={err("approxRecords")}>
              {(p) => <input {...p} type="number" min={0} step={1} inputMode="numeric" value={d.approxRecords} onChange={(e) => f.update({ approxRecords: e.target.value })} />}
            </Field>
          </div>
          <RadioGroup legend="Ease of identification" name="easeOfIdentification" options={EASE_LABELS} value={d.easeOfIdentification}
            hint={d.easeOfIdentification ? EASE_HINTS[d.easeOfIdentification] : "How easily the people can be identified from the breached data."}
            onChange={(easeOfIdentification) => f.update({ easeOfIdentification })} error={err("easeOfIdentification")} />
          <fieldset className="subgroup">
            <legend>Circumstances</legend>
            <RadioGroup legend="Loss of confidentiality" name="confidentiality" options={CONFIDENTIALITY_LABELS} value={d.circumstances.confidentiality}
              onChange={(confidentiality) => f.update({ circumstances: { ...d.circumstances, confidentiality } })} error={err("circumstances.confidentiality")} />
            <RadioGroup legend="Loss of integrity" name="integrity" options={INTEGRITY_LABELS} value={d.circumstances.integrity}
              onChange={(integrity) => f.update({ circumstances: { ...d.circumstances, integrity } })} error={err("circumstances.integrity")} />
            <RadioGroup legend="Loss of availability" name="availability" options={AVAILABILITY_LABELS} value={d.circumstances.availability}
              onChange={(availability) => f.update({ circumstances: { ...d.circumstances, availability } })} error={err("circumstances.availability")} />
            <label className="check">
              <input type="checkbox" checked={d.circumstances.malicious} onChange={(e) => f.update({ circumstances: { ...d.circumstances, malicious: e.target.checked } })} />
              <span>Malicious intent (attack, theft, sabotage)</span>
            </label>
          </fieldset>
          <fieldset className="checkbox-group">
            <legend>Mitigating facts</legend>
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
          <Field label="What happened" optional error={err("summary")} hint="The facts, for the register and the notices.">
            {(p) => <textarea {...p} rows={4} value={d.summary} onChange={(e) => f.update({ summary: e.target.value })} />}
          </Field>
          <Field label="Likely consequences" optional error={err("likelyConsequences")} hint="For the people concerned (e.g. phishing, fraud, distress).">
            {(p) => <textarea {...p} rows={3} value={d.likelyConsequences} onChange={(e) => f.update({ likelyConsequences: e.target.value })} />}
          </Field>
          <div className="row">
            <Field label="Breach began" optional error={err("occurredAt")} hint="When it started, where known (authority forms ask for it).">
              {(p) => <input {...p} type="datetime-local" value={d.occurredAt} onChange={(e) => f.update({ occurredAt: e.target.value })} />}
            </Field>
            <Field label="Breach ended" optional error={err("ceasedAt")} hint="When it stopped, where known.">
              {(p) => <input {...p} type="datetime-local" value={d.ceasedAt} onChange={(e) => f.update({ ceasedAt: e.target.value })} />}
            </Field>
          </div>
          <Field label="Where the data is now" optional error={err("dataLocation")} hint='e.g. "published on a leak site", "returned by the recipient".'>
            {(p) => <input {...p} type="text" value={d.dataLocation} onChange={(e) => f.update({ dataLocation: e.target.value })} />}
          </Field>
          <ListInput label="Countries where the people live" values={d.subjectCountries} error={err("subjectCountries")}
            hint="Two-letter country codes, e.g. SE, NO. Authority forms ask whether the breach crosses borders (people in more than one EU/EEA country)."
            onChange={(v) => f.update({ subjectCountries: v.map((c) => c.toUpperCase()) })} />
          <OtherIssues error={f.error} shown={SHOWN_FIELDS} />
          <FormFooter f={f} label={current ? "Save new version" : "Save assessment"} />
        </form>
      )}
      {readOnly && <ReadOnlyNote reason={readOnly} />}
    </Section>
  );
}

/** Who the people are, as structured choices; the free-text categories only suggest groups (sv, nb, en). */
function VulnerableGroupsInput({ d, update, err }: { d: Draft; update(patch: Partial<Draft>): void; err(field: string): string | undefined }) {
  const suggested = suggestVulnerableGroups(d.subjectCategories).filter((g) => !d.vulnerableGroups.includes(g));
  return (
    <>
      <CheckGroup legend="Vulnerable people concerned" name="vulnerableGroups" labels={VULNERABLE_GROUP_LABELS} values={d.vulnerableGroups}
        onChange={(vulnerableGroups) => update({ vulnerableGroups })} error={err("vulnerableGroups")}
        hint={suggested.length
          ? <>Suggested from the categories above: {suggested.map((g) => VULNERABLE_GROUP_LABELS[g]).join(", ")}.{" "}
            <button type="button" className="link" onClick={() => update({ vulnerableGroups: [...d.vulnerableGroups, ...suggested] })}>Add the suggestion</button></>
          : "Children, pupils, patients and people in a dependent position raise the ENISA score; guardians do not by themselves."} />
      {d.vulnerableGroups.includes("other") && (
        <Field label="Who the other vulnerable people are" error={err("vulnerableOther")}>
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
    super("Please correct the highlighted fields.");
  }
}

function AssessmentFacts({ a }: { a: Assessment }) {
  const i = a.input;
  const rows: [string, ReactNode][] = [
    ["Aware since", formatDateTime(a.awareAt)],
    ["Type of breach", i.types.map((t) => BREACH_TYPE_LABELS[t].split(" — ")[0]).join(", ")],
    ["Personal data", i.dataCategories.map((c) => DATA_CATEGORY_LABELS[c]).join(", ")],
    ["People concerned", i.subjectCategories.length ? i.subjectCategories.join(", ") : "—"],
    ["Vulnerable people", i.vulnerableGroups?.length
      ? i.vulnerableGroups.map((g) => (g === "other" && i.vulnerableOther ? `${VULNERABLE_GROUP_LABELS[g]}: ${i.vulnerableOther}` : VULNERABLE_GROUP_LABELS[g])).join(", ")
      : "—"],
    ["Approximate numbers", `${i.approxSubjects.toLocaleString()} people, ${i.approxRecords.toLocaleString()} records`],
    ["Ease of identification", EASE_LABELS[i.easeOfIdentification]],
    ...(i.credentialsOpen ? [["What the credentials open", ENISA_KIND_LABELS[i.credentialsOpen]] as [string, ReactNode]] : []),
    ["Context adjustments", i.contextAdjustments.length
      ? <ul className="records">{i.contextAdjustments.map((x) => <li key={x.factor}>{DPC_FACTOR_LABELS[x.factor]} {signed(x.delta)}: {x.reason}</li>)}</ul>
      : "None (the facts decide)"],
    ["Breach began", i.occurredAt ? formatDateTime(i.occurredAt) : "—"],
    ["Breach ended", i.ceasedAt ? formatDateTime(i.ceasedAt) : "—"],
    ["Where the data is now", i.dataLocation || "—"],
    ["Countries where the people live", i.subjectCountries?.join(", ") || "—"],
    ["What happened", i.summary ? <span className="prewrap">{i.summary}</span> : "—"],
    ["Likely consequences", i.likelyConsequences ? <span className="prewrap">{i.likelyConsequences}</span> : "—"],
  ];
  return (
    <dl className="facts">
      {rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
    </dl>
  );
}
