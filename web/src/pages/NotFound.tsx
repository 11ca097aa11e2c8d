import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useTitle } from "../format.js";

/** What was not found: the sentence names it. */
type Missing = "page" | "incident";

export function NotFoundPage({ what = "page" }: { what?: Missing }) {
  const { t } = useTranslation();
  useTitle(t("common:notFound.title"));
  return (
    <div className="page narrow">
      <h1>{t("common:notFound.title")}</h1>
      <p>{what === "incident" ? t("admin:notFound.incident") : t("common:notFound.text")}</p>
      <p><Link to="/">{t("common:notFound.back")}</Link></p>
    </div>
  );
}
