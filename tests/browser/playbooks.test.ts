/**
 * Browser test: an administrator edits a playbook in the web app (a new task with its owner role, due offset and
 * checklist), creates one, retires another, and applies the edited one to an incident: the action plan then holds the
 * new task with its checklist, and the retired playbook is not offered.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client } from "../helpers/client.js";
import { SHOTS, ensureWebBuilt, openBrowser, signIn } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
let incidentId = "";
const problems: string[] = [];
type Playbook = { id: string; kind: string; title: string; version: number; retired: boolean; tasks: { title: string; role: string; dueHours: number; checklist: string[] }[] };
let admin: Client;
const englishPlaybooks = async () => (await admin.get("/api/playbooks?language=en")).body.items as Playbook[];

describe("web: playbook editor", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    incidentId = (await admin.post("/api/incidents", { title: "Laptop left on the train (synthetic)" })).body.id as string;
    ({ browser, page } = await openBrowser(problems));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("edits a playbook's tasks, creates and retires playbooks, and applies the edited one to an incident", async () => {
    const [device, other] = await englishPlaybooks();
    await signIn(page, app.baseUrl, app.admin);
    await page.getByRole("link", { name: "Playbooks", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Playbooks" }).waitFor();
    await page.getByRole("link", { name: device.title, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: device.title }).waitFor();

    // Edit: a new title and one more task, owned by the privacy officer, due in 6 hours, with a two-item checklist.
    const title = `${device.title} (edited)`;
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByRole("button", { name: "Add a task" }).click();
    const n = device.tasks.length + 1;
    const task = page.getByRole("group", { name: `Task ${n}`, exact: true });
    await task.getByLabel("What needs doing").fill("Tell the school's data protection officer");
    await task.getByLabel("Owner role").selectOption({ label: "Privacy officer" });
    await task.getByLabel("Due, hours after applying").fill("6");
    await task.getByLabel("Checklist").fill("Which pupils' data was on it\nWhether the disk was encrypted");
    await page.getByRole("button", { name: "Save playbook" }).click();
    await page.getByText(`Version ${device.version + 1}`).waitFor();
    const saved = (await englishPlaybooks()).find((p) => p.id === device.id)!;
    expect(saved.title).toBe(title);
    expect(saved.tasks.at(-1)).toEqual({ title: "Tell the school's data protection officer", role: "privacy", dueHours: 6, checklist: ["Which pupils' data was on it", "Whether the disk was encrypted"] });

    // A field the server refuses is named, nothing is saved.
    await task.getByLabel("What needs doing").fill("");
    await page.getByRole("button", { name: "Save playbook" }).click();
    await task.locator(".field-error").waitFor();
    expect((await englishPlaybooks()).find((p) => p.id === device.id)!.version).toBe(device.version + 1);
    await page.screenshot({ path: path.join(SHOTS, "playbook-editor.png"), fullPage: true });

    // Create one.
    await page.getByRole("link", { name: "← Playbooks" }).click();
    await page.getByRole("link", { name: "New playbook" }).click();
    const form = page.getByRole("form", { name: "New playbook" });
    await form.getByLabel("Kind").fill("lost-badge");
    await form.getByLabel("Language").selectOption("sv");
    await form.getByLabel("Title", { exact: true }).fill("Borttappat passerkort");
    const first = form.getByRole("group", { name: "Task 1", exact: true });
    await first.getByLabel("What needs doing").fill("Spärra passerkortet");
    await first.getByLabel("Due, hours after applying").fill("1");
    await page.getByRole("button", { name: "Save playbook" }).click();
    await page.getByRole("heading", { level: 1, name: "Borttappat passerkort" }).waitFor();
    const created = ((await admin.get("/api/playbooks?language=sv")).body.items as Playbook[]).find((p) => p.kind === "lost-badge");
    expect(created?.tasks).toEqual([{ title: "Spärra passerkortet", role: "responder", dueHours: 1, checklist: [] }]);

    // Retire another.
    await page.goto(`${app.baseUrl}/playbooks/${other.id}`);
    await page.getByRole("button", { name: "Retire playbook" }).click();
    await page.getByText("This playbook is retired").waitFor();
    expect((await englishPlaybooks()).find((p) => p.id === other.id)!.retired).toBe(true);

    // Apply the edited one on the incident.
    await page.goto(`${app.baseUrl}/incidents/${incidentId}`);
    const picker = page.getByLabel("Playbook", { exact: true });
    await picker.waitFor();
    const offered = await picker.locator("option").allTextContents();
    expect(offered).toContain(`${title} (en)`);
    expect(offered).not.toContain(`${other.title} (en)`);
    await picker.selectOption({ label: `${title} (en)` });
    await page.getByRole("button", { name: "Apply playbook" }).click();
    const action = page.locator("#actions li.action", { hasText: "Tell the school's data protection officer" });
    await action.waitFor();
    await expect.poll(() => action.textContent()).toContain("☐ Whether the disk was encrypted");
    expect(await page.locator("#actions li.action").count()).toBe(n);
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  }, 180_000);
});
