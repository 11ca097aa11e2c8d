/**
 * Browser test: alert sources and the alert queue. An administrator adds an Alertmanager source
 * and sees its secret once; Alertmanager posts a grouped notification with it; a responder
 * promotes one alert to a new incident, attaches another to an open incident, and dismisses the
 * third with a reason; the incidents' timelines name the alerts.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { alertmanagerGrouped } from "../../server/alerts/samples/payloads.js";
import { SHOTS, ensureWebBuilt, openBrowser, signIn } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
let admin: Client;
let responder: { email: string };
let openIncident: { id: string; reference: string };
const problems: string[] = [];
const PASSWORD = "Str0ng-Passw0rd!";

describe("web: the alert queue", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    responder = (await userWithRole(admin, "responder")).user;
    openIncident = (await admin.post("/api/incidents", { title: "Database cluster degraded" })).body;
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("lets an administrator add a source and shows its secret once", async () => {
    await signIn(page, app.baseUrl, app.admin);
    await page.getByRole("link", { name: "Alerts", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Alert queue" }).waitFor();
    await page.getByRole("link", { name: "Alert sources" }).click();
    await page.getByLabel("Name").fill("Prometheus production");
    await page.getByLabel("Kind").selectOption("alertmanager");
    await page.getByRole("button", { name: "Add source" }).click();
    const secret = (await page.getByLabel("Secret").textContent()) ?? "";
    expect(secret).toMatch(/^vakt_alert_/);
    await page.getByRole("button", { name: "I have stored it" }).click();
    expect(await page.getByLabel("Secret").count()).toBe(0);
    await page.getByRole("row", { name: /Prometheus production/ }).getByText("Enabled").waitFor();

    const r = await fetch(`${app.baseUrl}/api/alerts/alertmanager`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secret}` }, body: JSON.stringify(alertmanagerGrouped()),
    });
    expect(await r.json()).toMatchObject({ accepted: 3, created: 3 });
  });

  it("lets a responder promote, attach and dismiss alerts of a group", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, app.baseUrl, { email: responder.email, password: PASSWORD });
    await page.goto(`${app.baseUrl}/alerts`);
    const group = page.getByRole("region", { name: "Prometheus production · alertname=PostgresDown" });
    const item = (n: number) => group.getByRole("listitem").filter({ hasText: `PostgreSQL db-${n}:9187 is down` });
    await item(1).waitFor();
    expect(await group.getByRole("listitem").count()).toBe(3);

    await item(1).getByRole("button", { name: "Promote…" }).click();
    await item(1).getByLabel("Incident title").fill("PostgreSQL db-1 down");
    await item(1).getByRole("button", { name: "Promote to a new incident" }).click();
    await item(1).waitFor({ state: "detached" });

    await item(2).getByRole("button", { name: "Attach…" }).click();
    await item(2).getByLabel("Incident", { exact: true }).selectOption(openIncident.id);
    await item(2).getByRole("button", { name: "Attach to the incident" }).click();
    await item(2).waitFor({ state: "detached" });

    await item(3).getByRole("button", { name: "Dismiss…" }).click();
    await item(3).getByLabel("Reason").fill("Planned failover test of db-3");
    await item(3).getByRole("button", { name: "Dismiss the alert" }).click();
    await page.getByText("No new alerts.").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "alert-queue.png"), fullPage: true });

    const promoted = (await admin.get("/api/alerts?triage=promoted")).body.items;
    expect(promoted).toHaveLength(1);
    const created = (await admin.get(`/api/incidents/${promoted[0].incident.id}`)).body;
    expect(created.incident ?? created).toMatchObject({ title: "PostgreSQL db-1 down", severity: "medium", category: "availability" });
    const attached = (await admin.get("/api/alerts?triage=attached")).body.items;
    expect(attached.map((a: { incident: { id: string } }) => a.incident.id)).toEqual([openIncident.id]);
    expect((await admin.get("/api/alerts?triage=dismissed")).body.items[0].dismissedReason).toBe("Planned failover test of db-3");

    await page.goto(`${app.baseUrl}/incidents/${openIncident.id}`);
    await page.getByRole("list", { name: "Timeline, newest first" }).getByText(/ linked the alert “PostgreSQL db-2:9187 is down”/).waitFor();
    expect(problems).toEqual([]);
  });
});
