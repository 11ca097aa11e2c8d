import { describe, expect, it } from "vitest";
import { ackToken, linkSecret, verifyAckToken } from "./ackToken.js";
import { freshPostgresDatabase } from "../../tests/helpers/backends.js";
import { startTestApp } from "../../tests/helpers/app.js";
import { pgliteBackend } from "../../tests/helpers/backends.js";

const ID = "3f1c2b4a-0d5e-4f6a-8b7c-9d0e1f2a3b4c";
const SECRET = "a-test-secret-of-at-least-thirty-two-chars";

describe("acknowledgement tokens", () => {
  it("verify until they expire, and only with the key that signed them", () => {
    const exp = new Date(Date.now() + 3600_000);
    const t = ackToken(SECRET, ID, exp);
    expect(verifyAckToken(SECRET, t)).toEqual({ ok: true, noticeId: ID, expiresAt: new Date(Math.floor(exp.getTime() / 1000) * 1000) });
    expect(verifyAckToken(SECRET, t, new Date(exp.getTime() + 1000))).toEqual({ ok: false, reason: "expired", noticeId: ID });
    expect(verifyAckToken("another-secret-of-at-least-thirty-two-chars", t).ok).toBe(false);
    const [id, e, sig] = t.split(".");
    expect(verifyAckToken(SECRET, `${id}.${Number(e) + 1}.${sig}`)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyAckToken(SECRET, `${id.replace("3f", "4f")}.${e}.${sig}`)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyAckToken(SECRET, `${t}x`)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyAckToken(SECRET, "")).toEqual({ ok: false, reason: "invalid" });
  });

  it("use LINK_SECRET, else one secret created once in the database and shared by every instance", async () => {
    const url = await freshPostgresDatabase();
    const [a, b] = await Promise.all([startTestApp({ databaseUrl: url }), startTestApp({ databaseUrl: url })]);
    const c = await startTestApp({ databaseUrl: url, env: { LINK_SECRET: SECRET } });
    try {
      const [sa, sb] = await Promise.all([linkSecret(a.running.ctx), linkSecret(b.running.ctx)]);
      expect(sa).toHaveLength(43);
      expect(sb).toBe(sa);
      expect(await a.running.ctx.prisma.setting.count({ where: { key: "link-secret" } })).toBe(1);
      expect(await linkSecret(c.running.ctx)).toBe(SECRET);
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it("are rate-limited per address like sign-in (six times LOGIN_RATE_LIMIT per 15 minutes, page and API together)", async () => {
    const app = await pgliteBackend.start({ LOGIN_RATE_LIMIT: "2" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await fetch(`${app.baseUrl}${i % 2 ? "/api" : ""}/ack/guess-${i}`)).status);
      expect(statuses).toEqual(Array(12).fill(404));
      expect((await fetch(`${app.baseUrl}/api/ack/guess-13`)).status).toBe(429);
      const page = await fetch(`${app.baseUrl}/ack/guess-14`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=x" });
      expect(page.status).toBe(429);
      expect(await page.text()).toContain("<p class=\"err\">Too many attempts. Wait 15 minutes and try again.</p>");
      // the page has no notice to take a language from: the reader's Accept-Language
      const sv = await fetch(`${app.baseUrl}/ack/guess-15`, { headers: { "accept-language": "sv-SE,sv;q=0.9,en;q=0.5" } });
      expect(sv.status).toBe(429);
      expect(sv.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await sv.text()).toContain("För många försök. Vänta 15 minuter och försök igen.");
    } finally {
      await app.stop();
    }
  });
});
