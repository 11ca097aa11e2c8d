import tls from "node:tls";

const TIMEOUT_MS = 10_000;
const DAY_MS = 86_400_000;

export interface CheckResult {
  ok: boolean;
  /** What was seen, in words (kept on the probe and used as the alert's title when not ok). */
  summary: string;
  /** The alert's severity word when not ok. */
  severity: "critical" | "warning";
}

/** GETs the URL (redirects not followed): ok when the answer has the expected status. */
export async function checkHttp({ name, url, expectedStatus }: { name: string; url: string; expectedStatus: number }): Promise<CheckResult> {
  try {
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS), headers: { "user-agent": "Vakt-Probe/1" } });
    await res.body?.cancel();
    if (res.status === expectedStatus) return { ok: true, summary: `${name}: HTTP ${res.status}`, severity: "critical" };
    return { ok: false, summary: `${name} is down: HTTP ${res.status}, expected ${expectedStatus}`, severity: "critical" };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    return { ok: false, summary: `${name} is unreachable (${cause})`, severity: "critical" };
  }
}

/**
 * Reads the server's certificate (its validity only: chain trust is the browser's concern and
 * would hide an expiring self-signed or private-CA certificate): ok while it is valid for more
 * than `warnDays`.
 */
export function checkTls({ name, url, warnDays, now = new Date() }: { name: string; url: string; warnDays: number; now?: Date }): Promise<CheckResult> {
  const u = new URL(url);
  const port = Number(u.port || 443);
  return new Promise((resolve) => {
    const socket = tls.connect({ host: u.hostname, port, servername: u.hostname === "localhost" || /^[\d.]+$/.test(u.hostname) ? undefined : u.hostname, rejectUnauthorized: false });
    const done = (r: CheckResult) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(TIMEOUT_MS, () => done({ ok: false, summary: `${name}: no TLS answer from ${u.host}`, severity: "critical" }));
    socket.once("error", (err: Error) => done({ ok: false, summary: `${name}: TLS connection to ${u.host} failed (${(err as NodeJS.ErrnoException).code ?? err.message})`, severity: "critical" }));
    socket.once("secureConnect", () => {
      const cert = socket.getPeerCertificate();
      const expires = Date.parse(cert.valid_to);
      if (!cert.valid_to || Number.isNaN(expires)) return done({ ok: false, summary: `${name}: ${u.host} sent no certificate`, severity: "critical" });
      const days = Math.floor((expires - now.getTime()) / DAY_MS);
      if (days < 0) return done({ ok: false, summary: `TLS certificate of ${u.host} expired on ${new Date(expires).toISOString().slice(0, 10)}`, severity: "critical" });
      if (days < warnDays)
        return done({ ok: false, summary: `TLS certificate of ${u.host} expires in ${days} day${days === 1 ? "" : "s"}`, severity: days < 3 ? "critical" : "warning" });
      done({ ok: true, summary: `${name}: certificate valid for ${days} days`, severity: "warning" });
    });
  });
}
