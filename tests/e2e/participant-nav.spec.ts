import { expect, test } from "./fixtures/test.ts";

// Issue 14: one navigation across a participant's pages, the same on each, with the
// section being shown marked for screen readers, and fitting a 360 px phone.
test.beforeEach(async ({ page }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
});

test("every page of a participant's record shows their name and the same sections, the current one marked", async ({ page, signIn, checkA11y }) => {
  await signIn("specialist@example.org");
  await page.goto("/participants");
  await page.locator("table.caseload tbody tr a").first().click();
  await page.waitForURL(/\/participants\/[0-9a-f-]{36}$/);
  const overview = page.url().replace(/\?.*$/, "");
  const nav = page.getByRole("navigation", { name: /^Sections of .+'s record$/ });
  await expect(nav).toBeVisible();
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await checkA11y();

  const sections = ["Network and consent", "Meetings", "Job support plan", "Small wins", "Concerns", "Benefits", "Contact notes"];
  for (const section of sections) {
    await nav.getByRole("link", { name: section }).click();
    await expect(nav.getByRole("link", { name: section })).toHaveAttribute("aria-current", "page");
    await expect(nav.locator("[aria-current]")).toHaveCount(1);
    await expect(page.getByTestId("participant-nav")).toHaveCount(1);
  }
  // A page inside a section marks its section, not as the page itself.
  await page.goto(`${overview}/meetings/new`);
  await expect(nav.getByRole("link", { name: "Meetings" })).toHaveAttribute("aria-current", "true");

  // On a phone the list wraps: nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${overview}/benefits`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await checkA11y();
});
