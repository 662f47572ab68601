import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test.ts";
import { api } from "./fixtures/api.ts";

// A participant's own password (issue 11 §2, decision 0031) on a small phone: the
// administrator turns the program option on; the participant opens their link, sets a
// password, signs out, signs in with their email and password and sees their plan.
// Axe on the new pages in English and in Spanish.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const PASSWORD = "green bicycle by the door";

async function fitsTheScreen(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth);
}

async function setOption(page: Page, label: RegExp) {
  await page.goto("/admin/program");
  await page.getByLabel(label).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toBeVisible();
}

test("the participant sets a password from their link and signs in with it", async ({ page, browser, signIn, checkA11y }) => {
  test.setTimeout(240_000);
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "en-US" });
  const phone = await visitor.newPage();
  await phone.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));

  // With the option off, the sign-in page says the program uses links, and has no form.
  await signIn("admin@example.org");
  await setOption(page, /^Only with their personal link/);
  await phone.goto("/me/sign-in");
  await expect(phone.getByText("This program uses personal links to open your page, not passwords.")).toBeVisible();
  await expect(phone.getByLabel("Password")).toHaveCount(0);
  await fitsTheScreen(phone);
  await checkA11y(phone);

  await setOption(page, /^Participants may also sign in with an email and a password/);
  await expect(page.getByLabel(/^Participants may also sign in/)).toBeChecked();

  // The specialist has a participant with an email on record and a plan, and makes their link.
  await signIn("specialist@example.org");
  await page.goto("/");
  const email = `rae.${Date.now().toString(36)}@example.org`;
  const participant = await api(page, "POST", "/participants", { firstName: "Rae", lastName: `Okafor-${Date.now().toString(36)}`, email, preferredLanguage: "en" });
  await api(page, "POST", `/participants/${participant.id}/plan-items`, { kind: "encouragement", description: "Call my sister after each shift", provider: "participant", status: "agreed" });
  await page.goto(`/participants/${participant.id}`);
  await expect(page.getByTestId("can-use-password")).toHaveText("Can sign in with a password: no");
  await page.getByRole("button", { name: /^Make a (new )?link/ }).click();
  const link = (await page.getByTestId("own-link").textContent())!.trim();

  // On the phone: open the link, set a password (a mismatch first gets a message beside the field).
  await phone.goto(link);
  await expect(phone).toHaveURL(/\/me$/);
  await phone.getByRole("link", { name: "My password" }).click();
  await expect(phone.getByRole("heading", { name: "A password for your page", level: 1 })).toBeVisible();
  await expect(phone.getByText(`You sign in with this email: ${email}`)).toBeVisible();
  await fitsTheScreen(phone);
  await checkA11y(phone);
  await phone.getByLabel("New password").fill(PASSWORD);
  await phone.getByLabel("Type the same password again").fill("something different");
  await phone.getByRole("button", { name: "Save my password" }).click();
  await expect(phone.locator("#field-confirm-error")).toHaveText("The two passwords are not the same.");
  await checkA11y(phone);
  await phone.getByLabel("New password").fill(PASSWORD);
  await phone.getByLabel("Type the same password again").fill(PASSWORD);
  await phone.getByRole("button", { name: "Save my password" }).click();
  await expect(phone.getByRole("status")).toContainText("Your password is saved.");

  // Sign out; a wrong password says so without saying which half was wrong; the right one opens the plan.
  await phone.goto("/me");
  await phone.getByRole("button", { name: "Leave this page on this device" }).click();
  await expect(phone).toHaveURL(/\/l$/);
  await phone.getByRole("link", { name: "Do you have a password? Sign in with your email" }).click();
  await expect(phone.getByRole("heading", { name: "Sign in to your page", level: 1 })).toBeVisible();
  await phone.getByLabel("Email").fill(email);
  await phone.getByLabel("Password").fill("not my password at all");
  await phone.getByRole("button", { name: "Sign in" }).click();
  await expect(phone.getByRole("alert")).toContainText("The email or the password is not right.");
  await fitsTheScreen(phone);
  await checkA11y(phone);
  await phone.getByLabel("Password").fill(PASSWORD);
  await phone.getByRole("button", { name: "Sign in" }).click();
  await expect(phone).toHaveURL(/\/me$/);
  await expect(phone.getByText("Call my sister after each shift")).toBeVisible();

  // The specialist sees "yes", never the password.
  await page.goto(`/participants/${participant.id}`);
  await expect(page.getByTestId("can-use-password")).toHaveText("Can sign in with a password: yes");
  await visitor.close();
});

// Issue 11: a participant whose program uses only personal links is not offered a password section.
test("the participant's \"My password\" section shows only while the program allows passwords", async ({ page, browser, signIn }) => {
  test.setTimeout(180_000);
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("admin@example.org");
  await setOption(page, /^Only with their personal link/);

  await signIn("specialist@example.org");
  await page.goto("/");
  const participant = await api(page, "POST", "/participants", { firstName: "Noor", lastName: `Haddad-${Date.now().toString(36)}`, email: `noor.${Date.now().toString(36)}@example.org`, preferredLanguage: "en" });
  await page.goto(`/participants/${participant.id}`);
  await page.getByRole("button", { name: /^Make a (new )?link/ }).click();
  const link = (await page.getByTestId("own-link").textContent())!.trim();

  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "en-US" });
  const phone = await visitor.newPage();
  await phone.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await phone.goto(link);
  await expect(phone).toHaveURL(/\/me$/);
  const sections = phone.getByRole("navigation", { name: "My pages" });
  await expect(sections.getByRole("link", { name: "Who can see what" })).toBeVisible();
  await expect(sections.getByRole("link", { name: "My password" })).toHaveCount(0);

  // The administrator turns passwords on (the demo's setting, which later specs expect): the section appears.
  await signIn("admin@example.org");
  await setOption(page, /^Participants may also sign in with an email and a password/);
  await phone.reload();
  await expect(sections.getByRole("link", { name: "My password" })).toBeVisible();
  await visitor.close();
});

test.describe("in Spanish", () => {
  test.use({ locale: "es-US" });

  test("the participant sign-in page and the password page have lang=\"es\" and pass axe", async ({ page, browser, signIn, checkA11y }) => {
    test.setTimeout(120_000);
    await page.goto("/me/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: "Inicie sesión en su página", level: 1 })).toBeVisible();
    await checkA11y();

    await signIn("specialist@example.org");
    await page.goto("/");
    const participant = await api(page, "POST", "/participants", { firstName: "Lucía", lastName: `Paredes-${Date.now().toString(36)}`, email: `lucia.${Date.now().toString(36)}@example.org`, preferredLanguage: "es" });
    await page.goto(`/participants/${participant.id}`);
    await page.locator("form[action$='/own-link'] button").first().click();
    const link = (await page.getByTestId("own-link").textContent())!.trim();
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "es-US" });
    const own = await phone.newPage();
    await own.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
    await own.goto(link);
    await own.goto("/me/password");
    await expect(own.locator("html")).toHaveAttribute("lang", "es");
    await expect(own.getByRole("heading", { name: "Una contraseña para su página", level: 1 })).toBeVisible();
    await fitsTheScreen(own);
    await checkA11y(own);
    await phone.close();
  });
});
