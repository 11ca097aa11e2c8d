import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useTitle } from "../format.js";

export function NotFoundPage({ what = "page" }: { what?: string }) {
  const { t, i18n } = useTranslation();
  useTitle(t("common:notFound.title"));
  // The staff app's own wording names what was not found; readers of other languages get the general sentence.
  const text = i18n.language === "en" ? `We could not find that ${what}. It may have been mistyped, or you may not have access to it.` : t("common:notFound.text");
  return (
    <div className="page narrow">
      <h1>{t("common:notFound.title")}</h1>
      <p>{text}</p>
      <p><Link to="/">{t("common:notFound.back")}</Link></p>
    </div>
  );
}
