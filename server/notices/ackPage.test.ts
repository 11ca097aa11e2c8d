import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import { drainOutbox } from "../outbox/worker.js";
import { ackToken, linkSecret } from "./ackToken.js";
import { translator } from "../../shared/i18n/index.js";
import { scenario } from "./testSetup.js";

type Lang = "en" | "sv" | "nb";
const en = translator("en");

describe.each(BACKENDS)("the acknowledgement page speaks the notice's language on $name", (backend) => {
  let app: TestApp;
  let privacy: Client;
  /** Notice id and the link from its queued mail, per controller language. */
  let sent: Record<Lang, { id: string; link: string }>;

  /** Drafts, approves (four eyes off) and sends the initial notices of a fresh three-language scenario. */
  async function sendScenario() {
    const s = await scenario(privacy);
    const drafted = (await privacy.post(`/api/incidents/${s.incident.id}/notices`, { phase: "initial" })).body.drafted as { id: string; language: Lang }[];
    for (const n of drafted) expect((await privacy.post(`/api/notices/${n.id}/approve`)).status).toBe(200);
    expect((await privacy.post(`/api/incidents/${s.incident.id}/notices/send`)).body.queued).toBe(3);
    const out = {} as Record<Lang, { id: string; link: string }>;
    for (const n of drafted) {
      const m = await app.running.ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `notice:${n.id}` } });
      out[n.language] = { id: n.id, link: /(http:\/\/\S+\/ack\/\S+)/.exec((m.payload as { text: string }).text)![1] };
    }
    return out;
  }

  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body });

  beforeAll(async () => {
    app = await backend.start({ NOTICE_FOUR_EYES: "false" });
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    sent = await sendScenario();
  });
  afterAll(() => app?.stop());

  it.each([
    ["sv", "Skriv ditt namn eller din e-postadress.", "Namnet eller e-postadressen får vara högst 200 tecken.", "Tack. Mottagandet bekräftades"],
    ["nb", "Skriv inn navnet ditt eller e-postadressen din.", "Navnet eller e-postadressen kan være på høyst 200 tegn.", "Takk. Mottaket ble bekreftet"],
  ] as const)("%s: a missing or too long name is refused in the notice's language, with the form again", async (lang, missing, tooLong, done) => {
    const { id, link } = sent[lang];
    for (const [body, message] of [["name=++", missing], ["", missing], [`name=${"x".repeat(201)}`, tooLong]] as const) {
      const r = await post(link, body, { "accept-language": "en-GB,en" });
      expect(r.status).toBe(400);
      const html = await r.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(message);
      expect(html).not.toContain(en("ack:nameMissing"));
      expect(html).not.toContain("at most");
      expect(html).toContain('<form method="post">');
    }
    expect((await privacy.get(`/api/notices/${id}`)).body.status).toBe("queued");
    const ok = await post(link, "name=Synthetic+Reader");
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(done);
    expect((await privacy.get(`/api/notices/${id}`)).body).toMatchObject({ status: "acknowledged", acknowledgedBy: "Synthetic Reader" });
  });

  it("sv: a form too large to read is refused in Swedish", async () => {
    const r = await post(sent.sv.link, `name=${"x".repeat(11_000)}`);
    expect(r.status).toBe(413);
    const html = await r.text();
    expect(html).toContain("Namnet eller e-postadressen får vara högst 200 tecken.");
    expect(html).not.toContain("at most");
  });

  it("sv: an expired link says so in Swedish, on the page and on the form post", async () => {
    const expired = ackToken(await linkSecret(app.running.ctx), sent.sv.id, new Date(Date.now() - 1000));
    for (const r of [await fetch(`${app.baseUrl}/ack/${expired}`), await post(`${app.baseUrl}/ack/${expired}`, "name=")]) {
      expect(r.status).toBe(410);
      const html = await r.text();
      expect(html).toContain("Bekräftelselänken gäller inte längre.");
      expect(html).not.toContain("has expired");
      expect(html).not.toContain("<form");
    }
  });

  it("an invalid link, where no notice is known, follows Accept-Language (en, sv, nb; English otherwise)", async () => {
    const forged = `${sent.nb.id}.${Math.floor(Date.now() / 1000) + 3600}.${"A".repeat(43)}`;
    const cases: [string | undefined, Lang][] = [["nb-NO,nb;q=0.9,en;q=0.5", "nb"], ["no", "nb"], ["sv-SE", "sv"], ["de-DE,de", "en"], [undefined, "en"]];
    for (const [header, lang] of cases) {
      const r = await fetch(`${app.baseUrl}/ack/${forged}`, { headers: header ? { "accept-language": header } : {} });
      expect(r.status).toBe(404);
      const html = await r.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(translator(lang)("ack:invalid"));
      if (lang !== "en") expect(html).not.toContain(en("ack:invalid"));
    }
  });

  it("a notice that was not delivered cannot be acknowledged: the refusal is in its language", async () => {
    const other = await sendScenario();
    expect((await drainOutbox(app.running.ctx)).undeliverable).toBeGreaterThanOrEqual(3);
    const r = await post(other.nb.link, "name=Nora");
    expect(r.status).toBe(409);
    const html = await r.text();
    expect(html).toContain("Dette varselet kan ikke bekreftes fordi det ikke kunne leveres.");
    expect(html).not.toContain("cannot be acknowledged");
    expect((await privacy.get(`/api/notices/${other.nb.id}`)).body.status).toBe("failed");
  });
});
