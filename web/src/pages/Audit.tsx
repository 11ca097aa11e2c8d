import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import type { z } from "zod";
import { useTranslation } from "react-i18next";
import i18next from "i18next";
import { api, ApiError, request, type User } from "../api.js";
import type { AuditPage as AuditPageSchema } from "../../../shared/schemas/audit.js";
import type { Organization } from "../breach/types.js";
import { PagedStatus, PagedTable, usePaged } from "../paging.js";
import { useAuth } from "../auth.js";
import { ErrorMessage } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { currentLanguage } from "../i18n.js";

const PAGE_SIZE = 50;
const HASH_OK = { background: "var(--ok-soft)", color: "var(--ok)" };
const HASH_BAD = { background: "var(--danger)", color: "#fff" };
/** The URL's search parameters that filter GET /api/audit (shared/schemas/audit.ts ListAuditQuery). */
const FILTERS = ["actorId", "action", "incidentId", "organizationId", "from", "to"] as const;
type Filter = Partial<Record<(typeof FILTERS)[number], string>>;

type Verification = NonNullable<z.infer<typeof AuditPageSchema>["verification"]>;
type Verify = { state: "idle" | "checking" } | { state: "done"; result: Verification } | { state: "error"; error: unknown };

function auditUrl(f: Filter & { limit?: number; cursor?: string; verify?: "true" }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, String(v));
  return `/api/audit?${q}`;
}
const search = (f: Filter, cursor?: string, signal?: AbortSignal) =>
  request<z.infer<typeof AuditPageSchema>>("GET", auditUrl({ ...f, limit: PAGE_SIZE, cursor }), undefined, { signal });
// verify=true re-computes the whole chain; one entry is enough to carry the answer.
const verifyChain = async (): Promise<Verification> => {
  const { verification } = await request<z.infer<typeof AuditPageSchema>>("GET", auditUrl({ limit: 1, verify: "true" }));
  if (!verification) throw new ApiError(500, i18next.t("admin:audit.noVerification"));
  return verification;
};

/** A day (YYYY-MM-DD) as the instant its local day starts, or the next day's start for an inclusive end. */
function dayStart(d: string | undefined, next = false): string | undefined {
  if (!d) return undefined;
  const t = new Date(`${d}T00:00`);
  if (Number.isNaN(t.getTime())) return undefined;
  if (next) t.setDate(t.getDate() + 1);
  return t.toISOString();
}

