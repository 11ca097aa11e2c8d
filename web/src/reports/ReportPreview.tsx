import type { AuthorityReport } from "./api.js";
import { reportJsonUrl, reportPdfUrl } from "./api.js";
import { useTranslation } from "react-i18next";

/** The report as it will be sent (as saved): one labelled block per field, and the downloads. */
export function ReportPreview({ report, dirty }: { report: AuthorityReport; dirty: boolean }) {
  const headingId = `preview-${report.id}-title`;
  // The document is in the report's language throughout, whatever language the reader uses.
  const { t, i18n } = useTranslation();
  const doc = i18n.getFixedT(report.language);
  return (
    <section className="report-preview" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("authority:preview.title")}</h3>
      {dirty && <p className="alert alert-warn">{t("authority:preview.dirty")}</p>}
      <article className="report-document" lang={report.language} aria-label={report.title}>
        <p className="muted">{report.authorityName}</p>
        <h4>{report.title}</h4>
        <p className="muted">{doc(`reports:document.phase.${report.phase}`)}</p>
        <dl className="report-blocks">
          {report.fields.map((f) => (
            <div key={f.key} className="report-block">
              <dt>{f.label}</dt>
              <dd className="prewrap">{f.value.trim() ? f.value : <span className="muted">{doc(f.required ? "reports:document.missing" : "reports:document.notGiven")}</span>}</dd>
            </div>
          ))}
        </dl>
      </article>
      <p className="form-actions">
        <a className="button secondary" href={reportPdfUrl(report.id)} download>{t("authority:preview.pdf")}</a>
        <a className="button secondary" href={reportJsonUrl(report.id)} download>{t("authority:preview.json")}</a>
      </p>
    </section>
  );
}
