import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "server/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", "tests/bench/**"],
    environment: "node",
    // One PostgreSQL server per run with a migrated template database (tests/helpers/globalSetup.ts).
    globalSetup: ["tests/helpers/globalSetup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
