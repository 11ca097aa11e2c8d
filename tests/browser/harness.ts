/** Shared set-up for the browser tests: the built web app, Chromium, and a page that records problems. */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Download, type LaunchOptions, type Page } from "playwright-core";
import { inject } from "vitest";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SHOTS = path.join(ROOT, "tests/.tmp");
const INDEX = path.join(ROOT, "dist/web/index.html");

/** How Chromium starts: once per browser stage (globalSetup.ts), or per file when a browser file runs on its own config. */
export const CHROMIUM_LAUNCH: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when dist/web is missing or older than its sources. */
export async function ensureWebBuilt() {
  const built = fs.existsSync(INDEX) ? fs.statSync(INDEX).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(ROOT, "web")), newestMtime(path.join(ROOT, "shared")), fs.statSync(path.join(ROOT, "vite.config.ts")).mtimeMs);
  if (built > sources) return;
  // vitest sets NODE_ENV=test, which would make vite bundle React's development build.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    // Imported here: most runs find the build current, and vite is a heavy import for every browser file.
    const { build } = await import("vite");
    await build({ configFile: path.join(ROOT, "vite.config.ts"), mode: "production", logLevel: "warn" });
  } finally {
    process.env.NODE_ENV = env;
  }
}

/**
 * Chromium with one page (en-GB, Europe/Stockholm). Page errors and console errors go to
 * `problems`, except expected answers: 401s (signed out, wrong password). In the browser stage this connects to the
 * stage's one Chromium (globalSetup.ts); `browser.close()` then closes this file's contexts and disconnects.
 */
export async function openBrowser(problems: string[]): Promise<{ browser: Browser; page: Page }> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const endpoint = inject("chromiumEndpoint");
  const browser = endpoint ? await chromium.connect(endpoint) : await chromium.launch(CHROMIUM_LAUNCH);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB", timezoneId: "Europe/Stockholm" });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error" || /status of 401/.test(m.text())) return;
    problems.push(`console: ${m.text()}`);
  });
  return { browser, page };
}

/**
 * Signs in on the sign-in page and waits for where the user lands: the incident list, or
 * `expectPath` for users who land elsewhere (controllers land on "/portal").
 */
export async function signIn(page: Page, baseUrl: string, user: { email: string; password: string }, opts: { expectPath?: string } = {}) {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const { expectPath } = opts;
  if (expectPath) await page.waitForURL((u) => u.pathname === expectPath);
  else await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
}

/** axe-core's serious and critical WCAG 2.x A/AA findings, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { AxeBuilder } = await import("@axe-core/playwright");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${page.url()}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** A download's bytes: saved to a local file first, since a browser reached over `connect` has no local path. */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `download-${process.pid}-${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  try {
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
