import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { Section, fieldError } from "../components.js";
import { useDraftForm, useIncident } from "../incident/context.js";
import { FormFooter, ReadOnlyNote } from "../incident/sections.js";
import type { Organization, ProposedOrganization } from "./types.js";

/** Which controllers' data the incident touched; proposals come from the affected systems. */
export function AffectedOrganizationsSection({ organizations, proposed, affected, onSaved }: {
  organizations: Organization[];
  proposed: ProposedOrganization[];
  affected: string[];
  onSaved(ids: string[]): void;
}) {
  const { t } = useTranslation();
  const { incident } = useIncident();
  const { can } = useAuth();
  const why = new Map(proposed.map((p) => [p.organization.id, p.systems]));
  // Nothing marked yet: start from the proposals.
  const initial = affected.length > 0 ? affected : proposed.map((p) => p.organization.id);
  const f = useDraftForm({ ids: [...initial].sort() });
  const readOnly = incident.status === "closed" ? t("breach:affected.closed") : !can("breach.assess") ? t("breach:affected.roleCannot") : null;
  const unsavedProposal = affected.length === 0 && proposed.length > 0;

  const toggle = (id: string, on: boolean) => f.update({ ids: on ? [...f.draft.ids, id].sort() : f.draft.ids.filter((x) => x !== id) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ids = f.draft.ids;
    void f.submit(async (i) => {
      const r = await api.setAffectedOrganizations(i.id, ids);
      onSaved(r.organizationIds);
      return api.getIncident(i.id);
    }, t("breach:affected.saved"));
  };

  const name = (o: Organization) => (o.self ? t("breach:affected.self", { name: o.name }) : o.name);

  return (
    <Section id="affected-organizations" title={t("breach:affected.title")}>
      <p className="section-lead">
        {t("breach:affected.lead")}
      </p>
      {readOnly ? (
        <>
          {affected.length ? (
            <ul className="records">{organizations.filter((o) => affected.includes(o.id)).map((o) => <li key={o.id}>{name(o)}</li>)}</ul>
          ) : <p className="muted">{t("breach:affected.noneMarked")}</p>}
          <ReadOnlyNote reason={readOnly} />
        </>
      ) : organizations.length === 0 ? (
        <p className="muted">{t("breach:affected.noOrganizations")}</p>
      ) : (
        <form className="stack" noValidate onSubmit={submit}>
          {unsavedProposal && (
            <p className="alert alert-info">{t("breach:affected.preMarked")}</p>
          )}
          <fieldset className="checkbox-group" aria-describedby={fieldError(f.error, "organizationIds") ? "affected-error" : undefined}>
            <legend>{t("breach:affected.legend")}</legend>
            <ul className="checks">
              {organizations.map((o) => {
                const systems = why.get(o.id);
                const hintId = `affected-why-${o.id}`;
                return (
                  <li key={o.id}>
                    <label className="check">
                      <input type="checkbox" checked={f.draft.ids.includes(o.id)} onChange={(e) => toggle(o.id, e.target.checked)}
                        aria-describedby={systems ? hintId : undefined} />
                      <span>{name(o)}</span>
                    </label>
                    {systems && (
                      <p className="hint check-hint" id={hintId}>
                        {t("breach:affected.proposed", { systems: systems.join(", ") })}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
            {fieldError(f.error, "organizationIds") && <p className="field-error" id="affected-error">{fieldError(f.error, "organizationIds")}</p>}
          </fieldset>
          <FormFooter f={f} label={t("breach:affected.save")} />
        </form>
      )}
    </Section>
  );
}
