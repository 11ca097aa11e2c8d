import { useState } from "react";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError } from "../components.js";
import { fromLocalInput } from "../format.js";
import { noticesApi, type DraftResult, type Notice, type NoticePhase, type SendAllResult } from "./api.js";
import type { Controller } from "./useNotices.js";
import { useRun } from "./useRun.js";

const DRAFT_LABELS: Record<NoticePhase, string> = { initial: "Draft initial notices", update: "Draft update", final: "Draft final notice" };

/** Why no controller gets a new notice of this phase (mirrors the server's skip reasons); null when some do. */
function draftBlocked(phase: NoticePhase, controllers: Controller[], notices: Notice[]): string | null {
  if (controllers.length === 0) return "No affected controllers are marked.";
  const own = (id: string) => notices.filter((n) => n.organizationId === id);
  const open = (id: string) => own(id).some((n) => n.phase === phase && (n.status === "draft" || n.status === "approved"));
  const hasInitial = (id: string) => own(id).some((n) => n.phase === "initial");
  const hasFinal = (id: string) => own(id).some((n) => n.phase === "final");
  const eligible = controllers.filter((c) => !open(c.id) && (phase === "initial" ? !hasInitial(c.id) : hasInitial(c.id) && !hasFinal(c.id)));
  if (eligible.length > 0) return null;
  if (phase === "initial") return "Every controller has an initial notice; draft an update.";
  if (controllers.every((c) => !hasInitial(c.id))) return "Draft the initial notices first.";
  if (phase === "final") return "Every controller has a final notice already, or one waiting to be sent (open it to discard it and draft again).";
  return "Every controller has an update waiting to be sent (open it to discard it and draft again), or a final notice already.";
}

/** Draft a phase for every affected controller, and send every approved notice in one action. */
export function DraftActions({ incidentId, controllers, notices, closed, onChanged }: {
  incidentId: string;
  controllers: Controller[];
  notices: Notice[];
  closed: boolean;
  onChanged(): void;
}) {
  const { can } = useAuth();
  const draft = useRun();
  const sendAll = useRun();
  const [drafted, setDrafted] = useState<DraftResult | null>(null);
  const [sent, setSent] = useState<SendAllResult | null>(null);
  const [nextUpdate, setNextUpdate] = useState("");
  const approved = notices.filter((n) => n.status === "approved").length;
  const reasons = (["initial", "update", "final"] as const).map((p) => (closed ? "The incident is closed." : draftBlocked(p, controllers, notices)));
  // When nothing can be drafted, say why in words (each button also carries its own reason).
  const allBlocked = reasons.every(Boolean) ? reasons[reasons.length - 1] : null;

  const runDraft = async (phase: NoticePhase) => {
    setSent(null);
    const next = phase === "final" ? undefined : fromLocalInput(nextUpdate);
    const r = await draft.run(() => noticesApi.draft(incidentId, { phase, ...(next ? { nextUpdateAt: next } : {}) }), (r) => `${r.drafted.length} notice${r.drafted.length === 1 ? "" : "s"} drafted.`);
    if (r) { setDrafted(r); onChanged(); }
  };
  const runSendAll = async () => {
    setDrafted(null);
    const r = await sendAll.run(() => noticesApi.sendAll(incidentId), (r) => `${r.queued} notice${r.queued === 1 ? "" : "s"} queued for sending.`);
    if (r) { setSent(r); onChanged(); }
  };

  return (
    <div aria-live="polite">
      {can("notice.manage") && !closed && (
        <Field label="Next update by" optional hint="Initial notices and updates promise the next update by then (default: the configured interval, 24 hours unless changed)." error={fieldError(draft.error, "nextUpdateAt")}>
          {(p) => <input {...p} type="datetime-local" value={nextUpdate} onChange={(e) => setNextUpdate(e.target.value)} />}
        </Field>
      )}
      <div className="notice-actions">
        {can("notice.manage") && (["initial", "update", "final"] as const).map((phase, i) => {
          const why = reasons[i];
          return (
            <span key={phase}>
              <button type="button" className={phase === "initial" && !why ? "primary" : "secondary"} disabled={Boolean(why) || draft.busy}
                title={why ?? undefined} aria-describedby={why ? `draft-why-${phase}` : undefined} onClick={() => void runDraft(phase)}>
                {DRAFT_LABELS[phase]}
              </button>
              {why && <span id={`draft-why-${phase}`} className="visually-hidden">{why}</span>}
            </span>
          );
        })}
        {can("notice.send") && (
          <button type="button" className={approved ? "primary" : "secondary"} disabled={approved === 0 || sendAll.busy}
            title={approved === 0 ? "No approved notices to send." : undefined} onClick={() => void runSendAll()}>
            {sendAll.busy ? "Sending…" : `Send all approved (${approved})`}
          </button>
        )}
      </div>
      {can("notice.manage") && allBlocked && <p className="hint">{allBlocked}</p>}
      <ErrorMessage error={draft.error} title="Not drafted." />
      <ErrorMessage error={sendAll.error} title="Not sent." />
      {drafted && (
        <div className="alert alert-info">
          {drafted.drafted.length} notice{drafted.drafted.length === 1 ? "" : "s"} drafted. Open each to check it; someone else approves it.
          {drafted.skipped.length > 0 && <ul>{drafted.skipped.map((s) => <li key={s.organizationId}>{s.organization}: {s.reason}</li>)}</ul>}
        </div>
      )}
      {sent && (
        <div className="alert alert-info">
          {sent.queued} notice{sent.queued === 1 ? "" : "s"} queued for sending.
          {sent.draftsNotApproved > 0 && ` ${sent.draftsNotApproved} draft${sent.draftsNotApproved === 1 ? " is" : "s are"} not approved yet.`}
          {sent.skipped.length > 0 && <ul>{sent.skipped.map((s) => <li key={s.noticeId}>{notices.find((n) => n.id === s.noticeId)?.organization ?? s.noticeId}: {s.reason}</li>)}</ul>}
        </div>
      )}
    </div>
  );
}
