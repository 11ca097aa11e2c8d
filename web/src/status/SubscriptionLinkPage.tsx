import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api.js";
import { statusApi } from "./api.js";
import { tokenFromUrl, usePublicLanguage } from "./language.js";
import "./status.css";

type Step = "ask" | "done" | "invalid" | "expired";

/**
 * The pages behind the links in status mails: confirming a subscription and unsubscribing. Both act on a button, never
 * on opening the page, so a mail scanner that follows links changes nothing.
 */
export function SubscriptionLinkPage({ kind }: { kind: "confirm" | "unsubscribe" }) {
  const { t } = useTranslation();
  const lang = usePublicLanguage();
  const [step, setStep] = useState<Step>("ask");
  const act = async () => {
    try {
      if (kind === "confirm") await statusApi.confirm(tokenFromUrl());
      else await statusApi.unsubscribe(tokenFromUrl());
      setStep("done");
    } catch (err) {
      setStep(err instanceof ApiError && err.status === 410 ? "expired" : "invalid");
    }
  };
  return (
    <main className="page narrow status-page" lang={lang}>
      <h1>{kind === "confirm" ? t("status:confirm.title") : t("status:unsubscribe.title")}</h1>
      {step === "ask" && (
        <>
          <p>{kind === "confirm" ? t("status:confirm.ask") : t("status:unsubscribe.ask")}</p>
          <button type="button" onClick={() => void act()}>{kind === "confirm" ? t("status:confirm.button") : t("status:unsubscribe.button")}</button>
        </>
      )}
      {step === "done" && <p role="status">{kind === "confirm" ? t("status:confirm.done") : t("status:unsubscribe.done")}</p>}
      {step === "invalid" && <p className="alert alert-error" role="alert">{t("status:link.invalid")}</p>}
      {step === "expired" && <p className="alert alert-error" role="alert">{t("status:link.expired")}</p>}
      <p><a href={`/status?lang=${lang}`}>{t("status:link.back")}</a></p>
    </main>
  );
}
