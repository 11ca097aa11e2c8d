import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, fieldError } from "../components.js";
import { noticesApi } from "./api.js";
import { useLanguageLabel } from "./labels.js";
import type { Controller } from "./useNotices.js";
import { useRun } from "./useRun.js";

const toInput = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));
const fromInput = (s: string) => (s.trim() === "" ? null : Number(s));

/**
 * Each affected controller's own share of the breach: its notices tell these numbers, never the
 * incident's total (a school must not learn how many pupils of another school were affected).
 */
export function ControllerNumbers({ incidentId, controllers, readOnly, onSaved }: {
  incidentId: string;
  controllers: Controller[];
  readOnly: boolean;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="notice-numbers">
        <caption className="visually-hidden">{t("notices:numbers.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("notices:numbers.controller")}</th>
            <th scope="col">{t("notices:numbers.language")}</th>
            <th scope="col">{t("notices:numbers.people")}</th>
            <th scope="col">{t("notices:numbers.records")}</th>
            <th scope="col"><span className="visually-hidden">{t("notices:numbers.save")}</span></th>
          </tr>
        </thead>
        <tbody>
          {controllers.map((c) => (
            <NumbersRow key={`${c.id}:${c.approxSubjects ?? ""}:${c.approxRecords ?? ""}`} incidentId={incidentId} controller={c} readOnly={readOnly} onSaved={onSaved} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NumbersRow({ incidentId, controller: c, readOnly, onSaved }: { incidentId: string; controller: Controller; readOnly: boolean; onSaved(): void }) {
  const { t } = useTranslation();
  const languageLabel = useLanguageLabel();
  const [subjects, setSubjects] = useState(toInput(c.approxSubjects));
  const [records, setRecords] = useState(toInput(c.approxRecords));
  const { busy, error, run } = useRun();
  const dirty = subjects !== toInput(c.approxSubjects) || records !== toInput(c.approxRecords);
  const formId = `numbers-${c.id}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => noticesApi.setNumbers(incidentId, c.id, { approxSubjects: fromInput(subjects), approxRecords: fromInput(records) }), t("notices:numbers.saved", { name: c.name }));
    if (r) onSaved();
  };
  const input = (label: "notices:numbers.peopleFor" | "notices:numbers.recordsFor", value: string, set: (v: string) => void, field: string) => (
    <>
      <input type="number" min={0} step={1} inputMode="numeric" value={value} form={formId} disabled={readOnly || busy}
        aria-label={t(label, { name: c.name })} onChange={(e) => set(e.target.value)}
        aria-invalid={fieldError(error, field) ? true : undefined} />
      {fieldError(error, field) && <p className="field-error">{fieldError(error, field)}</p>}
    </>
  );
  return (
    <tr>
      <th scope="row">{c.name}</th>
      <td>{languageLabel(c.language)}</td>
      <td>{input("notices:numbers.peopleFor", subjects, setSubjects, "approxSubjects")}</td>
      <td>{input("notices:numbers.recordsFor", records, setRecords, "approxRecords")}</td>
      <td>
        {!readOnly && (
          <form id={formId} onSubmit={submit} noValidate>
            <button type="submit" className="small secondary" disabled={busy || !dirty} aria-label={t("notices:numbers.saveFor", { name: c.name })}>
              {busy ? t("notices:numbers.saving") : t("notices:numbers.save")}
            </button>
          </form>
        )}
        {error && !fieldError(error, "approxSubjects") && !fieldError(error, "approxRecords") ? <ErrorMessage error={error} /> : null}
      </td>
    </tr>
  );
}
