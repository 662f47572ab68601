import { expect, test } from "../fixtures/test.ts";
import { translate } from "../../../src/i18n/index.ts";

test.beforeEach(async ({ page }) => {
  // The app has no favicon yet; Chromium's automatic request would otherwise log a 404 as a console error.
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
});

test("a specialist chooses the language of their pages on the profile, and the pages follow it", async ({ page, signIn, checkA11y }) => {
  await signIn("specialist@example.org");
  await page.goto("/profile");
  const language = page.getByLabel("Language of the pages");
  // Only the languages that have a catalog are offered, each named in its own language.
  await expect(language.locator("option")).toHaveText(["English", "Español"]);
  await expect(language).toHaveValue("en");
  await checkA11y();

  await language.selectOption("es");
  const catalogs: string[] = [];
  page.on("request", (request) => {
    const chunk = /\/assets\/(en|es)-[\w-]+\.js$/.exec(new URL(request.url()).pathname);
    if (chunk) catalogs.push(chunk[1]!);
  });
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page).toHaveURL(/\/profile\?language=saved#language$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  // The browser changed language without a page load: it fetched the Spanish catalog
  // before showing the page, so the words are Spanish, not keys (decision 0046).
  await expect(page.getByRole("status")).toHaveText(translate("es", "profile.language.saved"));
  expect(catalogs).toEqual(["es"]);
  await page.goto("/participants");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await checkA11y();

  // Back to English for the specs that follow, which read the specialist's pages in English.
  await page.goto("/profile");
  await page.locator("select[name=locale]").selectOption("en");
  await page.locator("form[action='/profile/language'] button").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("status")).toHaveText("Language saved.");
});
