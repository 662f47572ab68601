import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";
import { api } from "../fixtures/api.ts";

/** JSON API calls as the signed-in user, with the CSRF header. */

/** A participant whose plan already holds a dozen items, so the "add" form sits far down a long page. */
async function participantWithLongPlan(page: Page) {
  await page.goto("/participants");
  const participant = await api(page, "POST", "/participants", { firstName: "Robin", lastName: `Vale-${Date.now().toString(36)}` });
  for (let i = 1; i <= 12; i++) {
    await api(page, "POST", `/participants/${participant.id}/plan-items`, { kind: "rides", description: `Ride to the shift, week ${i}`, provider: "specialist", status: "agreed" });
  }
  return participant.id as string;
}

test.beforeEach(async ({ page, signIn }) => {
  // The app has no favicon yet; Chromium's automatic request would otherwise log a 404 as a console error.
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
});

test("a failed submit far down a long page puts the focus on the error summary, in view; after a save the form is blank", async ({ page, checkA11y }) => {
  const id = await participantWithLongPlan(page);
  // A form with problems answers 400, which Chromium logs as a console error: that is expected
  // here, so it is sent from a second tab of the same session that the console check does not watch.
  const second = await page.context().newPage();
  await second.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await second.goto(`/participants/${id}/plan`);
  const add = second.getByRole("region", { name: "Add help to the plan" });
  await add.getByLabel("What the help is").fill("Bus pass for the first month");
  await add.getByRole("button", { name: "Add to the plan" }).click();

  const summary = add.locator(".error-summary");
  await expect(summary).toContainText("Choose the kind of help.");
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  // What was typed is still there, and the field's error is read with it.
  await expect(add.getByLabel("What the help is")).toHaveValue("Bus pass for the first month");
  await expect(add.getByLabel("Kind of help")).toHaveAccessibleDescription("Choose the kind of help.");
  await checkA11y(second);

  // The summary's link leads to the field.
  await summary.getByRole("link", { name: /Kind of help/ }).click();
  await add.getByLabel("Kind of help").selectOption("rides");
  await add.getByRole("button", { name: "Add to the plan" }).click();
  await expect(second.getByRole("status")).toHaveText("The item was added to the plan.");
  await expect(second.getByRole("heading", { level: 3, name: "Rides to work or school: Bus pass for the first month" })).toBeVisible();
  await expect(add.getByLabel("What the help is")).toHaveValue("");
  await expect(add.getByLabel("Kind of help")).toHaveValue("");
  await expect(add.locator(".error-summary")).toHaveCount(0);
  await second.close();
});

test("after adding a win the form is empty, ready for the next one", async ({ page, checkA11y }) => {
  await page.goto("/participants");
  const participant = await api(page, "POST", "/participants", { firstName: "Sam", lastName: `Ortiz-${Date.now().toString(36)}` });
  await page.goto(`/participants/${participant.id}/wins`);
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add the win" }) });
  await form.getByLabel("Kind of win").selectOption({ label: "First paycheck" });
  await form.getByLabel("Date").fill("2030-06-13");
  await form.getByLabel("Note", { exact: true }).fill("Bought pastries for everyone.");
  await form.getByRole("button", { name: "Add the win" }).click();
  await expect(page.getByRole("status")).toContainText("The win was added.");
  await expect(page.locator('.timeline li[data-kind="first_paycheck"]')).toContainText("Bought pastries for everyone.");

  await expect(form.getByLabel("Kind of win")).toHaveValue("");
  await expect(form.getByLabel("Note", { exact: true })).toHaveValue("");
  await checkA11y();
});

test("without JavaScript, a plan item form posts to its own action and the page shows its errors beside the fields", async ({ page, browser, baseURL }) => {
  const id = await participantWithLongPlan(page);
  // The same session in a context without scripts; its 400 answer is logged outside the watched tab (see above).
  const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await plain.goto(`/participants/${id}/plan`);
  const add = plain.getByRole("region", { name: "Add help to the plan" });
  await add.getByRole("button", { name: "Add to the plan" }).click();
  await expect(plain).toHaveURL(new RegExp(`/participants/${id}/plan/items$`));
  await expect(add.locator(".error-summary")).toContainText("Choose the kind of help.");
  await expect(add.getByLabel("What the help is")).toHaveAccessibleDescription(/Say what the help is\./);

  await add.getByLabel("Kind of help").selectOption("clothes");
  await add.getByLabel("What the help is").fill("Black shoes");
  await add.getByRole("button", { name: "Add to the plan" }).click();
  await expect(plain).toHaveURL(new RegExp(`/participants/${id}/plan\\?added=`));
  await expect(plain.getByRole("status")).toHaveText("The item was added to the plan.");
  await expect(add.getByLabel("What the help is")).toHaveValue("");
  await noScript.close();
});
