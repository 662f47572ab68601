import { expect, test } from "../fixtures/test.ts";

// An administrator finds every administration page from the header; a specialist,
// who may use none of them, is not offered the link and gets the not-found page.
test.use({ expectedConsoleErrors: [/status of 404/] });

test("an administrator reaches every administration page from one link in the header", async ({ page, signIn, checkA11y }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn("admin@example.org");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Administration" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
  const names = ["Users", "Program settings", "Messages", "Import a caseload", "Benefit figures by year", "Audit log"];
  for (const name of names) await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await checkA11y();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await page.getByRole("link", { name: "Program settings", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/program$/);
  await page.goBack();
  await page.getByRole("link", { name: "Import a caseload", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a caseload" })).toBeVisible();
});

test("a specialist is offered no administration and cannot open it", async ({ page, signIn }) => {
  await signIn("specialist@example.org");
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Administration" })).toHaveCount(0);
  const answer = await page.goto("/admin");
  expect(answer?.status()).toBe(404);
});
