import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM_LAUNCH, ensureWebBuilt } from "./harness.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The browser stage's one Chromium (tests/browser/globalSetup.ts); absent when a browser file runs under the main config. */
    chromiumEndpoint?: string;
  }
}

/**
 * The browser stage (vitest.browser.config.ts) builds the web app once and launches one Chromium for all its files;
 * each file connects to it (openBrowser in harness.ts) and gets its own contexts, instead of starting a browser of its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureWebBuilt();
  const server = await chromium.launchServer(CHROMIUM_LAUNCH);
  project.provide("chromiumEndpoint", server.wsEndpoint());
  return () => server.close();
}
