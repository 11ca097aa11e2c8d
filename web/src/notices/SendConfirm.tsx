import { useTranslation } from "react-i18next";
import type { Notice } from "./api.js";
import { useLanguageLabel, usePhaseLabel } from "./labels.js";

/**
 * Sending cannot be undone: before notices leave, show who gets each one (organisation and
 * contact addresses) and in which language, and ask for a yes.
 */
export function SendConfirm({ notices, busy, onConfirm, onCancel }: { notices: Notice[]; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const phaseLabel = usePhaseLabel();
  const languageLabel = useLanguageLabel();
  const headingId = `send-confirm-${notices.map((n) => n.id).join("-").slice(0, 60)}`;
  return (
    <div className="send-confirm alert alert-warn" role="alertdialog" aria-labelledby={headingId}>
      <h4 id={headingId}>{t("notices:send.confirmTitle", { count: notices.length })}</h4>
      <p>{t("notices:send.confirmLead")}</p>
      <ul className="send-confirm-list">
        {notices.map((n) => (
          <li key={n.id}>
            <strong>{n.organization}</strong>: {phaseLabel(n.phase)} <span className="mono">{n.reference}</span>,{" "}
            {t("notices:send.inLanguage", { language: languageLabel(n.language) })}
            <div className="small-text">
              {n.recipients.length > 0
                ? t("notices:send.to", { recipients: n.recipients.map((r) => `${r.name} <${r.email}>`).join(", ") })
                : t("notices:send.noRecipients")}
            </div>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {busy ? t("notices:send.sending") : t("notices:send.confirm", { count: notices.length })}
        </button>
        <button type="button" className="link-button" disabled={busy} onClick={onCancel}>{t("notices:send.cancel")}</button>
      </div>
    </div>
  );
}
