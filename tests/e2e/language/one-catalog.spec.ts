import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";
import { translate } from "../../../src/i18n/index.ts";

/**
 * The browser downloads the catalog of its page's language only (decision 0046),
 * and the words React renders in the browser after hydration come from it.
 */

test.beforeEach(async ({ page }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
});

/** The catalog chunks ("en-<hash>.js", "es-<hash>.js") the page asks for, by language. */
function catalogRequests(page: Page): string[] {
  const languages: string[] = [];
  page.on("request", (request) => {
    const chunk = /\/assets\/(en|es)-[\w-]+\.js$/.exec(new URL(request.url()).pathname);
    if (chunk) languages.push(chunk[1]!);
  });
  return languages;
}

for (const { locale, other, acceptLanguage } of [
  { locale: "es", other: "en", acceptLanguage: "es-US" },
  { locale: "en", other: "es", acceptLanguage: "en-US" },
] as const) {
  test.describe(`a visitor whose browser asks for ${acceptLanguage}`, () => {
    // The action answers the empty form with 400, which Chromium logs.
    test.use({ locale: acceptLanguage, expectedConsoleErrors: [/status of 400/] });

    test(`loads only the ${locale} catalog, and the errors React writes after hydration are in ${locale}`, async ({ page }) => {
      const catalogs = catalogRequests(page);
      const submissions: string[] = [];
      page.on("request", (request) => {
        if (request.method() === "POST") submissions.push(`${request.resourceType()} ${new URL(request.url()).pathname}`);
      });
      await page.goto("/sign-in");
      await expect(page.getByRole("heading", { level: 1, name: translate(locale, "auth.signIn.title") })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      // Hydrated: React has attached its props to the button (before that, a click would post the form natively).
      await page.waitForFunction(() => {
        const button = document.querySelector("main form button[type=submit]");
        return button !== null && Object.keys(button).some((key) => key.startsWith("__reactProps"));
      });

      // An empty form: the action answers with message keys, and the browser renders their words.
      await page.getByRole("button", { name: translate(locale, "auth.signIn.submit") }).click();
      const summary = page.locator(".error-summary");
      await expect(summary.getByRole("heading")).toHaveText(translate(locale, "common.formErrors", { count: 2 }));
      await expect(summary.getByRole("link")).toHaveText([
        `${translate(locale, "auth.signIn.email")}: ${translate(locale, "auth.email.invalid")}`,
        `${translate(locale, "auth.signIn.password")}: ${translate(locale, "auth.password.required")}`,
      ]);
      // The browser sent the form itself (React Router's fetch), so those words were rendered there.
      expect(submissions).toEqual(["fetch /sign-in.data"]);
      expect(catalogs).toContain(locale);
      expect(catalogs).not.toContain(other);
    });
  });
}
