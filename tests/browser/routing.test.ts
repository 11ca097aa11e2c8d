/**
 * Browser test: the administrators' alerting screens. Routing rules are added, reordered, refused
 * with the field named, disabled and deleted, and a matching alert raises its incident at once;
 * an outbound webhook is added with its secret shown once, rotated, its delivery log read and
 * disabled; an HTTP probe is added, runs, shows its result and is stopped.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client } from "../helpers/client.js";
import { alertmanagerFiring } from "../../server/alerts/samples/payloads.js";
import { relayWebhookEvents } from "../../server/webhooks/relay.js";
import { runDueProbes } from "../../server/probes/service.js";
import { SHOTS, ensureWebBuilt, openBrowser, signIn } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
let admin: Client;
let source: { id: string; secret: string };
const problems: string[] = [];

describe("web: routing rules, webhooks and probes", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    source = (await admin.post("/api/alert-sources", { name: "Prometheus production", kind: "alertmanager" })).body;
    ({ browser, page } = await openBrowser(problems));
    await signIn(page, app.baseUrl, app.admin);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("lets an administrator keep routing rules in order, and a matching alert raises its incident at once", async () => {
    await page.goto(`${app.baseUrl}/alert-sources`);
    await page.getByRole("link", { name: "Routing rules" }).click();
    await page.getByRole("heading", { level: 1, name: "Alert routing rules" }).waitFor();
    await page.getByText("No rules yet: every alert waits in the queue.").waitFor();

    const form = page.getByRole("form", { name: "Add a rule" });
    await form.getByLabel("Name").fill("Catch-all");
    await form.getByRole("button", { name: "Add rule" }).click();
    await page.getByRole("heading", { level: 3, name: "Catch-all" }).waitFor();

    await form.getByLabel("Name").fill("API pages");
    await form.getByRole("button", { name: "Add a condition" }).click();
    await form.getByLabel("Label", { exact: true }).fill("job");
    await form.getByLabel("Condition", { exact: true }).selectOption("regex");
    await form.getByLabel("Pattern (regular expression, whole value)").fill("(api");
    await form.getByLabel("Incident severity").selectOption("critical");
    await form.getByRole("group", { name: "Raise an incident at once for" }).getByLabel("Critical").check();
    await form.getByRole("button", { name: "Add rule" }).click();
    await form.getByText(/not a valid regular expression/).waitFor();
    await form.getByLabel("Pattern (regular expression, whole value)").fill("api|web");
    await form.getByRole("button", { name: "Add rule" }).click();
    const apiRule = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "API pages" }) });
    await apiRule.getByText("job matches api|web").waitFor();
    await apiRule.getByText("Raises an incident at once for: Critical.").waitFor();

    // Added last, so evaluated after the catch-all: move it up so that it can match first.
    await apiRule.getByRole("button", { name: "Move up" }).click();
    await page.getByText("Rule “API pages” moved.").waitFor();
    const names = async () => page.locator(".routing-rule h3").allTextContents();
    await expect.poll(names).toEqual(["API pages", "Catch-all"]);
    await page.screenshot({ path: path.join(SHOTS, "routing-rules.png"), fullPage: true });

    const r = await fetch(`${app.baseUrl}/api/alerts/alertmanager`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}` }, body: JSON.stringify(alertmanagerFiring()),
    });
    expect(await r.json()).toMatchObject({ created: 1 });
    const promoted = (await admin.get("/api/alerts?triage=promoted")).body.items;
    expect(promoted).toHaveLength(1);
    await page.goto(`${app.baseUrl}/incidents/${promoted[0].incident.id}`);
    await page.getByRole("list", { name: "Timeline, newest first" })
      .getByText("The alert “API 5xx error rate above 5 %” raised the incident automatically (routing rule “API pages”).").waitFor();

    // Another alert falls through to the catch-all, which raises nothing: it waits in the queue with the suggestion.
    const other = alertmanagerFiring({ fingerprint: "5e5e5e5e5e5e5e5e" });
    other.alerts[0].labels = { ...other.alerts[0].labels, job: "search" };
    const queued = await fetch(`${app.baseUrl}/api/alerts/alertmanager`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}` }, body: JSON.stringify(other),
    });
    expect(await queued.json()).toMatchObject({ created: 1 });
    await page.goto(`${app.baseUrl}/alerts`);
    await page.getByText("Routing rule “Catch-all” suggests: severity Critical.").waitFor();

    await page.goto(`${app.baseUrl}/routing-rules`);
    const catchAll = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Catch-all" }) });
    await catchAll.getByRole("button", { name: "Change" }).click();
    const edit = page.getByRole("form", { name: "Change the rule “Catch-all”" });
    await edit.getByLabel("Incident severity").selectOption("low");
    await edit.getByRole("button", { name: "Save rule" }).click();
    await catchAll.getByText("severity Low").waitFor();
    await catchAll.getByRole("button", { name: "Disable" }).click();
    await catchAll.getByText("Disabled", { exact: true }).waitFor();
    page.once("dialog", (d) => void d.accept());
    await catchAll.getByRole("button", { name: "Delete" }).click();
    await page.getByText("Rule “Catch-all” deleted.").waitFor();
    expect((await admin.get("/api/routing-rules")).body.items.map((x: { name: string; enabled: boolean }) => x.name)).toEqual(["API pages"]);
  });

  it("lets an administrator add a webhook (secret once), rotate it, read its delivery log and disable it", async () => {
    await page.getByRole("link", { name: "Outbound webhooks" }).click();
    await page.getByRole("heading", { level: 1, name: "Outbound webhooks" }).waitFor();
    await page.getByLabel("URL").fill("http://127.0.0.1:9/hooks/vakt");
    await page.getByRole("group", { name: "Events" }).getByLabel("Severity changed").check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    const first = (await page.getByLabel("Secret").textContent()) ?? "";
    expect(first).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "I have stored it" }).click();
    expect(await page.getByLabel("Secret").count()).toBe(0);
    const row = page.getByRole("row", { name: /127\.0\.0\.1:9\/hooks\/vakt/ });
    await row.getByText("Incident created, Severity changed").waitFor();

    await row.getByRole("button", { name: "Rotate secret" }).click();
    const second = (await page.getByLabel("Secret").textContent()) ?? "";
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    await page.getByRole("button", { name: "I have stored it" }).click();

    await relayWebhookEvents(app.running.ctx); // listens from here
    await admin.post("/api/incidents", { title: "Checkout slow" });
    await relayWebhookEvents(app.running.ctx);
    await row.getByRole("button", { name: "Delivery log" }).click();
    const log = page.getByRole("table", { name: "Deliveries to http://127.0.0.1:9/hooks/vakt" });
    await log.getByRole("row", { name: /Incident created INC-\d{4}-\d{4} pending 0/ }).waitFor();

    await row.getByRole("button", { name: "Disable" }).click();
    await row.getByText("Disabled by an administrator.").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "webhooks.png"), fullPage: true });
  });

  it("lets an administrator add an HTTP probe, see its last result and stop it", async () => {
    await page.getByRole("link", { name: "Probes" }).click();
    await page.getByRole("heading", { level: 1, name: "Built-in probes" }).waitFor();
    await page.getByLabel("Name").fill("Vakt itself");
    await page.getByLabel("Kind").selectOption("http");
    await page.getByLabel("URL").fill(`${app.baseUrl}/healthz`);
    await page.getByLabel("Expected HTTP status").fill("200");
    await page.getByLabel("Interval (seconds)").fill("30");
    await page.getByRole("button", { name: "Add probe" }).click();
    const row = page.getByRole("row", { name: /Vakt itself/ });
    await row.getByText("Not run yet").waitFor();
    await row.getByText(`GET ${app.baseUrl}/healthz, expects 200, every 30 s`).waitFor();

    expect(await runDueProbes(app.running.ctx)).toBe(1);
    await page.reload();
    await row.getByText(/^OK \(/).waitFor();
    await row.getByRole("button", { name: "Disable" }).click();
    await row.getByRole("cell", { name: "Disabled", exact: true }).waitFor();
    expect((await admin.get("/api/probes")).body.items[0]).toMatchObject({ name: "Vakt itself", disabled: true, lastOk: true });
    await page.screenshot({ path: path.join(SHOTS, "probes.png"), fullPage: true });

    // The one expected failure: the refused pattern's 400.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    expect(problems.filter((p) => /status of 400/.test(p))).toHaveLength(1);
  });
});
