import path from "node:path";
import { holdWriteLock } from "../../../scripts/reliability/outside-lock.ts";
import { expect, test } from "../fixtures/test.ts";

// The e2e server's database (playwright.config.ts), locked by another process
// the way a maintenance script might (docs/decisions/0020-sqlite-outside-lock.md).
const DATABASE = path.resolve(import.meta.dirname, "../../../.tmp/e2e/allies.db");

test.beforeEach(async ({ page }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
});

test("while another process holds the database, a specialist is told to try again, and then the record opens", async ({ context, signIn, checkA11y }) => {
  test.setTimeout(90_000);
  await signIn("specialist@example.org");
  // A 503 is logged by Chromium as a console error, expected here: so this happens
  // in a second tab of the same session, which the console check does not watch.
  const other = await context.newPage();
  await other.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await other.goto("/participants");
  const firstRecord = other.locator("table.caseload tbody tr a").first();
  const recordName = (await firstRecord.textContent())!.trim();

  const outside = holdWriteLock(DATABASE, 20_000);
  await outside.locked;
  // Following a link in the browser (the page's .data), then opening the address afresh.
  await firstRecord.click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Busy, try again", { timeout: 15_000 });
  await expect(other.getByText("Nothing was changed")).toBeVisible();
  await checkA11y(other);
  const answer = await other.reload();
  expect(answer?.status()).toBe(503);
  expect(answer?.headers()["retry-after"]).toMatch(/^\d+$/);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Busy, try again");

  await outside.released;
  await other.reload();
  await expect(other.getByRole("heading", { level: 1 })).toContainText(recordName.split(",")[0]!.trim());
});
