import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);

// Debian's Chromium, never a downloaded browser (see docs/decisions).
export default defineConfig({
  testDir: "tests/e2e",
  // The pseudo-locale spec runs on a server of its own (playwright.pseudo.config.ts).
  testIgnore: "**/*.pseudo.ts",
  // Each test is a whole journey through several pages; on a busy CI machine the long ones come near a minute.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "desktop", use: { browserName: "chromium", viewport: { width: 1280, height: 900 } } },
  ],
  webServer: {
    command: "rm -rf .tmp/e2e && node src/cli/main.ts serve",
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(PORT), HOST: "127.0.0.1", DATABASE_URL: "file:.tmp/e2e/allies.db", LOG_LEVEL: "warn", ALLIES_DEMO_DATA: "1" },
  },
});
