import { useCallback, useEffect, useState } from "react";
import type { SessionView } from "../../../shared/schemas/session.js";
import { ErrorMessage, useAnnounce } from "../components.js";
import { formatDateTime, relativeTime, useNow } from "../format.js";
import { accountApi } from "./accountApi.js";

const METHOD_LABELS: Record<string, string> = { password: "Password", oidc: "Single sign-on", passkey: "Passkey" };

/** A short device name from the User-Agent ("Firefox on Windows"); the full string is in the title. */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrome\//.test(userAgent) ? "Chrome"
    : /Safari\//.test(userAgent) ? "Safari" : userAgent.split(/[\s/]/)[0];
  const os = /Windows/.test(userAgent) ? "Windows" : /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS"
    : /Mac OS X/.test(userAgent) ? "macOS" : /Linux/.test(userAgent) ? "Linux" : null;
  return os ? `${browser} on ${os}` : browser;
}

/** My active sessions: device, address, how and when; end one, or every other. */
export function SessionsSection() {
  const announce = useAnnounce();
  const now = useNow(60_000);
  const [items, setItems] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => accountApi.sessions().then((r) => setItems(r.items), setError), []);
  useEffect(() => { void load(); }, [load]);

  const act = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try { announce(await fn()); await load(); } catch (e) { setError(e); } finally { setBusy(false); }
  };
  const others = items?.filter((s) => !s.current).length ?? 0;
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      <ErrorMessage error={error} />
      {!items ? <p className="muted loading" role="status">Loading your sessions…</p> : (
        <table>
          <thead><tr><th scope="col">Device</th><th scope="col">Address</th><th scope="col">Signed in with</th><th scope="col">Last used</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td title={s.userAgent ?? undefined}>{deviceName(s.userAgent)}{s.current && <> <span className="badge">This device</span></>}</td>
                <td>{s.ipAddress ?? "Unknown"}</td>
                <td>{METHOD_LABELS[s.method] ?? s.method}{s.mfa ? " + second factor" : ""}</td>
                <td><time dateTime={s.lastSeenAt} title={formatDateTime(s.lastSeenAt)}>{relativeTime(s.lastSeenAt, now)}</time></td>
                <td>{!s.current && (
                  <button type="button" className="secondary" disabled={busy}
                    onClick={() => void act(async () => { await accountApi.endSession(s.id); return `Signed out ${deviceName(s.userAgent)}.`; })}>
                    Sign out<span className="visually-hidden"> {deviceName(s.userAgent)}</span>
                  </button>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {others > 0 && (
        <button type="button" disabled={busy} onClick={() => void act(async () => `Signed out ${(await accountApi.endOthers()).ended} other sessions.`)}>
          Sign out everywhere else
        </button>
      )}
    </section>
  );
}
