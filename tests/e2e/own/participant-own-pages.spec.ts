import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";
import { setParticipantLanguage } from "../fixtures/languages.ts";

// The participant's own pages on a small phone (issue 11 §2): the specialist prints
// Gloria's take-home copy, downloads her calendar file and makes the participant's
// link; the participant opens it, sees their plan, takes back their work schedule
// from Gloria (her copy changes at once), and finds both disclosures in "who has
// seen what" with the reader and the categories. Axe on every page.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

async function fitsTheScreen(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth);
}

test("the participant opens their link, sees their plan, withdraws a category and sees who has seen what", async ({ page, browser, signIn, checkA11y }) => {
  // Two browsers, four pages checked with axe: longer than one page's test.
  test.setTimeout(180_000);
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
  await page.goto("/participants");
  // The demo participant whose mother Gloria Reyes helps.
  let base = "";
  for (const href of await page.locator("table.caseload tbody tr a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))) {
    if ((await (await page.request.get(`${href}/network`)).text()).includes("Gloria Reyes")) {
      base = href;
      break;
    }
  }
  expect(base).not.toBe("");
  // This test reads the participant's pages in English.
  setParticipantLanguage(base.split("/").pop()!, "en");
  await page.goto(`${base}/network`);
  const gloriaId = (await page.getByRole("link", { name: "Gloria Reyes" }).getAttribute("href"))!.split("/").pop()!;
  await page.goto(`${base}/meetings`);
  const meetingId = (await page.getByRole("link", { name: "Planning for more hours" }).first().getAttribute("href"))!.split("/").pop()!;

  // Gloria's take-home copy, printed, and her calendar file, downloaded.
  await page.goto(`${base}/plan/take-home?for=${gloriaId}`);
  await expect(page.locator("article")).toContainText("A ride to the Saturday shift");
  const ics = await page.request.get(`${base}/meetings/${meetingId}/invitees/${gloriaId}.ics`);
  expect(ics.status()).toBe(200);

  // The specialist makes the participant's link on the participant's page.
  await page.goto(base);
  // The demo already made one: a new link replaces it.
  await page.getByRole("button", { name: /^Make a (new )?link/ }).click();
  const link = (await page.getByTestId("own-link").textContent())!.trim();
  expect(link).toMatch(/\/l\/[\w-]+$/);

  // The participant, on their own phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const own = await phone.newPage();
  await own.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await own.goto(link);
  await expect(own).toHaveURL(/\/me$/);
  await expect(own.getByRole("heading", { name: "My plan", level: 2 })).toBeVisible();
  await expect(own.getByText("A ride to the Saturday shift")).toBeVisible();
  await expect(own.getByText(/Report it by/).first()).toBeVisible();
  await fitsTheScreen(own);
  await checkA11y(own);

  await own.getByRole("link", { name: "Who can see what" }).click();
  await expect(own.getByRole("heading", { name: "Gloria Reyes", level: 2 })).toBeVisible();
  await fitsTheScreen(own);
  await checkA11y(own);
  await own.getByRole("button", { name: "Stop sharing \"When you work\" with Gloria Reyes" }).click();
  await expect(own.getByRole("status")).toContainText("they cannot see it");
  const gloria = own.getByRole("region", { name: "Gloria Reyes" });
  await expect(gloria.getByText("You took back: When you work.")).toBeVisible();
  await expect(gloria.getByRole("button", { name: /Stop sharing "When you work"/ })).toHaveCount(0);

  // Gloria's copy changes at once: the Saturday ride tells her when the participant works.
  await page.goto(`${base}/plan/take-home?for=${gloriaId}`);
  await expect(page.locator("article")).not.toContainText("A ride to the Saturday shift");

  await own.getByRole("link", { name: "Who has seen what" }).click();
  const seen = own.getByRole("list", { name: "Things shared, newest first" });
  // Two copies, newest first: the one printed after the withdrawal told her nothing of the schedule, the first one did.
  const copies = seen.getByRole("listitem").filter({ hasText: "Gloria Reyes got a printed copy of their part of your plan" });
  await expect(copies).toHaveCount(2);
  await expect(copies.first()).not.toContainText("When you work");
  await expect(copies.last()).toContainText("When you work");
  const invite = seen.getByRole("listitem").filter({ hasText: "Gloria Reyes got a calendar invite for a meeting" }).first();
  await expect(invite).toContainText("Your benefits and your money");
  await fitsTheScreen(own);
  await checkA11y(own);

  await own.getByRole("link", { name: "A copy of my record" }).click();
  await expect(own.getByRole("link", { name: /Download as PDF/ })).toBeVisible();
  await fitsTheScreen(own);
  await checkA11y(own);
  const json = await own.request.get("/me/copy.json");
  expect(json.status()).toBe(200);
  expect(JSON.stringify(await json.json())).toContain("A ride to the Saturday shift");
  await phone.close();
});
