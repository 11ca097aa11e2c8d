import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The browser stage of `npm test`: the tests in tests/browser, with one web build and one Chromium for all files
 * (tests/browser/globalSetup.ts) besides the run's databases. A browser file run with the main config launches its own
 * Chromium instead.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/browser/**/*.test.ts"],
    globalSetup: ["tests/helpers/globalSetup.ts", "tests/browser/globalSetup.ts"],
  },
});
