import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";
import { setParticipantLanguage } from "../fixtures/languages.ts";

// Message choices (issue 12) on a small phone: the participant opens their link,
// asks for the SSI wage report reminder, is told text needs a number texts can
// reach; the specialist sees the choice and who made it. Axe on every page.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

async function fitsTheScreen(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth);
}

test("the participant chooses their reminders and the specialist sees it", async ({ page, browser, signIn, checkA11y }) => {
  test.setTimeout(180_000);
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
  await page.goto("/participants");
  const base = (await page.locator("table.caseload tbody tr a").first().getAttribute("href"))!;
  // This test reads the participant's pages in English.
  setParticipantLanguage(base.split("/").pop()!, "en");
  await page.goto(base);
  await page.getByRole("button", { name: /^Make a (new )?link/ }).click();
  const link = (await page.getByTestId("own-link").textContent())!.trim();

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const own = await phone.newPage();
  await own.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await own.goto(link);
  await own.getByRole("link", { name: "Messages" }).click();
  await expect(own.getByRole("heading", { name: "How we send you messages", level: 1 })).toBeVisible();
  await fitsTheScreen(own);
  await checkA11y(own);

  // The demo's numbers have no area code: text is refused on the field, and the summary takes focus.
  await own.getByLabel("Text message").check();
  await own.getByRole("button", { name: "Save my choices" }).click();
  await expect(own.getByText("Text messages need a mobile phone number with its area code").first()).toBeVisible();
  await fitsTheScreen(own);
  await checkA11y(own);

  await own.getByLabel("Do not send me messages").check();
  await own.getByLabel(/On the 5th of each month/).check();
  await own.getByRole("button", { name: "Save my choices" }).click();
  await expect(own.getByRole("status")).toContainText("Your choices are saved.");
  await expect(own.getByText(/Reminders: .*SSI wage report/)).toBeVisible();
  await phone.close();

  await page.goto(base);
  const messages = page.getByRole("region", { name: "Messages from Allies" });
  await expect(messages.getByText(/SSI wage report/)).toBeVisible();
  await expect(messages.getByText(/Last changed by them on/)).toBeVisible();
  await messages.getByRole("link", { name: "Change message choices" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Messages to");
  await fitsTheScreen(page);
  await checkA11y(page);
});
