/**
 * Browser test: the metrics dashboard over a small data set seeded through the API (five
 * incidents detected 1 to 10 hours ago, two resolved, two follow-up actions, one controller with two notices, one acknowledged),
 * its charts drawn and its tables equal to the hand-computed numbers; then the audit log
 * searched by incident and its chain verified intact; the access review shows accounts and
 * tokens to the auditor read-only, and lets the admin deactivate an account (audited).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { SHOTS, ensureWebBuilt, openBrowser, signIn } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
let admin: Client;
let auditor: { email: string };
let owner: { id: string; name: string };
const problems: string[] = [];
const H = 3600_000;
const ORG = "Dashboard skola AB (synthetic)";

interface Seed { title: string; ageHours: number; category: string; severity: string; until: "detected" | "triaged" | "resolved"; personalData?: "yes" }
// Triage hours of the triaged ones: 1, 2, 4, 10; resolve hours of the resolved ones: 4, 10
// (all transitions happen now, so each is the incident's age give or take a second).
const SEED: Seed[] = [
  { title: "Dashboard A: account takeover", ageHours: 1, category: "intrusions", severity: "high", until: "triaged", personalData: "yes" },
  { title: "Dashboard B: admin panel exposed", ageHours: 2, category: "intrusions", severity: "high", until: "triaged" },
  { title: "Dashboard C: outage of the API", ageHours: 4, category: "availability", severity: "low", until: "resolved" },
  { title: "Dashboard D: slow database", ageHours: 10, category: "availability", severity: "medium", until: "resolved" },
  { title: "Dashboard E: odd login pattern", ageHours: 3, category: "other", severity: "low", until: "detected" },
];
const detectedAt: string[] = [];
let resolvedIds: string[] = [];
let resolvedRef = "";

async function seedIncident(s: Seed, ownerId: string): Promise<{ id: string; reference: string }> {
  const at = new Date(Date.now() - s.ageHours * H).toISOString();
  detectedAt.push(at);
  const inc = (await admin.post("/api/incidents", { title: s.title, description: "Synthetic incident for the dashboard test", detectedAt: at })).body;
  const I = `/api/incidents/${inc.id}`;
  const ok = (r: { status: number; body: unknown }, what: string) => { if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`); return r.body as any; };
  let v = ok(await admin.patch(I, { version: 1, category: s.category, severity: s.severity, level: "system", personalData: s.personalData ?? "no", ownerId }), "classify").version;
  if (s.until === "detected") return inc;
  ok(await admin.post(`${I}/transitions`, { to: "triaged" }), "triage");
  if (s.until === "triaged") return inc;
  const action = ok(await admin.post(`${I}/actions`, { title: "Restore the service" }), "action").actions[0];
  ok(await admin.post(`${I}/transitions`, { to: "remediating" }), "remediate");
  ok(await admin.patch(`${I}/actions/${action.id}`, { status: "done", note: "Restored" }), "action done");
  v = ok(await admin.get(I), "get").version;
  ok(await admin.patch(I, { version: v, impact: { summary: "Service unavailable for a while", affectedSystems: ["api"] } }), "impact");
  ok(await admin.post(`${I}/transitions`, { to: "resolved" }), "resolve");
  return inc;
}

/** The numbers of a dashboard table as {row header: [cells]}. */
async function tableOf(section: Locator): Promise<Record<string, string[]>> {
  const rows = await section.locator("table tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("th")?.textContent?.trim() ?? "", ...Array.from(tr.querySelectorAll("td"), (td) => td.textContent?.trim() ?? "")]));
  return Object.fromEntries(rows.filter((r) => r.length > 1).map(([h, ...cells]) => [h, cells]));
}

describe("web: the metrics dashboard and the audit log", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    owner = (await userWithRole(admin, "manager")).user;
    auditor = (await userWithRole(admin, "auditor")).user;
    const seeded = [];
    for (const s of SEED) seeded.push(await seedIncident(s, owner.id));
    resolvedIds = [seeded[2].id, seeded[3].id];
    resolvedRef = seeded[2].reference;
    // One controller whose data incident A touched.
    const org = await admin.post("/api/organizations", { name: ORG, country: "SE", language: "sv" });
    expect(org.status).toBe(201);
    const touched = await admin.put(`/api/incidents/${seeded[0].id}/affected-organizations`, { organizationIds: [org.body.id] });
    expect(touched.status).toBe(200);
    // Two notices to it (fixture rows: sending needs SMTP): one acknowledged 1.5 h after sending, one not yet.
    const sentAt = new Date(Date.now() - 3 * H);
    for (const [sequence, acknowledgedAt] of [[1, new Date(sentAt.getTime() + 1.5 * H)], [2, null]] as const) {
      await app.running.ctx.prisma.notice.create({
        data: {
          incidentId: seeded[0].id, organizationId: org.body.id, phase: sequence === 1 ? "initial" : "update", sequence, language: "sv", subject: "Notice", body: "Synthetic",
          facts: {}, status: acknowledgedAt ? "acknowledged" : "sent", sentAt, acknowledgedAt,
        },
      });
    }
    // Two follow-up actions from incident C's review: one overdue, one due next month.
    const review = await admin.put(`/api/incidents/${seeded[2].id}/review`, {
      followUps: [
        { title: "Add a second API node", ownerId: owner.id, dueAt: new Date(Date.now() - 48 * H).toISOString() },
        { title: "Alert on API latency", ownerId: owner.id, dueAt: new Date(Date.now() + 30 * 24 * H).toISOString() },
      ],
    });
    expect(review.status).toBe(200);
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("draws the charts and shows the hand-computed numbers in their tables", async () => {
    await signIn(page, app.baseUrl, { email: auditor.email, password: "Str0ng-Passw0rd!" });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    expect(await page.getByRole("button", { name: "Last 12 months" }).getAttribute("aria-pressed")).toBe("true");

    // Each chart is an SVG with one bar per non-zero row.
    const byCategory = page.getByRole("region", { name: "Incidents by category" });
    await byCategory.locator(".recharts-wrapper > svg").waitFor();
    for (const name of ["Incidents by month", "Incidents by severity", "Response times", "Per controller"]) {
      await page.getByRole("region", { name }).locator(".recharts-wrapper > svg").waitFor();
    }
    expect(await byCategory.locator(".recharts-bar-rectangle path").count()).toBe(3);
    expect(await byCategory.locator(".chart").getAttribute("role")).toBe("img");
    expect(await byCategory.locator(".chart").getAttribute("aria-label")).toBe("Bar chart: Incidents by category. The numbers are in the table below.");

    expect(await tableOf(byCategory)).toEqual({ Intrusions: ["2"], Availability: ["2"], Other: ["1"], Total: ["5"] });
    expect(await tableOf(page.getByRole("region", { name: "Incidents by severity" }))).toEqual({ Low: ["2"], Medium: ["1"], High: ["2"], Total: ["5"] });
    // Months as the server groups them (UTC); the quiet months of the year show as zero.
    const months = await tableOf(page.getByRole("region", { name: "Incidents by month" }));
    const expected = new Map<string, number>();
    for (const at of detectedAt) {
      const label = new Date(at).toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
      expected.set(label, (expected.get(label) ?? 0) + 1);
    }
    for (const [label, n] of expected) expect(months[label]).toEqual([String(n)]);
    expect(Object.values(months).filter(([c]) => c !== "0").length).toBe(expected.size + 1); // + the total row
    expect(months.Total).toEqual(["5"]);
    expect(Object.keys(months).length).toBeGreaterThanOrEqual(13); // 12 months and the total

    // Triage 1, 2, 4, 10 h: median 3, p90 = 4 + 0.7 × 6 = 8.2. Resolve 4, 10 h: median 7, p90 = 4 + 0.9 × 6 = 9.4.
    expect(await tableOf(page.getByRole("region", { name: "Response times" }))).toEqual({
      "Time to triage": ["3 h", "8.2 h", "4"],
      "Time to resolve": ["7 h", "9.4 h", "2"],
    });
    expect(await tableOf(page.getByRole("region", { name: "Follow-up actions" }))).toEqual({ Open: ["2"], Overdue: ["1"], Done: ["0"] });
    expect(await tableOf(page.getByRole("region", { name: "Obligations" }))).toEqual({
      Done: ["0"], "Done on time": ["0"], "Met on time": ["—"], Pending: ["0"], "Overdue now": ["0"], Waived: ["0"],
    });
    expect(await tableOf(page.getByRole("region", { name: "Per controller" }))).toEqual({ [ORG]: ["1", "0", "0", "2", "1", "1.5 h", "1.5 h"] });
    const tiles = page.getByRole("list", { name: "Key figures" });
    expect(await tiles.locator(".stat-value").allTextContents()).toEqual(["5", "5", "—", "2"]);
    await page.screenshot({ path: path.join(SHOTS, "dashboard.png"), fullPage: true });

    // A number leads to the filtered list.
    await page.getByRole("region", { name: "Incidents by severity" }).getByRole("row", { name: /High/ }).getByRole("link", { name: "2" }).click();
    await page.waitForURL(/\/incidents\?severity=high$/);
    await page.getByRole("table").getByRole("link", { name: /Dashboard A/ }).waitFor();
    await page.getByRole("table").getByRole("link", { name: /Dashboard B/ }).waitFor();
    expect(await page.getByRole("table").getByRole("link", { name: /Dashboard C/ }).count()).toBe(0);

    // Another period: only incidents of a day long past, none.
    await page.goBack();
    await page.getByLabel("First day").fill("2020-01-01");
    await page.getByLabel("Last day").fill("2020-01-31");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.waitForURL(/from=2020-01-01&to=2020-01-31/);
    await page.getByRole("region", { name: "Incidents by category" }).getByText("No incidents detected in this period.").waitFor();
    expect(await page.locator("svg.recharts-surface").count()).toBe(0);
    expect(await tableOf(page.getByRole("region", { name: "Incidents by month" }))).toEqual({ "Jan 2020": ["0"], Total: ["0"] });
    expect(problems).toEqual([]);
  }, 60_000);

  it("searches the audit log by incident and verifies the chain intact", async () => {
    const all = (await admin.get("/api/audit/verify")).body;
    expect(all.valid).toBe(true);
    const ofIncident = (await admin.get(`/api/audit?incidentId=${resolvedIds[0]}&limit=200`)).body.items as { id: string }[];
    expect(ofIncident.length).toBeGreaterThan(5);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    const result = page.getByTestId("verify-result");
    await result.getByText("Intact").waitFor();
    const firstCheck = await result.textContent();
    await page.getByRole("button", { name: "Verify chain" }).click();
    await result.getByText("Intact").waitFor();
    const entries = (await admin.get("/api/audit/verify")).body.entries as number;
    expect(await result.textContent()).toContain(`All ${entries.toLocaleString("en-GB")} entries verified`);
    expect(firstCheck).toContain("entries verified");

    const search = page.getByRole("search", { name: "Search the audit log" });
    await search.getByLabel("Incident").fill("INC-0000-9999");
    await search.getByRole("button", { name: "Search" }).click();
    await search.getByText("No incident has the reference INC-0000-9999.").waitFor();
    await search.getByLabel("Incident").fill(resolvedRef);
    await search.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(new RegExp(`incidentId=${resolvedIds[0]}`));
    await search.getByRole("link", { name: resolvedRef }).waitFor();
    const table = page.getByRole("table", { name: "Audit entries, newest first" });
    await expect.poll(async () => (await table.locator("tbody tr td:first-child").allTextContents()).join(",")).toBe(ofIncident.map((e) => e.id).join(","));
    expect(await table.getByText("✓ matches").count()).toBe(ofIncident.length);
    expect(await table.getByText("✗ altered").count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "audit-search.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it("shows the access review to the auditor read-only and lets an admin deactivate an account", async () => {
    // An API token used once, so its last use shows.
    const token = (await admin.post("/api/tokens", { name: "Ticket export (synthetic)" })).body.token as string;
    expect((await fetch(`${app.baseUrl}/api/incidents`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Access review" }).click();
    await page.getByRole("heading", { level: 1, name: "Access review" }).waitFor();
    const table = page.getByRole("table", { name: "Accounts and their API tokens" });
    const adminRow = table.getByRole("row", { name: new RegExp(app.admin.email) });
    await adminRow.getByText("Ticket export (synthetic)").waitFor();
    expect(await adminRow.textContent()).toContain("last used just now");
    const ownerRow = table.getByRole("row", { name: new RegExp(owner.name) });
    expect(await ownerRow.textContent()).toContain("Incident owner");
    expect(await ownerRow.getByText("Active", { exact: true }).count()).toBe(1);
    expect(await page.getByRole("button", { name: /^Deactivate/ }).count()).toBe(0); // auditors only read

    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, app.baseUrl, app.admin);
    await page.locator(".user-role", { hasText: "Administrator" }).waitFor();
    await page.goto(`${app.baseUrl}/access-review`);
    expect(await table.getByRole("button", { name: `Deactivate ${app.admin.email}` }).count()).toBe(0);
    await table.getByRole("button", { name: `Deactivate ${owner.name}` }).click();
    await ownerRow.getByText("Deactivated", { exact: true }).waitFor();
    const users = (await admin.get("/api/users")).body.items as { id: string; active?: boolean }[];
    expect(users.find((u) => u.id === owner.id)).toMatchObject({ active: false });
    const audit = (await admin.get("/api/audit?action=user.updated")).body.items as { targetId: string; after: { active?: boolean } }[];
    expect(audit.some((e) => e.targetId === owner.id && e.after?.active === false)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "access-review.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
