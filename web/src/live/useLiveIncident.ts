import { useEffect, useRef, useState } from "react";
import { LiveEvents, type LiveViewer } from "../../../shared/schemas/live.js";

/** How the page hears of others' changes: the event stream, or (when the stream fails) polling. */
export type LiveMode = "connecting" | "live" | "polling";

const POLL_MS = 5_000;
/** While polling, try the stream again this often. */
const RETRY_STREAM_MS = 30_000;
/** Several changes in one save (an entry per field) make one refresh. */
const SETTLE_MS = 150;
/** A stream that drops this many times in a row without becoming ready is given up for polling. */
const MAX_FAILURES = 3;

/**
 * Subscribes to an incident's live stream (server-sent events) and calls `onChange` when someone changes it.
 * The browser reconnects after a drop (then one refresh catches up on what was missed); a stream the server
 * refuses or that keeps failing falls back to polling, and the stream is tried again later.
 */
export function useLiveIncident(incidentId: string, onChange: () => void): { viewers: LiveViewer[]; mode: LiveMode } {
  const [viewers, setViewers] = useState<LiveViewer[]>([]);
  const [mode, setMode] = useState<LiveMode>("connecting");
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    let source: EventSource | null = null;
    let settle: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let wasReady = false;
    const refresh = () => {
      clearTimeout(settle);
      settle = setTimeout(() => changed.current(), SETTLE_MS);
    };
    const fallBack = () => {
      source?.close();
      source = null;
      setViewers([]);
      setMode("polling");
      poll ??= setInterval(() => changed.current(), POLL_MS);
      retry = setTimeout(open, RETRY_STREAM_MS);
    };
    function open() {
      source = new EventSource(`/api/incidents/${encodeURIComponent(incidentId)}/live`);
      source.addEventListener("ready", () => {
        failures = 0;
        clearInterval(poll);
        poll = undefined;
        setMode("live");
        if (wasReady) refresh();
        wasReady = true;
      });
      source.addEventListener("change", refresh);
      source.addEventListener("presence", (e: MessageEvent<string>) => {
        const parsed = LiveEvents.presence.safeParse(JSON.parse(e.data));
        if (parsed.success) setViewers(parsed.data.viewers);
      });
      // Signed out or no longer allowed to see it: nothing more arrives; polling keeps asking (and learns the answer).
      source.addEventListener("gone", fallBack);
      source.onerror = () => {
        failures += 1;
        if (source?.readyState === EventSource.CLOSED || failures >= MAX_FAILURES) fallBack();
      };
    }
    open();
    return () => {
      source?.close();
      clearTimeout(settle);
      clearInterval(poll);
      clearTimeout(retry);
    };
  }, [incidentId]);

  return { viewers, mode };
}
