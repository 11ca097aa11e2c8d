import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { resolvedIncident } from "../../tests/helpers/incidents.js";
import { ConfigError, loadConfig } from "../config.js";

describe("a replaced review template (REVIEW_TEMPLATE)", () => {
  let app: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-review-template-"));
  const file = path.join(dir, "ours.md.hbs");
  afterAll(async () => {
    await app?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("renders the Markdown and the PDF from the configured file", async () => {
    fs.writeFileSync(file, "# Uppföljning {{incident.reference}}\n\nRotorsak: {{#each rootCause}}{{this}}{{/each}}\n\nTid till upptäckt: {{hours draft.durations.0.hours}}\n");
    app = await pgliteBackend.start({ REVIEW_TEMPLATE: file });
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const manager = await userWithRole(admin, "manager");
    const id = await resolvedIncident(admin, manager.user.id, "Template probe");
    await manager.client.put(`/api/incidents/${id}/review`, { rootCause: ["Utgånget certifikat"] });
    const md = await admin.get(`/api/incidents/${id}/review.md`);
    expect(md.body).toMatch(/^# Uppföljning INC-\d{4}-\d{4}\n\nRotorsak: Utgånget certifikat\n\nTid till upptäckt: unknown\n$/);
    const pdf = await fetch(`${app.baseUrl}/api/incidents/${id}/review.pdf`, { headers: { cookie: admin.cookie } });
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    // Edited in place: the next export uses the new text.
    fs.writeFileSync(file, "Version two {{status}}\n");
    expect((await admin.get(`/api/incidents/${id}/review.md`)).body).toBe("Version two draft\n");
  });

  it("refuses a template path that does not exist at start-up", () => {
    expect(() => loadConfig({ REVIEW_TEMPLATE: path.join(dir, "missing.hbs") })).toThrow(ConfigError);
    expect(() => loadConfig({ REVIEW_TEMPLATE: path.join(dir, "missing.hbs") })).toThrow(/REVIEW_TEMPLATE: names a file that does not exist/);
  });
});
