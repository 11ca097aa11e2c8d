import { useCallback, useState } from "react";
import { useAnnounce } from "../components.js";

/** Runs one request at a time for a button or form: busy while it runs, the error if it fails, an announcement if it works. */
export function useRun() {
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T,>(fn: () => Promise<T>, success?: string | ((r: T) => string)): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const r = await fn();
      if (success) announce(typeof success === "string" ? success : success(r));
      return r;
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, [announce]);
  return { busy, error, setError, run };
}
