import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMailRenderer } from "./render.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-mail-"));
const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
write("notice.subject.hbs", "Notice: {{title}}\n");
write("notice.text.hbs", "Dear {{name}}, {{title}} at {{instant at zone}}.");
write("notice.html.hbs", "<p>Dear {{name}}, {{title}}</p>");
write("notice.sv.subject.hbs", "Meddelande: {{title}}");
write("notice.sv.text.hbs", "Hej {{name}}, {{title}} {{instant at zone}}.");
write("only-en.en.subject.hbs", "English {{x}}");
write("only-en.en.text.hbs", "text {{x}}");
write("only-en.en.html.hbs", "<b>{{x}}</b>");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("mail templates", () => {
  const r = createMailRenderer(dir);
  const data = { name: "Ada & Bo", title: "Breach <update>\nline two", at: "2030-03-31T10:00:00Z", zone: "Europe/Stockholm" };

  it("escapes HTML in the HTML part only, and keeps the subject on one line", () => {
    const m = r.render("notice", data);
    expect(m.subject).toBe("Notice: Breach <update> line two");
    expect(m.text).toBe("Dear Ada & Bo, Breach <update>\nline two at Sun 31 Mar 2030 12:00 CEST.");
    expect(m.html).toBe("<p>Dear Ada &amp; Bo, Breach &lt;update&gt;\nline two</p>");
  });

  it("picks the language's file for each part and falls back to the neutral one, then to en", () => {
    const sv = r.render("notice", data, { lang: "sv" });
    expect(sv.subject).toBe("Meddelande: Breach <update> line two");
    expect(sv.text).toBe("Hej Ada & Bo, Breach <update>\nline two Sun 31 Mar 2030 12:00 CEST.");
    expect(sv.html).toBe("<p>Dear Ada &amp; Bo, Breach &lt;update&gt;\nline two</p>");
    expect(r.render("only-en", { x: 1 }, { lang: "nb" })).toEqual({ subject: "English 1", text: "text 1", html: "<b>1</b>" });
  });

  it("refuses a missing field or template instead of sending a mail with a gap", () => {
    expect(() => r.render("notice", { name: "x" })).toThrow(/title/);
    expect(() => r.render("nothing", {})).toThrow(/mail template not found/);
  });
});