export function AuditPage() {
  const { t } = useTranslation();
  useTitle(t("admin:audit.title"));
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const allowed = can("audit.read");
  const filter: Filter = Object.fromEntries(FILTERS.map((k): [string, string | undefined] => [k, params.get(k) ?? undefined]).filter(([, v]) => v));
  const apiFilter: Filter = { ...filter, from: dayStart(filter.from), to: dayStart(filter.to, true) };
  const key = JSON.stringify(apiFilter);
  const { load, loadMore, retry } = usePaged(key, (cursor, signal) => search(JSON.parse(key) as Filter, cursor, signal), allowed);
  const [verify, setVerify] = useState<Verify>({ state: "idle" });
  const [users, setUsers] = useState<User[]>([]);
  const [orgs, setOrgs] = useState<Organization[]>([]);

  const runVerify = useCallback(async () => {
    setVerify({ state: "checking" });
    try {
      setVerify({ state: "done", result: await verifyChain() });
    } catch (error) {
      setVerify({ state: "error", error });
    }
  }, []);
  useEffect(() => {
    if (!allowed) return;
    void runVerify();
    api.users().then((r) => setUsers(r.items), () => setUsers([]));
    api.organizations().then((r) => setOrgs(r.items), () => setOrgs([]));
  }, [allowed, runVerify]);

  if (!allowed)
    return (
      <div className="page narrow">
        <h1>{t("admin:audit.title")}</h1>
        <p className="alert alert-info">{t("admin:audit.notAllowed")}</p>
      </div>
    );

  const apply = (next: Filter) => setParams(new URLSearchParams(Object.entries(next).filter(([, v]) => v) as [string, string][]), { replace: true });
  const firstInvalid = verify.state === "done" ? verify.result.firstInvalidId : undefined;
  const target = (type: string) => t(`admin:audit.targets.${type}`, { defaultValue: type.replaceAll("_", " ") });

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("admin:audit.title")}</h1>
      </div>

      <section className="card verify" aria-labelledby="verify-title">
        <h2 id="verify-title">{t("admin:audit.verifyTitle")}</h2>
        <p className="hint">{t("admin:audit.verifyHint")}</p>
        <div aria-live="polite" className="verify-result" data-testid="verify-result">
          {verify.state === "checking" && <p className="muted">{t("admin:audit.checking")}</p>}
          {verify.state === "error" && <ErrorMessage error={verify.error} title={t("admin:audit.verifyFailed")} />}
          {verify.state === "done" && (
            verify.result.valid ? (
              <p><span className="badge verify-valid">{t("admin:audit.intact")}</span> {t("admin:audit.allVerified", { count: verify.result.entries, n: verify.result.entries.toLocaleString(currentLanguage()) })}{" "}
                <span className="hint">{t("admin:audit.checkedAt", { at: formatDateTime(verify.result.checkedAt) })}</span></p>
            ) : (
              <p>
                <span className="badge verify-invalid">{t("admin:audit.broken")}</span>{" "}
                {verify.result.firstInvalidId
                  ? t("admin:audit.brokenAt", { id: verify.result.firstInvalidId, count: verify.result.entries, n: verify.result.entries.toLocaleString(currentLanguage()) })
                  : t("admin:audit.brokenAtEnd", { count: verify.result.entries, n: verify.result.entries.toLocaleString(currentLanguage()) })}
                {verify.result.firstInvalidId && <> <button type="button" className="link-button" onClick={() => apply({})}>{t("admin:audit.showNewest")}</button></>}
              </p>
            )
          )}
        </div>
        <button type="button" className="secondary" onClick={() => void runVerify()} disabled={verify.state === "checking"}>{t("admin:audit.verify")}</button>
      </section>

      <AuditFilters filter={filter} users={users} orgs={orgs} apply={apply} />

      <PagedStatus load={load} retry={retry} what={t("admin:audit.what")} empty={<p>{Object.keys(filter).length ? t("admin:audit.noMatch") : t("admin:audit.empty")}</p>} />

      <PagedTable load={load} loadMore={loadMore} caption={t("admin:audit.caption")} className="audit"
        columns={["#", ...["when", "who", "what", "target", "change", "hash"].map((c) => t(`admin:audit.columns.${c}`))]}
        end={(n) => t("admin:audit.end", { count: n })}>
        {(e) => (
          <tr key={e.id} className={firstInvalid === e.id || !e.hashVerified ? "invalid" : undefined}>
            <td className="mono">{e.id}</td>
            <td className="nowrap"><time dateTime={e.at}>{formatDateTime(e.at)}</time></td>
            <td>{e.actorLabel}</td>
            <td className="mono">{e.action}</td>
            <td>{e.incidentId ? <Link to={`/incidents/${e.incidentId}`}>{target(e.targetType)}</Link> : target(e.targetType)}</td>
            <td><Change before={e.before} after={e.after} /></td>
            <td className="mono hash">
              <span title={e.hash}>{e.hash.slice(0, 12)}…</span>{" "}
              {e.hashVerified
                ? <span className="badge hash-ok" style={HASH_OK} title={t("admin:audit.matchesTitle")}>✓ {t("admin:audit.matches")}</span>
                : <span className="badge hash-bad" style={HASH_BAD} title={t("admin:audit.alteredTitle")}>✗ {t("admin:audit.altered")}</span>}
            </td>
          </tr>
        )}
      </PagedTable>
    </div>
  );
}

