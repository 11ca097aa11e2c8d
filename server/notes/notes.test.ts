import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { addresses, startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainOutbox } from "../outbox/worker.js";
import { parseDocument, DomUtils } from "htmlparser2";
import { renderMarkdown } from "./markdown.js";

const SAFE_TAGS = ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "hr",
  "table", "thead", "tbody", "tr", "th", "td", "input"];
const elementsOf = (html: string) => DomUtils.findAll(() => true, parseDocument(html).children);

/** Classic XSS payloads (OWASP filter-evasion cheat sheet style): none may leave markup that runs or loads anything. */
const XSS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<iframe src=\"javascript:alert(1)\"></iframe>",
  "<a href=\"javascript:alert(1)\">click</a>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](  javascript:alert(1))",
  "[click](java\tscript:alert(1))",
  "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  "![x](javascript:alert(1))",
  "![x\" onerror=\"alert(1)](http://example.com/x.png)",
  "[x](http://example.com \"\\\" onmouseover=alert(1) x=\\\"\")",
  "<div style=\"background:url(javascript:alert(1))\">x</div>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "<object data=\"javascript:alert(1)\"></object>",
  "<form action=javascript:alert(1)><button>x</button></form>",
  "`<script>alert(1)</script>`",
  "<<script>script>alert(1)<</script>/script>",
  "<a href=\"//evil.example/\">protocol-relative</a>",
  "[x](//evil.example/)",
];

describe("Markdown notes are rendered safely", () => {
  it.each(XSS)("neutralises %s", (payload) => {
    // Parsed back into elements: only harmless tags, no event handlers or styles, links only to http(s) and mailto.
    const elements = elementsOf(renderMarkdown(payload));
    for (const { name, attribs } of elements) {
      expect(SAFE_TAGS).toContain(name);
      for (const [attr, value] of Object.entries(attribs)) {
        expect(attr).not.toMatch(/^on|^style$|^src$|^srcdoc$|^action$|^formaction$/i);
        if (attr === "href") expect(value).toMatch(/^(https?:|mailto:)/i);
      }
    }
  });

  it("keeps ordinary formatting and http links", () => {
    const html = renderMarkdown("**Found** the `sshd` log\n\n- [x] rotated keys\n- see [ticket](https://example.com/t/1)");
    expect(html).toContain("<strong>Found</strong>");
    expect(html).toContain("<code>sshd</code>");
    expect(html).toContain('<a href="https://example.com/t/1" rel="noopener noreferrer nofollow" target="_blank">ticket</a>');
  });
});

describe.each(BACKENDS)("working notes on $name", (backend) => {
  let app: TestApp;
  let smtp: TestSmtp;
  let admin: Client;
  let author: Client;
  let other: Client;
  let mentionedEmail: string;
  let auditor: Client;
  let incidentId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await backend.start({ SMTP_URL: smtp.url, VENDOR_LANGUAGE: "sv" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    author = (await userWithRole(admin, "responder")).client;
    const o = await userWithRole(admin, "manager");
    other = o.client;
    mentionedEmail = o.user.email;
    auditor = (await userWithRole(admin, "auditor")).client;
    incidentId = (await admin.post("/api/incidents", { title: "Notes probe" })).body.id;
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  let noteId = "";
  it("stores a note, renders it safely and mails the mentioned colleague over SMTP", async () => {
    const res = await author.post(`/api/incidents/${incidentId}/notes`, { body: `Checked the VPN log <script>alert(1)</script>, @${mentionedEmail} please look at it` });
    expect(res.status).toBe(201);
    noteId = res.body.id;
    expect(res.body.html).not.toContain("<script>");
    expect(res.body.mentions).toHaveLength(1);
    await drainOutbox(app.running.ctx);
    await smtp.waitFor((m) => m.some((x) => addresses(x.to).includes(mentionedEmail)));
    const mail = smtp.messages.find((x) => addresses(x.to).includes(mentionedEmail))!;
    expect(mail.subject).toMatch(/nämnde dig i en anteckning om INC-/);
    expect(mail.text).toContain("Checked the VPN log");
    const mentions = (await other.get("/api/notes/mentions")).body.items;
    expect(mentions[0]).toMatchObject({ noteId, incidentId });
  });

  it("refuses a mention of someone who is not a colleague, naming the address", async () => {
    const res = await author.post(`/api/incidents/${incidentId}/notes`, { body: "@stranger@example.test look" });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain("@stranger@example.test");
  });

  it("lets only the author edit, keeps every version and refuses a stale one", async () => {
    expect((await other.patch(`/api/incidents/${incidentId}/notes/${noteId}`, { body: "hijacked", version: 1 })).status).toBe(403);
    const edited = await author.patch(`/api/incidents/${incidentId}/notes/${noteId}`, { body: "Checked the VPN log: nothing before 09:12", version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect((await author.patch(`/api/incidents/${incidentId}/notes/${noteId}`, { body: "late edit", version: 1 })).status).toBe(409);
    const versions = (await auditor.get(`/api/incidents/${incidentId}/notes/${noteId}/versions`)).body.items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0].body).toContain("<script>alert(1)</script>");
    expect(versions[0].html).not.toContain("<script>");
  });

  it("shows notes in the timeline and, with every version, in the export", async () => {
    const timeline = (await auditor.get(`/api/incidents/${incidentId}`)).body.timeline as { summary: string }[];
    expect(timeline.map((t) => t.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/ wrote a note: Checked the VPN log/), expect.stringMatching(/ edited a note \(version 2\)/)]));
    const x = (await auditor.get(`/api/incidents/${incidentId}/export`)).body;
    expect(x.notes[0].versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });
});
