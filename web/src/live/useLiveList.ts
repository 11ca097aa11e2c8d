import { useEffect, useRef } from "react";

/** Several changes in one save make one refresh. */
const SETTLE_MS = 200;
/** When the stream is refused or closed for good, the list is asked again this often. */
const POLL_MS = 15_000;

/**
 * Calls `onChange` when an incident the user may see is created or changed by anyone (the list stream,
 * /api/live/incidents); falls back to polling when the stream closes for good.
 */
export function useLiveList(onChange: () => void) {
  const changed = useRef(onChange);
  changed.current = onChange;
  useEffect(() => {
    let settle: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    const refresh = () => {
      clearTimeout(settle);
      settle = setTimeout(() => changed.current(), SETTLE_MS);
    };
    const source = new EventSource("/api/live/incidents");
    source.addEventListener("incident", refresh);
    const fallBack = () => {
      source.close();
      poll ??= setInterval(() => changed.current(), POLL_MS);
    };
    source.addEventListener("gone", fallBack);
    source.onerror = () => { if (source.readyState === EventSource.CLOSED) fallBack(); };
    return () => {
      source.close();
      clearTimeout(settle);
      clearInterval(poll);
    };
  }, []);
}
