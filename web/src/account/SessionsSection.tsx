import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import i18next from "i18next";
import type { SessionView } from "../../../shared/schemas/session.js";
import { ErrorMessage, useAnnounce } from "../components.js";
import { formatDateTime, relativeTime, useNow } from "../format.js";
import { accountApi } from "./accountApi.js";


/** A short device name from the User-Agent ("Firefox on Windows"); the full string is in the title. */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return i18next.t("account:sessions.unknownDevice");
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrome\//.test(userAgent) ? "Chrome"
    : /Safari\//.test(userAgent) ? "Safari" : userAgent.split(/[\s/]/)[0];
  const os = /Windows/.test(userAgent) ? "Windows" : /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS"
    : /Mac OS X/.test(userAgent) ? "macOS" : /Linux/.test(userAgent) ? "Linux" : null;
  return os ? i18next.t("account:sessions.browserOn", { browser, os }) : browser;
}

/** My active sessions: device, address, how and when; end one, or every other. */
export function SessionsSection() {
  const { t } = useTranslation();
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
      <h2 id="sessions-title">{t("account:sessions.title")}</h2>
      <ErrorMessage error={error} />
      {!items ? <p className="muted loading" role="status">{t("account:sessions.loading")}</p> : (
        <table>
          <thead>
            <tr>
              {["device", "address", "method", "lastUsed"].map((c) => <th key={c} scope="col">{t(`account:sessions.columns.${c}`)}</th>)}
              <th scope="col"><span className="visually-hidden">{t("account:actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td title={s.userAgent ?? undefined}>{deviceName(s.userAgent)}{s.current && <> <span className="badge">{t("account:sessions.thisDevice")}</span></>}</td>
                <td>{s.ipAddress ?? t("account:sessions.unknown")}</td>
                <td>{t(`account:sessions.methods.${s.method}`, { defaultValue: s.method })}{s.mfa ? ` + ${t("account:sessions.secondFactor")}` : ""}</td>
                <td><time dateTime={s.lastSeenAt} title={formatDateTime(s.lastSeenAt)}>{relativeTime(s.lastSeenAt, now)}</time></td>
                <td>{!s.current && (
                  <button type="button" className="secondary" disabled={busy}
                    onClick={() => void act(async () => { await accountApi.endSession(s.id); return t("account:sessions.signedOut", { device: deviceName(s.userAgent) }); })}>
                    {t("account:sessions.signOut")}<span className="visually-hidden"> {deviceName(s.userAgent)}</span>
                  </button>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {others > 0 && (
        <button type="button" disabled={busy} onClick={() => void act(async () => t("account:sessions.othersSignedOut", { count: (await accountApi.endOthers()).ended }))}>
          {t("account:sessions.signOutOthers")}
        </button>
      )}
    </section>
  );
}
