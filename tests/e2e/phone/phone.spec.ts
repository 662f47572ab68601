import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";

// A specialist's key pages on a phone: nothing wider than the screen, and axe clean.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function fitsTheScreen(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth);
}

test("the caseload and a participant's pages fit a phone screen", async ({ page, signIn, checkA11y }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
  await page.goto("/participants");
  await fitsTheScreen(page);
  await checkA11y();
  const href = await page.locator("table.caseload tbody tr a").first().getAttribute("href");
  for (const path of ["", "/edit", "/network", "/concerns", "/meetings", "/plan", "/wins", "/benefits", "/benefits/estimate"]) {
    await page.goto(`${href}${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await fitsTheScreen(page);
    await checkA11y();
  }
});
