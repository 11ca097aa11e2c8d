import { useState } from "react";
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
  const { incident, users } = useIncident();
  const { can } = useAuth();
  const allowed = can("notice.read") && incident.personalData === "yes";
  const { load, reload, replaceNotice, replaceQuestion } = useNotices(incident.id, incident.version, allowed, can("notice.send"));
  const [openId, setOpenId] = useState<string | null>(null);
  if (!allowed) return null;
  if (load.state === "loading") return <p className="muted loading" role="status">Loading notices to controllers…</p>;
  if (load.state === "error")
    return (
      <Section id="notices" title="Notices to controllers">
        <ErrorMessage error={load.error} title="The notices could not be loaded." />
        <button type="button" onClick={reload}>Try again</button>
      </Section>
    );
  const { notices, controllers, questions, decisions, mailConfigured } = load;
  const open = notices.find((n) => n.id === openId) ?? null;
  const closed = incident.status === "closed";

  return (
    <>
      <Section id="notices" title="Notices to controllers">
        <p className="section-lead">
          As their processor we tell each affected customer what we know, in its language, with its own numbers, and keep them
          informed until the end. Each notice is approved by someone other than its last editor before it is sent.
        </p>
        {controllers.length === 0 && notices.length === 0 ? (
          <p className="muted">
            No customer (controller) is marked as affected. Mark them under “Affected organisations” and assess the breach; when only
            our own data is affected, no notices to controllers are needed.
          </p>
        ) : (
          <>
            {controllers.length > 0 && (
              // Many controllers (a platform with hundreds of schools): the numbers fold away.
              <details className="controller-numbers" open={controllers.length <= 10}>
                <summary><h3>Each controller's numbers ({controllers.length})</h3></summary>
                <p className="hint">How many of <em>this controller's</em> people and records are affected; its notices tell these, never the total.</p>
                <ControllerNumbers incidentId={incident.id} controllers={controllers} readOnly={closed || !can("notice.manage")} onSaved={reload} />
              </details>
            )}
            <DraftActions incidentId={incident.id} controllers={controllers} notices={notices} closed={closed} onChanged={reload} />
            {notices.length > 0 ? (
              <NoticeTable notices={notices} users={users} openId={openId} onOpen={setOpenId} />
            ) : (
              <p className="muted">No notices yet.</p>
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