function AuditFilters({ filter, users, orgs, apply }: { filter: Filter; users: User[]; orgs: Organization[]; apply(f: Filter): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filter>(filter);
  const [incidentRef, setIncidentRef] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const filterKey = JSON.stringify(filter);
  useEffect(() => { setDraft(JSON.parse(filterKey) as Filter); }, [filterKey]);
  // The incident filter shows the reference people know, not the id in the URL.
  const [incidentLabel, setIncidentLabel] = useState<string | null>(null);
  useEffect(() => {
    setIncidentLabel(null);
    if (!draft.incidentId) return;
    let live = true;
    api.getIncident(draft.incidentId).then((i) => live && setIncidentLabel(i.reference), () => { /* the link still works */ });
    return () => { live = false; };
  }, [draft.incidentId]);
  const set = (k: keyof Filter, v: string) => setDraft((d) => ({ ...d, [k]: v || undefined }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (draft.from && draft.to && draft.from > draft.to) return setProblem(t("admin:audit.daysReversed"));
    let incidentId = draft.incidentId;
    const ref = incidentRef.trim();
    if (ref) {
      // Found by its reference (what people know), filtered by its id (what the log stores).
      const hit = (await api.listIncidents({ q: ref, limit: 10 }).catch(() => ({ items: [] }))).items.find((i) => i.reference.toLowerCase() === ref.toLowerCase());
      if (!hit) return setProblem(t("admin:audit.noSuchIncident", { ref }));
      incidentId = hit.id;
      setIncidentRef("");
    }
    apply({ ...draft, incidentId });
  };

  return (
    <form className="filters audit-filters" role="search" aria-label={t("admin:audit.searchLabel")} onSubmit={(e) => void submit(e)} noValidate
      style={{ gridTemplateColumns: "repeat(auto-fit, minmax(10rem, 1fr))" }}>
      <div className="field">
        <label htmlFor="audit-actor">{t("admin:audit.columns.who")}</label>
        <select id="audit-actor" value={draft.actorId ?? ""} onChange={(e) => set("actorId", e.target.value)}>
          <option value="">{t("admin:audit.anyone")}</option>
          {users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-action">{t("admin:audit.action")}</label>
        <input id="audit-action" type="text" placeholder={t("admin:audit.actionPlaceholder")} value={draft.action ?? ""} onChange={(e) => set("action", e.target.value.trim())} />
      </div>
      <div className="field">
        <label htmlFor="audit-incident">{t("admin:audit.incident")}</label>
        {draft.incidentId ? (
          <p className="inline">
            <Link to={`/incidents/${draft.incidentId}`} className="mono">{incidentLabel ?? t("admin:audit.oneIncident")}</Link>
            <button type="button" className="link-button" onClick={() => set("incidentId", "")}>{t("admin:audit.anyIncident")}</button>
          </p>
        ) : (
          <input id="audit-incident" type="text" placeholder={t("admin:audit.reference")} value={incidentRef} onChange={(e) => setIncidentRef(e.target.value)} />
        )}
      </div>
      <div className="field">
        <label htmlFor="audit-org">{t("admin:audit.organisation")}</label>
        <select id="audit-org" value={draft.organizationId ?? ""} onChange={(e) => set("organizationId", e.target.value)}>
          <option value="">{t("admin:audit.any")}</option>
          {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-from">{t("admin:audit.from")}</label>
        <input id="audit-from" type="date" value={draft.from ?? ""} onChange={(e) => set("from", e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="audit-to">{t("admin:audit.to")}</label>
        <input id="audit-to" type="date" value={draft.to ?? ""} onChange={(e) => set("to", e.target.value)} />
      </div>
      <div className="inline">
        <button type="submit" className="primary">{t("admin:audit.search")}</button>
        {Object.keys(filter).length > 0 && <button type="button" className="link-button" onClick={() => apply({})}>{t("admin:clearFilters")}</button>}
      </div>
      {problem && <p className="field-error" role="alert" style={{ gridColumn: "1 / -1" }}>{problem}</p>}
    </form>
  );
}

function Change({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  if (before == null && after == null) return <span className="muted">—</span>;
  return (
    <details className="change">
      <summary>{t("admin:audit.show")}</summary>
      {before != null && <><p className="muted">{t("admin:audit.before")}</p><pre>{JSON.stringify(before, null, 2)}</pre></>}
      {after != null && <><p className="muted">{t("admin:audit.after")}</p><pre>{JSON.stringify(after, null, 2)}</pre></>}
    </details>
  );
}
