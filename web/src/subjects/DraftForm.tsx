import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Checks } from "./Checks.js";
import { ErrorMessage, fieldError, useAnnounce } from "../components.js";
import { AUDIENCE_LABELS, LANGUAGE_LABELS, VARIANT_LABELS, subjectsApi, type Audience, type KitController, type Language, type SubjectKit, type Variant } from "./api.js";

/** Choose audiences, variants and languages and draft the texts (from the templates, with the current facts). */
export function DraftForm({ incidentId, controller, onDrafted }: { incidentId: string; controller: KitController; onDrafted(kit: SubjectKit): void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [audiences, setAudiences] = useState<Audience[]>(["general"]);
  const [variants, setVariants] = useState<Variant[]>(["individual"]);
  const [languages, setLanguages] = useState<Language[]>([controller.language]);
  const [overwriteEdited, setOverwrite] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await subjectsApi.draft(incidentId, { organizationId: controller.id, audiences, variants, languages, overwriteEdited });
      setKept(r.kept.length);
      onDrafted(r);
      announce(t("subjects:draft.drafted", { count: r.drafted.length }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack subject-draft" noValidate onSubmit={submit} aria-label={t("subjects:draft.formLabel")}>
      <Checks legend={t("subjects:draft.audiences")} name="audiences" labels={AUDIENCE_LABELS} values={audiences} onChange={setAudiences} error={fieldError(error, "audiences")} />
      <Checks legend={t("subjects:draft.variants")} name="variants" labels={VARIANT_LABELS} values={variants} onChange={setVariants} error={fieldError(error, "variants")} />
      <Checks legend={t("subjects:draft.languages", { name: controller.name, language: LANGUAGE_LABELS[controller.language] })} name="languages" labels={LANGUAGE_LABELS} values={languages} onChange={setLanguages} error={fieldError(error, "languages")} />
      <label className="check">
        <input type="checkbox" checked={overwriteEdited} onChange={(e) => setOverwrite(e.target.checked)} />
        <span>{t("subjects:draft.overwrite")}</span>
      </label>
      <div aria-live="assertive"><ErrorMessage error={error} /></div>
      {kept > 0 && <p className="hint">{t("subjects:draft.kept", { count: kept })}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !audiences.length || !variants.length || !languages.length}>
          {busy ? t("subjects:draft.drafting") : t("subjects:draft.submit")}
        </button>
      </div>
    </form>
  );
}
