import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { PerLanguageText, StatusServiceView } from "../../../shared/schemas/status.js";
import { LANGUAGES } from "../../../shared/i18n/index.js";
import { localized } from "../../../shared/status/localized.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, useAnnounce } from "../components.js";
import { currentLanguage } from "../i18n.js";
import { statusApi } from "./api.js";

/** The services shown on the public status page (administrators keep the list; names in sv, nb and en). */
export function StatusServicesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const announce = useAnnounce();
  const [items, setItems] = useState<z.infer<typeof StatusServiceView>[]>([]);
  const [names, setNames] = useState<PerLanguageText>({ sv: "", nb: "", en: "" });
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => statusApi.services().then((r) => setItems(r.items), setError), []);
  useEffect(() => { void reload(); }, [reload]);
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setError(null);
      announce(t("status:services.saved"));
      await reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <main className="page">
      <h1>{t("status:services.title")}</h1>
      <p className="hint">{t("status:services.hint")} <a href={`/status?lang=${currentLanguage()}`}>{t("status:staff.open")}</a></p>
      <ul>
        {items.map((s) => (
          <li key={s.id}>
            {localized(s.names, currentLanguage())} {s.archived && <span className="muted">({t("status:services.archived")})</span>}{" "}
            {can("status.manage") && (
              <button type="button" className="link" onClick={() => void act(() => statusApi.updateService(s.id, { archived: !s.archived }))}>
                {s.archived ? t("status:services.restore") : t("status:services.archive")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {can("status.manage") && (
        <form onSubmit={(e) => { e.preventDefault(); void act(() => statusApi.addService({ names, position: items.length })); }} noValidate>
          <h2>{t("status:services.add")}</h2>
          {LANGUAGES.map((l) => (
            <Field key={l} label={t(`status:languageNames.${l}`)}>
              {(p) => <input {...p} name={`name-${l}`} value={names[l] ?? ""} onChange={(e) => setNames({ ...names, [l]: e.target.value })} />}
            </Field>
          ))}
          <button type="submit">{t("status:services.submit")}</button>
        </form>
      )}
      <ErrorMessage error={error} />
    </main>
  );
}
