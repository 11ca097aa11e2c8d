import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError } from "../api.js";
import { ErrorMessage, Field } from "../components.js";
import { LANGUAGES } from "../../../shared/i18n/index.js";
import type { VendorSettingsBody } from "../../../shared/schemas/setup.js";
import { peopleApi } from "../people/peopleApi.js";
import { countryOptions, languageForCountry, timeZones } from "./options.js";

const FIELDS = ["name", "country", "language", "timeZone", "mailFrom", "publicUrl"] as const;
type FieldName = (typeof FIELDS)[number];

/** First run (and later changes): the vendor's name, country, language, time zone, mail sender and public URL. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState<VendorSettingsBody | null>(null);
  const [firstRun, setFirstRun] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    peopleApi.settings().then(({ saved, ...values }) => {
      setFirstRun(!saved);
      // Before set-up the name is only the host's: leave it for the admin to write.
      setForm(saved ? values : { ...values, name: "", publicUrl: window.location.origin });
    }, setFailure);
  }, []);

  if (!form) return <div className="page narrow">{failure ? <ErrorMessage error={failure} /> : <p className="muted loading">{t("setup:loading")}</p>}</div>;
  const set = (field: FieldName, value: string) => setForm({ ...form, [field]: value, ...(field === "country" ? { language: languageForCountry(value) } : {}) } as VendorSettingsBody);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = Object.fromEntries(FIELDS.filter((f) => !String(form[f]).trim()).map((f) => [f, t("setup:required", { field: t(`setup:fields.${f}`) })]));
    setErrors(missing);
    setFailure(null);
    if (Object.keys(missing).length) return;
    try {
      await peopleApi.saveSettings(form);
      setDone(true);
      if (firstRun) void navigate("/people");
    } catch (err) {
      const issues = err instanceof ApiError ? err.issues : [];
      if (issues.length) setErrors(Object.fromEntries(issues.map((i) => [i.field, t(`setup:invalid.${i.field}`)])));
      else setFailure(err);
    }
  };

  const field = (name: FieldName, input: (p: { id: string }) => React.ReactNode, hint?: string) => (
    <Field label={`${t(`setup:fields.${name}`)} *`} hint={hint} error={errors[name]}>{input}</Field>
  );
  return (
    <div className="page narrow">
      <h1>{firstRun ? t("setup:firstRunTitle") : t("setup:title")}</h1>
      {firstRun && <p>{t("setup:intro")}</p>}
      <p className="hint">{t("setup:requiredMarked")}</p>
      <form onSubmit={submit} noValidate>
        {field("name", (p) => <input {...p} name="name" required value={form.name} onChange={(e) => set("name", e.target.value)} />)}
        {field("country", (p) => (
          <select {...p} name="country" required value={form.country} onChange={(e) => set("country", e.target.value)}>
            {countryOptions(i18n.language).map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
          </select>
        ))}
        {field("language", (p) => (
          <select {...p} name="language" required value={form.language} onChange={(e) => set("language", e.target.value)}>
            {LANGUAGES.map((l) => <option key={l} value={l}>{t(`setup:languages.${l}`)}</option>)}
          </select>
        ), t("setup:hints.language"))}
        {field("timeZone", (p) => (
          <select {...p} name="timeZone" required value={form.timeZone} onChange={(e) => set("timeZone", e.target.value)}>
            {timeZones().map((z) => <option key={z} value={z}>{z.replace(/_/g, " ")}</option>)}
          </select>
        ))}
        {field("mailFrom", (p) => <input {...p} name="mailFrom" required value={form.mailFrom} onChange={(e) => set("mailFrom", e.target.value)} />, t("setup:hints.mailFrom"))}
        {field("publicUrl", (p) => <input {...p} name="publicUrl" type="url" required value={form.publicUrl} onChange={(e) => set("publicUrl", e.target.value)} />, t("setup:hints.publicUrl"))}
        {failure !== null && <ErrorMessage error={failure} />}
        {done && <p role="status" className="alert alert-success">{t("setup:saved")}</p>}
        <button type="submit">{t("setup:save")}</button>
      </form>
    </div>
  );
}
