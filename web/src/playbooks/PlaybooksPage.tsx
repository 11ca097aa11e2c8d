import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";
import { PLAYBOOK_LANGUAGES, type PlaybookList, type PlaybookView } from "../../../shared/schemas/playbook.js";
import { request } from "../api.js";
import { ErrorMessage } from "../components.js";
import { useTitle } from "../format.js";

/** The administrators' list of playbooks, per kind and language, with what is retired. */
export function PlaybooksPage() {
  const { t } = useTranslation();
  useTitle(t("playbooks:title"));
  const [language, setLanguage] = useState("");
  const [items, setItems] = useState<PlaybookView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const q = language ? `?language=${language}` : "";
    request<z.infer<typeof PlaybookList>>("GET", `/api/playbooks${q}`).then((r) => { setItems(r.items); setError(null); }, setError);
  }, [language]);
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("playbooks:title")}</h1>
        <Link className="button primary" to="/playbooks/new">{t("playbooks:new")}</Link>
      </div>
      <p className="lead">{t("playbooks:lead")}</p>
      <label className="inline">{t("playbooks:filterLanguage")}
        <select value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="">{t("playbooks:allLanguages")}</option>
          {PLAYBOOK_LANGUAGES.map((l) => <option key={l} value={l}>{t(`common:languageNames.${l}`)}</option>)}
        </select>
      </label>
      <ErrorMessage error={error} />
      {items === null && !error && <p className="muted loading" role="status">{t("playbooks:loading")}</p>}
      {items?.length === 0 && <p className="muted">{t("playbooks:empty")}</p>}
      {items && items.length > 0 && (
        <table className="playbooks">
          <thead>
            <tr>
              <th scope="col">{t("playbooks:column.title")}</th>
              <th scope="col">{t("playbooks:column.kind")}</th>
              <th scope="col">{t("playbooks:column.language")}</th>
              <th scope="col">{t("playbooks:column.tasks")}</th>
              <th scope="col">{t("playbooks:column.status")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id} className={p.retired ? "muted" : undefined}>
                <th scope="row"><Link to={`/playbooks/${p.id}`}>{p.title}</Link></th>
                <td className="mono">{p.kind}</td>
                <td>{t(`common:languageNames.${p.language}`)}</td>
                <td>{p.tasks.length}</td>
                <td>
                  {t(p.retired ? "playbooks:status.retired" : "playbooks:status.active")}
                  {p.builtIn && <> · {t("playbooks:status.builtIn")}</>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
