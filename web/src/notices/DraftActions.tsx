import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError } from "../components.js";
import { fromLocalInput } from "../format.js";
import { noticesApi, type DraftResult, type Notice, type NoticePhase, type SendAllResult } from "./api.js";
import { SendConfirm } from "./SendConfirm.js";
import type { Controller } from "./useNotices.js";
import { useRun } from "./useRun.js";

type Blocked = "noControllers" | "allHaveInitial" | "initialFirst" | "allHaveFinal" | "allHaveUpdate" | "closed";

/** Why no controller gets a new notice of this phase (mirrors the server's skip reasons); null when some do. */
function draftBlocked(phase: NoticePhase, controllers: Controller[], notices: Notice[]): Blocked | null {
  if (controllers.length === 0) return "noControllers";
  const own = (id: string) => notices.filter((n) => n.organizationId === id);
  const open = (id: string) => own(id).some((n) => n.phase === phase && (n.status === "draft" || n.status === "approved"));
  const hasInitial = (id: string) => own(id).some((n) => n.phase === "initial");
  const hasFinal = (id: string) => own(id).some((n) => n.phase === "final");
  const eligible = controllers.filter((c) => !open(c.id) && (phase === "initial" ? !hasInitial(c.id) : hasInitial(c.id) && !hasFinal(c.id)));
  if (eligible.length > 0) return null;
  if (phase === "initial") return "allHaveInitial";
  if (controllers.every((c) => !hasInitial(c.id))) return "initialFirst";
  return phase === "final" ? "allHaveFinal" : "allHaveUpdate";
}

/** Draft a phase for every affected controller, and send every approved notice in one action (after a confirmation). */
export function DraftActions({ incidentId, controllers, notices, closed, onChanged }: {
  incidentId: string;
  controllers: Controller[];
  notices: Notice[];
  closed: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const draft = useRun();
  const sendAll = useRun();
  const [drafted, setDrafted] = useState<DraftResult | null>(null);
  const [sent, setSent] = useState<SendAllResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [nextUpdate, setNextUpdate] = useState("");
  const approved = notices.filter((n) => n.status === "approved");
  const reasons = (["initial", "update", "final"] as const).map((p) => (closed ? "closed" : draftBlocked(p, controllers, notices)));
  const why = (r: Blocked | null) => (r ? t(`notices:draft.blocked.${r}`) : null);
  // When nothing can be drafted, say why in words (each button also carries its own reason).
  const allBlocked = reasons.every(Boolean) ? why(reasons[reasons.length - 1]) : null;

  const runDraft = async (phase: NoticePhase) => {
    setSent(null);
    const next = phase === "final" ? undefined : fromLocalInput(nextUpdate);
    const r = await draft.run(() => noticesApi.draft(incidentId, { phase, ...(next ? { nextUpdateAt: next } : {}) }),
      (r) => t("notices:draft.drafted", { count: r.drafted.length }));
    if (r) { setDrafted(r); onChanged(); }
  };
  const runSendAll = async () => {
    setDrafted(null);
    const r = await sendAll.run(() => noticesApi.sendAll(incidentId), (r) => t("notices:send.queued", { count: r.queued }));
    setConfirming(false);
    if (r) { setSent(r); onChanged(); }
  };

  return (
    <div aria-live="polite">
      {can("notice.manage") && !closed && (
        <Field label={t("notices:draft.nextUpdate")} optional hint={t("notices:draft.nextUpdateHint")} error={fieldError(draft.error, "nextUpdateAt")}>
          {(p) => <input {...p} type="datetime-local" value={nextUpdate} onChange={(e) => setNextUpdate(e.target.value)} />}
        </Field>
      )}
      <div className="notice-actions">
        {can("notice.manage") && (["initial", "update", "final"] as const).map((phase, i) => {
          const because = why(reasons[i]);
          return (
            <span key={phase}>
              <button type="button" className={phase === "initial" && !because ? "primary" : "secondary"} disabled={Boolean(because) || draft.busy}
                title={because ?? undefined} aria-describedby={because ? `draft-why-${phase}` : undefined} onClick={() => void runDraft(phase)}>
                {t(`notices:draft.button.${phase}`)}
              </button>
              {because && <span id={`draft-why-${phase}`} className="visually-hidden">{because}</span>}
            </span>
          );
        })}
        {can("notice.send") && (
          <button type="button" className={approved.length ? "primary" : "secondary"} disabled={approved.length === 0 || sendAll.busy || confirming}
            title={approved.length === 0 ? t("notices:send.noneApproved") : undefined} onClick={() => { setSent(null); setConfirming(true); }}>
            {t("notices:send.all", { count: approved.length })}
          </button>
        )}
      </div>
      {confirming && approved.length > 0 && (
        <SendConfirm notices={approved} busy={sendAll.busy} onConfirm={() => void runSendAll()} onCancel={() => setConfirming(false)} />
      )}
      {can("notice.manage") && allBlocked && <p className="hint">{allBlocked}</p>}
      <ErrorMessage error={draft.error} title={t("notices:draft.failed")} />
      <ErrorMessage error={sendAll.error} title={t("notices:send.failed")} />
      {drafted && (
        <div className="alert alert-info">
          {t("notices:draft.draftedInfo", { count: drafted.drafted.length })}
          {drafted.skipped.length > 0 && <ul>{drafted.skipped.map((s) => <li key={s.organizationId}>{s.organization}: {s.reason}</li>)}</ul>}
        </div>
      )}
      {sent && (
        <div className="alert alert-info">
          {t("notices:send.queued", { count: sent.queued })}
          {sent.draftsNotApproved > 0 && ` ${t("notices:send.draftsNotApproved", { count: sent.draftsNotApproved })}`}
          {sent.skipped.length > 0 && <ul>{sent.skipped.map((s) => <li key={s.noticeId}>{notices.find((n) => n.id === s.noticeId)?.organization ?? s.noticeId}: {s.reason}</li>)}</ul>}
        </div>
      )}
    </div>
  );
}
