/** Before closing: what is still open (notices, authority reports, the review) and the reason to close anyway. */
import { useTranslation } from "react-i18next";
import type { OpenItem } from "../../../shared/closeChecklist.js";
import { Field, fieldError } from "../components.js";

export function OpenAtClose({ items, reason, setReason, error }: {
  items: OpenItem[];
  reason: string;
  setReason(reason: string): void;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <div className="open-at-close stack" data-testid="open-at-close">
      <p><strong>{t("incident:close.stillOpen")}</strong></p>
      <ul className="missing-list">
        {items.map((i) => <li key={i.kind}>{t(`incident:close.item.${i.kind}`, { count: i.count })}</li>)}
      </ul>
      <Field label={t("incident:close.reason")} hint={t("incident:close.hint")} error={fieldError(error, "reason")}>
        {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </div>
  );
}
