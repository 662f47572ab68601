import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";

/**
 * Every page in the pseudo-locale (playwright.pseudo.config.ts): catalog words come
 * between ⟦ ⟧, demo data between « ». What is left once both are taken out must have
 * no letters; any that remain are words a page wrote without the catalog.
 */
async function strays(page: Page): Promise<string[]> {
  const text = await page.locator("body").innerText();
  let rest = text;
  for (let previous = ""; previous !== rest;) {
    previous = rest;
    rest = rest.replace(/⟦[^⟦⟧]*⟧/g, " ").replace(/«[^«»]*»/g, " ");
  }
  // Email addresses are data too, left unmarked because the demo accounts sign in with them.
  rest = rest.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, " ");
  return rest.split("\n").map((line) => line.trim()).filter((line) => /\p{L}/u.test(line));
}

async function expectNoStrays(page: Page, path: string, found: Record<string, string[]>) {
  const response = await page.goto(path);
  // The ended-link page answers 401 by design; everything else must be a page.
  expect(response?.status(), path).toBe(path === "/l" ? 401 : 200);
  await expect(page.locator("html")).toHaveAttribute("lang", "en-XA");
  const lines = await strays(page);
  if (lines.length) found[path] = lines;
}

test.use({ expectedConsoleErrors: [/status of 401/] });

test.beforeEach(async ({ page }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
});

test("no page writes words outside the catalog: public, staff, participant and support person pages", async ({ page, browser, signIn }) => {
  test.setTimeout(600_000);
  const found: Record<string, string[]> = {};
  for (const path of ["/sign-in", "/benefits/estimate", "/glossary", "/l"]) await expectNoStrays(page, path, found);

  await signIn("specialist@example.org");
  await expectNoStrays(page, "/participants", found);
  await expectNoStrays(page, "/profile", found);
  // Each demo participant's pages, with the people and meetings on them.
  await page.goto("/participants");
  const participants = await page.locator("table.caseload tbody tr a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  expect(participants.length).toBeGreaterThan(0);
  for (const base of participants.slice(0, 1)) {
    for (const sub of ["", "/edit", "/network", "/network/discover", "/meetings", "/meetings/new", "/plan", "/plan/take-home", "/wins", "/benefits", "/benefits/estimate", "/concerns"]) {
      await expectNoStrays(page, `${base}${sub}`, found);
    }
    await page.goto(`${base}/network`);
    for (const href of (await page.locator("main a[href*='/network/']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))).filter((h) => /\/network\/[\w-]{36}$/.test(h)).slice(0, 2)) {
      await expectNoStrays(page, href, found);
    }
    await page.goto(`${base}/meetings`);
    for (const href of (await page.locator("main a[href*='/meetings/']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))).filter((h) => /\/meetings\/[\w-]{36}$/.test(h)).slice(0, 2)) {
      for (const sub of ["", "/invitations", "/minutes"]) await expectNoStrays(page, `${href}${sub}`, found);
    }
  }

  // The participant's own pages, through a new link made for them.
  await page.goto(participants[0]!);
  await page.getByRole("button", { name: /Make a (new )?link/ }).click();
  const link = (await page.getByTestId("own-link").textContent())!.replace(/[⟦⟧«»]/g, "").trim();
  const phone = await browser.newContext();
  const own = await phone.newPage();
  await own.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await own.goto(link);
  for (const path of ["/me", "/me/privacy", "/me/seen", "/me/copy"]) await expectNoStrays(own, path, found);
  await phone.close();

  expect(found).toEqual({});
});
