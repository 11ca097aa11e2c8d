import { createContext, useContext, useState } from "react";
import i18next from "i18next";
import { ApiError, type Category, type Incident, type User } from "../api.js";

export interface IncidentContext {
  incident: Incident;
  users: User[];
  taxonomy: Category[];
  /** Counts the changes heard live (anyone's); panels that load their own data reload when it moves. */
  liveChanges: number;
  /**
   * Runs a change whose answer is the updated incident, which then replaces the shown one.
   * A stale version (409) reloads the incident and rejects with an explanation.
   */
  mutate(run: (incident: Incident) => Promise<Incident>, success: string): Promise<void>;
}

export const IncidentCtx = createContext<IncidentContext | null>(null);

export function useIncident(): IncidentContext {
  const ctx = useContext(IncidentCtx);
  if (!ctx) throw new Error("useIncident outside the incident page");
  return ctx;
}

/** Why a change was not saved after someone else's, in the reader's language. */
export const staleMessage = () => i18next.t("incident:stale");

/**
 * A form's draft of some server values. While the user has not touched it, it follows the
 * server (after a save, or someone else's change); once touched, it keeps the user's text.
 * A stale-version error resets it to the reloaded values.
 */
export function useDraftForm<T>(source: T) {
  const { mutate } = useIncident();
  const [draft, setDraft] = useState(source);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify(source);
  const [seen, setSeen] = useState(key);
  // The server values changed under unsaved edits (someone else, seen by a refresh).
  const [conflict, setConflict] = useState(false);
  if (seen !== key) {
    setSeen(key);
    if (!dirty) setDraft(source);
    else setConflict(true);
  }

  const update = (patch: Partial<T>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
  };
  const reset = () => {
    setDraft(source);
    setDirty(false);
    setConflict(false);
    setError(null);
  };
  /** Sends the change; true when it was saved. */
  const submit = async (run: (incident: Incident) => Promise<Incident>, success: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await mutate(run, success);
      setDirty(false);
      setConflict(false);
      setDraft(source);
      return true;
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.status === 409 && e.code !== "requirements_missing") {
        setDirty(false);
        setConflict(false);
        setDraft(source);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { draft, update, dirty, conflict, error, setError, busy, submit, reset };
}
