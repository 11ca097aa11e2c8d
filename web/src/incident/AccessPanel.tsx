import { useCallback, useEffect, useRef, useState } from "react";
import type { z } from "zod";
import type { IncidentAccessView, RestrictedIncidentsView } from "../../../shared/schemas/incidentAccess.js";
import { request } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Section, UserSelect, useAnnounce } from "../components.js";
import { ROLE_LABELS } from "../format.js";
import { useIncident } from "./context.js";

const access = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;
const VIA: Record<IncidentAccessView["members"][number]["via"], string> = { owner: "owner", added: "added", breakGlass: "break-glass" };

/** Need-to-know on the incident page: the Restricted toggle, its members, who may change them (docs/security/need-to-know.md). */
export function AccessPanel() {
  const { incident, users } = useIncident();
  const announce = useAnnounce();
  const [view, setView] = useState<IncidentAccessView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [newMember, setNewMember] = useState("");
  const [asking, setAsking] = useState<boolean | null>(null);

  useEffect(() => {
    request<IncidentAccessView>("GET", `${access(incident.id)}/access`).then(setView, setError);
  }, [incident.id, incident.version]);

  const run = useCallback(async (call: () => Promise<IncidentAccessView>, done: string) => {
    setError(null);
    try {
      setView(await call());
      announce(done);
    } catch (e) {
      setError(e);
    }
  }, [announce]);

  if (!view) return error ? <ErrorMessage error={error} title="Who may see this incident could not be loaded." /> : null;
  const candidates = users.filter((u) => !view.members.some((m) => m.userId === u.id));
  return (
    <Section id="access" title="Who may see it" aside={view.restricted ? <span className="badge badge-restricted">Restricted</span> : undefined}>
      <p className="muted">
        {view.restricted
          ? "Restricted: only the members below see this incident. Everyone else gets “not found”, also in lists, exports and reminders."
          : "Everyone with access to incidents sees it. Restrict it for an insider case or a breach under police investigation."}
      </p>
      {view.abilities.restrict && (
        <button type="button" onClick={() => setAsking(!view.restricted)}>{view.restricted ? "Lift the restriction…" : "Restrict to members…"}</button>
      )}
      <ul className="members">
        {view.members.map((m) => (
          <li key={m.userId}>
            {m.name} <span className="muted">— {ROLE_LABELS[m.role as keyof typeof ROLE_LABELS] ?? m.role}, {VIA[m.via]}{m.reason ? `: ${m.reason}` : ""}</span>
            {view.abilities.manageMembers && m.via !== "owner" && (
              <button type="button" className="link" onClick={() => run(() => request("DELETE", `${access(incident.id)}/members/${m.userId}`), `${m.name} removed.`)}>Remove</button>
            )}
          </li>
        ))}
      </ul>
      {view.abilities.manageMembers && (
        <form onSubmit={(e) => { e.preventDefault(); if (newMember) void run(() => request("POST", `${access(incident.id)}/members`, { userId: newMember }), "Member added.").then(() => setNewMember("")); }}>
          <label htmlFor="new-member">Add a member</label>{" "}
          <UserSelect id="new-member" users={candidates} value={newMember} onChange={setNewMember} />{" "}
          <button type="submit" disabled={!newMember}>Add</button>
        </form>
      )}
      {error != null && <ErrorMessage error={error} title="The change was not saved." />}
      {asking !== null && (
        <ReasonDialog
          title={asking ? "Restrict this incident" : "Lift the restriction"}
          hint={asking ? "Why must this incident be need-to-know? The reason is kept in the audit trail." : "Why may everyone with access see it again? The reason is kept in the audit trail."}
          confirm={asking ? "Restrict" : "Lift restriction"}
          onClose={() => setAsking(null)}
          onConfirm={(reason) => run(() => request("PUT", `${access(incident.id)}/restriction`, { restricted: asking, reason }), asking ? "Incident restricted." : "Restriction lifted.")}
        />
      )}
    </Section>
  );
}

/** A modal asking for the reason of an audited access change. */
function ReasonDialog({ title, hint, confirm, minLength = 3, onClose, onConfirm }: {
  title: string; hint: string; confirm: string; minLength?: number; onClose(): void; onConfirm(reason: string): Promise<void> | void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  useEffect(() => { dialog.current?.showModal(); }, []);
  return (
    <dialog ref={dialog} aria-labelledby="reason-title" onCancel={onClose}>
      <form method="dialog" onSubmit={async (e) => { e.preventDefault(); await onConfirm(reason.trim()); onClose(); }}>
        <h2 id="reason-title">{title}</h2>
        <label htmlFor="reason">{hint}</label>
        <textarea id="reason" required minLength={minLength} value={reason} onChange={(e) => setReason(e.target.value)} />
        <p>
          <button type="submit" disabled={reason.trim().length < minLength}>{confirm}</button>{" "}
          <button type="button" onClick={onClose}>Cancel</button>
        </p>
      </form>
    </dialog>
  );
}

type Restricted = z.infer<typeof RestrictedIncidentsView>;

/**
 * For admins on a "not found" incident: restricted incidents exist (a count) and can be joined
 * only by break-glass, with a reason that is audited and mailed to the owner.
 */
export function BreakGlass({ incidentId, onJoined }: { incidentId: string; onJoined(): void }) {
  const { can } = useAuth();
  const [restricted, setRestricted] = useState<Restricted | null>(null);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const allowed = can("incident.breakGlass");
  useEffect(() => {
    if (allowed) request<Restricted>("GET", "/api/restricted-incidents").then(setRestricted, () => setRestricted(null));
  }, [allowed]);
  const target = restricted?.items.find((i) => i.id === incidentId && !i.member);
  if (!restricted || !target) return null;
  return (
    <div className="card">
      <p>{target.reference} is a restricted incident ({restricted.count} restricted in all, {restricted.hiddenFromYou} not open to you). Only its members see it.</p>
      <p>As an administrator you can join it by break-glass. Your reason is kept in the audit trail, shown on the incident’s timeline and mailed to its owner.</p>
      <button type="button" className="danger" onClick={() => setAsking(true)}>Break glass…</button>
      {error != null && <ErrorMessage error={error} title="Break-glass was refused." />}
      {asking && (
        <ReasonDialog title={`Break glass: join ${target.reference}`} hint="Why must you see this incident now?" confirm="Join by break-glass" minLength={10}
          onClose={() => setAsking(false)}
          onConfirm={async (reason) => {
            try {
              await request("POST", `${access(incidentId)}/break-glass`, { reason });
              onJoined();
            } catch (e) {
              setError(e);
            }
          }} />
      )}
    </div>
  );
}
