import { defineConfig } from "@playwright/test";
import base from "./playwright.config.ts";

const PORT = Number(process.env.E2E_PORT ?? 3210);

/**
 * The pseudo-locale run (issue 13): the same server with ALLIES_PSEUDO_LOCALE=1 on a
 * database of its own, and only the spec that reads every page of the route table for
 * words outside the catalog. Part of `npm test`; alone:
 * `NODE_ENV=production npx react-router build && npx playwright test -c playwright.pseudo.config.ts`.
 */
export default defineConfig({
  ...base,
  testDir: "tests/e2e",
  testMatch: "**/*.pseudo.ts",
  testIgnore: [],
  // One long walk: a step that finds nothing fails in seconds instead of waiting out the walk's whole time.
  use: { ...base.use, actionTimeout: 20_000 },
  webServer: {
    ...base.webServer,
    command: "rm -rf .tmp/e2e-pseudo && node src/cli/main.ts serve",
    url: `http://localhost:${PORT}/healthz`,
    env: { PORT: String(PORT), HOST: "127.0.0.1", DATABASE_URL: "file:.tmp/e2e-pseudo/allies.db", LOG_LEVEL: "warn", ALLIES_DEMO_DATA: "1", ALLIES_PSEUDO_LOCALE: "1" },
  },
});
