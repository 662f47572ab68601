import { expect, test, DEMO_PASSWORD } from "../fixtures/test.ts";
import { DEMO_TOTP_SECRET, nextTotpCode } from "../../../src/db/seed/authenticator.ts";
import { totpCode } from "../../../src/domain/auth/two-factor.ts";

// Two-factor sign-in (decision 0019), on a phone-sized page: turning it on, and signing in with it.
// Wrong codes and refusals are in tests/integration/staff-sign-in.test.ts (a 4xx logs a console error here).
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test.beforeEach(async ({ page }) => {
  // The app has no favicon yet; Chromium's automatic request would otherwise log a 404 as a console error.
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
});

async function signInOnThePage(page: import("@playwright/test").Page, email: string, code: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByLabel("Two-factor code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a specialist turns on two-factor on a phone, keeps the recovery codes, and signs in with the app's code", async ({ page, signIn, checkA11y }) => {
  const email = "specialist6@example.org";
  await signIn(email);
  await page.goto("/profile");
  await page.getByRole("link", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-factor sign-in");
  await expect(page.getByRole("link", { name: "Open in my authenticator app" })).toHaveAttribute("href", /^otpauth:\/\/totp\/Allies%3Aspecialist6%40example\.org\?secret=[A-Z2-7]{32}&issuer=Allies/);
  await checkA11y();
  const noSideways = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(noSideways, "the page fits 360 px without scrolling sideways").toBe(true);

  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("Code from the app").fill(totpCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("status")).toHaveText("Two-factor sign-in is on.");
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await checkA11y();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/sign-in");
  await checkA11y();
  await signInOnThePage(page, email, totpCode(secret, new Date(Date.now() + 30_000)));
  await expect(page).not.toHaveURL(/sign-in/);
});

test("the demo administrator signs in with the authenticator's code and reaches the users page", async ({ page }) => {
  await signInOnThePage(page, "admin@example.org", await nextTotpCode(DEMO_TOTP_SECRET, "admin@example.org"));
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/users$/);
});
