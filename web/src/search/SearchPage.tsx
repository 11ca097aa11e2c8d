import { useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { INCIDENT_STATUSES } from "../../../shared/lifecycle.js";
import type { Highlighted, SearchHit } from "../../../shared/schemas/search.js";
import { api, type SearchFilter } from "../api.js";
import { useAuth } from "../auth.js";
import { currentLanguage } from "../i18n.js";
import { PersonalDataBadge, SeverityBadge, StatusBadge } from "../components.js";
import { formatDate, useTitle } from "../format.js";

const SEVERITIES = ["low", "medium", "high", "critical"] as const;
const BREACH = ["yes", "no", "unknown"] as const;
const FILTERS = ["status", "severity", "breach", "organization", "from", "to"] as const;
const PAGE = 20;

/** Runs of text with the hits marked: React text nodes only, so nothing in an incident's text is read as HTML. */
export function Marked({ runs }: { runs: Highlighted }) {
  return <>{runs.map((r, i) => (r.hit ? <mark key={i}>{r.text}</mark> : <span key={i}>{r.text}</span>))}</>;
}

type Load = { state: "idle" } | { state: "loading" } | { state: "failed"; error: string } | { state: "done"; items: SearchHit[]; nextOffset: number | null };

export function SearchPage() {
  const { t } = useTranslation();
  useTitle(t("search:title"));
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [text, setText] = useState(q);
  const [load, setLoad] = useState<Load>({ state: "idle" });
  const [orgs, setOrgs] = useState<{ id: string; name: string }[]>([]);
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Partial<SearchFilter>;
  const key = JSON.stringify({ q, ...filter });

  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (can("organization.read")) api.organizations().then((r) => setOrgs(r.items), () => setOrgs([]));
  }, [can]);

  const fetchPage = (offset: number, signal?: AbortSignal) =>
    api.search({ ...(JSON.parse(key) as SearchFilter), language: currentLanguage(), limit: PAGE, offset }, signal);

  useEffect(() => {
    if (!q) return setLoad({ state: "idle" });
    const ctl = new AbortController();
    setLoad({ state: "loading" });
    fetchPage(0, ctl.signal).then(
      (page) => setLoad({ state: "done", ...page }),
      (err: unknown) => { if (!ctl.signal.aborted) setLoad({ state: "failed", error: (err as Error).message }); },
    );
    return () => ctl.abort();
    // fetchPage reads only `key`.
  }, [key]);

  const more = async () => {
    if (load.state !== "done" || load.nextOffset === null) return;
    try {
      const page = await fetchPage(load.nextOffset);
      setLoad({ state: "done", items: [...load.items, ...page.items], nextOffset: page.nextOffset });
    } catch (err) {
      setLoad({ state: "failed", error: (err as Error).message });
    }
  };

  const set = (k: string, v: string) => setParams((prev) => {
    const p = new URLSearchParams(prev);
    if (v) p.set(k, v);
    else p.delete(k);
    return p;
  }, { replace: true });
  const submit = (e: FormEvent) => { e.preventDefault(); set("q", text.trim()); };
  const clear = () => setParams(q ? { q } : {}, { replace: true });

  return (
    <div className="page">
      <div className="page-head"><h1>{t("search:title")}</h1></div>
      <form className="filters" role="search" aria-label={t("search:label")} onSubmit={submit}>
        <div className="field wide">
          <label htmlFor="s-q">{t("search:label")}</label>
          <input id="s-q" type="search" maxLength={200} placeholder={t("search:placeholder")} value={text} aria-describedby="s-hint"
            onChange={(e) => setText(e.target.value)} />
          <p id="s-hint" className="hint">{t("search:hint")}</p>
        </div>
        <button type="submit" className="button primary">{t("search:submit")}</button>
        <fieldset className="filters">
          <legend>{t("search:filters.legend")}</legend>
          <Choice id="s-status" label={t("search:filters.status")} value={filter.status ?? ""} onChange={(v) => set("status", v)}
            options={INCIDENT_STATUSES.map((s) => [s, t(`search:status.${s}`)])} />
          <Choice id="s-severity" label={t("search:filters.severity")} value={filter.severity ?? ""} onChange={(v) => set("severity", v)}
            options={SEVERITIES.map((s) => [s, t(`search:severity.${s}`)])} />
          <Choice id="s-breach" label={t("search:filters.breach")} value={filter.breach ?? ""} onChange={(v) => set("breach", v)}
            options={BREACH.map((s) => [s, t(`search:breach.${s}`)])} />
          {orgs.length > 0 && (
            <Choice id="s-org" label={t("search:filters.organization")} value={filter.organization ?? ""} onChange={(v) => set("organization", v)}
              options={orgs.map((o) => [o.id, o.name])} />
          )}
          <div className="field">
            <label htmlFor="s-from">{t("search:filters.from")}</label>
            <input id="s-from" type="date" value={filter.from ?? ""} onChange={(e) => set("from", e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="s-to">{t("search:filters.to")}</label>
            <input id="s-to" type="date" value={filter.to ?? ""} onChange={(e) => set("to", e.target.value)} />
          </div>
          <button type="button" className="button" onClick={clear}>{t("search:filters.clear")}</button>
        </fieldset>
      </form>
      <Results load={load} onMore={() => void more()} />
    </div>
  );
}

function Choice({ id, label, value, options, onChange }: {
  id: string; label: string; value: string; options: [string, string][]; onChange(v: string): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("search:filters.any")}</option>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </div>
  );
}

function Results({ load, onMore }: { load: Load; onMore(): void }) {
  const { t } = useTranslation();
  if (load.state === "idle") return null;
  if (load.state === "loading") return <p className="muted loading" role="status">{t("search:results.searching")}</p>;
  if (load.state === "failed") return <p className="error" role="alert">{t("search:results.failed", { error: load.error })}</p>;
  return (
    <section aria-labelledby="s-results">
      <h2 id="s-results">{t("search:results.heading")}</h2>
      {load.items.length === 0 ? <p role="status">{t("search:results.none")}</p> : (
        <ol className="search-hits">
          {load.items.map((hit) => (
            <li key={hit.id}>
              <h3><Link to={`/incidents/${hit.id}`}>{hit.reference}: <Marked runs={hit.title} /></Link></h3>
              <p className="meta">
                <StatusBadge status={hit.status} /> <SeverityBadge severity={hit.severity} /> <PersonalDataBadge value={hit.personalData} />{" "}
                {t("search:results.detected", { date: formatDate(hit.detectedAt) })}
                {hit.restricted && <> · {t("search:results.restricted")}</>}
              </p>
              {hit.snippet.length > 0 && <p className="snippet"><Marked runs={hit.snippet} /></p>}
            </li>
          ))}
        </ol>
      )}
      {load.nextOffset !== null && <button type="button" className="button" onClick={onMore}>{t("search:results.more")}</button>}
    </section>
  );
}
