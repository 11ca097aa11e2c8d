import { useEffect, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { api, type Category, type User } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, useAnnounce } from "../components.js";
import { useTitle } from "../format.js";
import { alertsApi, type AlertSourceView } from "../alerts/api.js";
import { routingApi, type RoutingRuleView } from "./api.js";
import { RuleForm, type RuleInput } from "./RuleForm.js";
import { useSeverityLabels } from "./labels.js";
import "./routing.css";

/** Who may own an incident (as the server checks it). */
const OWNER_ROLES: string[] = ["admin", "manager", "responder", "privacy"];

interface Refs { sources: AlertSourceView[]; users: User[]; taxonomy: Category[] }

/** Administrators: the rules that route incoming alerts, evaluated top to bottom; the first that matches decides. */
export function RoutingRulesPage() {
  const { t } = useTranslation();
  useTitle(t("routing:rules.title"));
  const { can } = useAuth();
  const allowed = can("alertSource.manage");
  const announce = useAnnounce();
  const [rules, setRules] = useState<RoutingRuleView[] | null>(null);
  const [refs, setRefs] = useState<Refs>({ sources: [], users: [], taxonomy: [] });
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!allowed) return;
    routingApi.list().then((r) => setRules(r.items), setError);
  }, [allowed, attempt]);
  useEffect(() => {
    if (!allowed) return;
    void Promise.all([alertsApi.sources(), api.users(), api.taxonomy()]).then(
      ([s, u, tx]) => setRefs({ sources: s.items, users: u.items.filter((x) => x.active !== false && OWNER_ROLES.includes(x.role)), taxonomy: tx }),
      setError,
    );
  }, [allowed]);

  if (!allowed)
    return <div className="page narrow"><h1>{t("routing:rules.title")}</h1><p className="alert alert-info">{t("routing:adminsOnly")}</p></div>;

  const act = async (fn: () => Promise<unknown>, said: string) => {
    setError(null);
    try {
      await fn();
      announce(said);
      setAttempt((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };
  const move = (index: number, by: -1 | 1) => {
    if (!rules) return;
    const ids = rules.map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    void act(() => routingApi.reorder(ids), t("routing:rules.moved", { name: rules[index].name }));
  };
  const save = (rule: RoutingRuleView | null) => async (input: RuleInput) => {
    if (rule) await routingApi.update(rule.id, input);
    else await routingApi.create(input);
    announce(t("routing:rules.saved", { name: input.name }));
    setEditing(null);
    setAttempt((n) => n + 1);
  };

  return (
    <div className="page">
      <div className="page-head"><h1>{t("routing:rules.title")}</h1><AdminLinks /></div>
      <p className="lead">{t("routing:rules.lead")}</p>
      <ErrorMessage error={error} />
      <section className="card" aria-labelledby="rules-title">
        <h2 id="rules-title">{t("routing:rules.listTitle")}</h2>
        {!rules ? <p className="muted loading">{t("routing:loading")}</p> : rules.length === 0 ? <p className="muted">{t("routing:rules.none")}</p> : (
          <ol className="routing-rules">
            {rules.map((r, i) => (
              <li key={r.id} className="routing-rule">
                {editing === r.id ? (
                  <RuleForm rule={r} {...refs} onSave={save(r)} onCancel={() => setEditing(null)} />
                ) : (
                  <RuleSummary rule={r} refs={refs} actions={
                    <div className="alert-actions">
                      <button type="button" className="secondary" disabled={i === 0} onClick={() => move(i, -1)}>{t("routing:rules.up")}</button>
                      <button type="button" className="secondary" disabled={i === rules.length - 1} onClick={() => move(i, 1)}>{t("routing:rules.down")}</button>
                      <button type="button" className="secondary" onClick={() => setEditing(r.id)}>{t("routing:rules.edit")}</button>
                      <button type="button" className="secondary"
                        onClick={() => act(() => routingApi.update(r.id, { enabled: !r.enabled }), r.enabled ? t("routing:disabled") : t("routing:enabled"))}>
                        {r.enabled ? t("routing:disable") : t("routing:enable")}
                      </button>
                      <button type="button" className="secondary"
                        onClick={() => window.confirm(t("routing:rules.confirmDelete", { name: r.name })) && act(() => routingApi.remove(r.id), t("routing:rules.deleted", { name: r.name }))}>
                        {t("routing:rules.delete")}
                      </button>
                    </div>
                  } />
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <RuleForm rule={null} {...refs} onSave={save(null)} />
    </div>
  );
}

function RuleSummary({ rule, refs, actions }: { rule: RoutingRuleView; refs: Refs; actions: ReactNode }) {
  const { t } = useTranslation();
  const severities = useSeverityLabels();
  const conditions = [
    ...rule.labels.map((m) => (m.op === "exists" ? t("routing:summary.exists", { label: m.label }) : t(`routing:summary.${m.op}`, { label: m.label, value: m.value }))),
    ...(rule.sourceIds.length ? [t("routing:summary.sources", { names: rule.sourceIds.map((id) => refs.sources.find((s) => s.id === id)?.name ?? id).join(", ") })] : []),
    ...(rule.alertSeverities.length ? [t("routing:summary.alertSeverities", { list: rule.alertSeverities.map((s) => severities[s]).join(", ") })] : []),
  ];
  const sets = [
    rule.severity ? t("routing:summary.severity", { severity: severities[rule.severity] }) : null,
    rule.category ? t("routing:summary.category", { category: refs.taxonomy.find((c) => c.id === rule.category)?.label ?? rule.category }) : null,
    rule.ownerId ? t("routing:summary.owner", { owner: refs.users.find((u) => u.id === rule.ownerId)?.name ?? rule.ownerId }) : null,
  ].filter(Boolean);
  return (
    <div className="alert-row">
      <div>
        <h3 className="alert-title">{rule.name}{!rule.enabled && <> <span className="badge">{t("routing:disabled")}</span></>}</h3>
        <p>{conditions.length ? conditions.join(t("routing:summary.and")) : t("routing:summary.every")}</p>
        <p>{sets.length ? sets.join("; ") : t("routing:summary.setsNothing")}</p>
        <p>{rule.autoCreate.length
          ? t("routing:summary.autoCreate", { list: rule.autoCreate.map((s) => severities[s]).join(", ") })
          : t("routing:summary.queue")}</p>
      </div>
      {actions}
    </div>
  );
}

/** Links between the administrators' alerting pages. */
export function AdminLinks() {
  const { t } = useTranslation();
  return (
    <nav className="alert-actions" aria-label={t("routing:nav.label")}>
      <Link to="/alerts" className="button secondary">{t("routing:nav.queue")}</Link>
      <Link to="/alert-sources" className="button secondary">{t("routing:nav.sources")}</Link>
      <Link to="/routing-rules" className="button secondary">{t("routing:nav.rules")}</Link>
      <Link to="/probes" className="button secondary">{t("routing:nav.probes")}</Link>
      <Link to="/webhooks" className="button secondary">{t("routing:nav.webhooks")}</Link>
    </nav>
  );
}
