import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { ErrorMessage, Section } from "../components.js";
import { useIncident } from "../incident/context.js";
import { ControllerDecisions } from "./ControllerDecisions.js";
import { ControllerNumbers } from "./ControllerNumbers.js";
import { ControllerQuestions } from "./ControllerQuestions.js";
import { DraftActions } from "./DraftActions.js";
import { NoticeEditor } from "./NoticeEditor.js";
import { NoticeTable } from "./NoticeTable.js";
import { useNotices } from "./useNotices.js";
import "./notices.css";

/**
 * Notices to the affected controllers (Art. 33(2)) on the incident page of a personal-data
 * breach: each controller's numbers, drafting by phase, four-eyes approval, sending, delivery and
 * acknowledgement; then the controllers' questions and decisions.
 */
export function NoticesPanel() {
  const { t } = useTranslation();
  const { incident, users } = useIncident();
  const { can } = useAuth();
  const allowed = can("notice.read") && incident.personalData === "yes";
  const { load, reload, replaceNotice, replaceQuestion } = useNotices(incident, allowed, can("notice.send"));
  const [openId, setOpenId] = useState<string | null>(null);
  if (!allowed) return null;
  if (load.state === "loading") return <p className="muted loading" role="status">{t("notices:panel.loading")}</p>;
  if (load.state === "error")
    return (
      <Section id="notices" title={t("notices:panel.title")}>
        <ErrorMessage error={load.error} title={t("notices:panel.loadFailed")} />
        <button type="button" onClick={reload}>{t("notices:panel.retry")}</button>
      </Section>
    );
  const { notices, controllers, questions, decisions, mailConfigured } = load;
  const open = notices.find((n) => n.id === openId) ?? null;
  const closed = incident.status === "closed";

  return (
    <>
      <Section id="notices" title={t("notices:panel.title")}>
        <p className="section-lead">{t("notices:panel.lead")}</p>
        {controllers.length === 0 && notices.length === 0 ? (
          <p className="muted">{t("notices:panel.noControllers")}</p>
        ) : (
          <>
            {controllers.length > 0 && (
              // Many controllers (a platform with hundreds of schools): the numbers fold away.
              <details className="controller-numbers" open={controllers.length <= 10}>
                <summary><h3>{t("notices:panel.numbers", { count: controllers.length })}</h3></summary>
                <p className="hint">{t("notices:panel.numbersHint")}</p>
                <ControllerNumbers incidentId={incident.id} controllers={controllers} readOnly={closed || !can("notice.manage")} onSaved={reload} />
              </details>
            )}
            <DraftActions incidentId={incident.id} controllers={controllers} notices={notices} closed={closed} onChanged={reload} />
            {notices.length > 0 ? (
              <NoticeTable notices={notices} users={users} openId={openId} onOpen={setOpenId} />
            ) : (
              <p className="muted">{t("notices:panel.none")}</p>
            )}
            {open && (
              <NoticeEditor key={`${open.id}:${open.version}:${open.status}`} notice={open} mailConfigured={mailConfigured} onChanged={replaceNotice}
                onDiscarded={() => { setOpenId(null); reload(); }} onClose={() => setOpenId(null)} />
            )}
          </>
        )}
      </Section>
      <ControllerQuestions questions={questions} onAnswered={replaceQuestion} />
      <ControllerDecisions incidentId={incident.id} decisions={decisions} notices={notices} controllers={controllers} onSaved={reload} />
    </>
  );
}
