import { expect, test } from "../fixtures/test.ts";

test.beforeEach(async ({ page }) => {
  // The app has no favicon yet; Chromium's automatic request would otherwise log a 404 as a console error.
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
});

test("a specialist adds a participant, finds them in the caseload, fills in the career profile and meets a conflict", async ({ page, context, signIn, checkA11y }) => {
  await signIn("specialist@example.org");
  const lastName = `Ashby-${Date.now()}`;

  // The caseload: the demo specialist's own list, a page at a time.
  await page.goto("/participants");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My caseload");
  await expect(page.locator("table.caseload tbody tr").first()).toBeVisible();
  await checkA11y();

  // Adding someone: a missing name is explained next to the field, and nothing is saved.
  // A form with problems answers 400, which Chromium logs as a console error: that is expected
  // here, so it happens in a second tab of the same session that the console check does not watch.
  const other = await context.newPage();
  await other.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await other.goto("/participants");
  await other.getByRole("link", { name: "Add a participant" }).click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Add a participant");
  await other.getByLabel("Last name").fill(lastName);
  await other.getByRole("button", { name: "Add participant" }).click();
  await expect(other.locator(".error-summary")).toContainText("Enter a first name.");
  await expect(other.getByLabel("Last name")).toHaveValue(lastName);
  await expect(other.getByLabel("First name")).toHaveAttribute("aria-invalid", "true");
  await checkA11y(other);
  await other.getByLabel("First name").fill("Robin");
  await other.getByRole("button", { name: "Add participant" }).click();
  await expect(other.getByRole("status")).toContainText(`Robin ${lastName} was added to the caseload.`);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(`Robin ${lastName}`);
  const recordUrl = other.url().replace(/\?.*$/, "");
  await page.goto(recordUrl);
  await checkA11y();

  // Finding them again by part of the name.
  await page.goto("/participants");
  await page.getByRole("searchbox", { name: "Search by name" }).fill(lastName.toLowerCase().slice(0, 12));
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.locator("table.caseload tbody tr")).toHaveCount(1);
  await page.getByRole("link", { name: `${lastName}, Robin` }).click();
  await expect(page).toHaveURL(recordUrl);

  // The career profile.
  await page.getByRole("link", { name: "Edit the record" }).click();
  await page.getByLabel("Work goal").fill("Baker's assistant, mornings");
  await page.getByLabel("Strengths and talents").fill("Careful, on time, good with people");
  await page.getByLabel("Young adult").check();
  await page.locator("#field-pastJobs-0-title").fill("Dishwasher");
  await page.locator("#field-pastJobs-0-employer").fill("Corner Diner");
  await checkA11y();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Your changes were saved.");
  const profile = page.getByTestId("career-profile");
  await expect(profile).toContainText("Baker's assistant, mornings");
  await expect(profile).toContainText("Young adult");
  await expect(profile).toContainText("Dishwasher, Corner Diner");

  // Two tabs edit the same record: the second save is refused and shows both versions
  // (answered with 409, in the tab whose console is not watched).
  await page.goto(`${recordUrl}/edit`);
  await other.goto(`${recordUrl}/edit`);
  await page.getByLabel("Work goal").fill("Florist");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Your changes were saved.");

  await other.getByLabel("Work goal").fill("Line cook");
  await other.getByLabel("Interests").fill("Cooking for friends");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByRole("heading", { name: "Someone else saved this record while you were editing" })).toBeVisible();
  const goalRow = other.getByTestId("conflict").locator('tr[data-field="workGoal"]');
  await expect(goalRow).toContainText("Line cook");
  await expect(goalRow).toContainText("Florist");
  // Nothing of the refused save was written: the record still holds the first tab's goal.
  const saved = await other.request.get(`/api/v1/participants/${recordUrl.split("/").pop()}`);
  expect((await saved.json()).workGoal).toBe("Florist");
  // What this person typed is still in the form.
  await expect(other.getByLabel("Work goal")).toHaveValue("Line cook");
  await expect(other.getByLabel("Interests")).toHaveValue("Cooking for friends");
  await checkA11y(other);

  // They choose their own version, knowingly.
  await other.getByRole("button", { name: "Save my version" }).click();
  await expect(other.getByRole("status")).toContainText("Your changes were saved.");
  const otherProfile = other.getByTestId("career-profile");
  await expect(otherProfile).toContainText("Line cook");
  await expect(otherProfile).toContainText("Cooking for friends");
  await other.close();
});

test("archiving keeps the record and takes it off the active caseload", async ({ page, signIn, checkA11y }) => {
  await signIn("specialist@example.org");
  const lastName = `Moreno-${Date.now()}`;
  await page.goto("/participants/new");
  await page.getByLabel("First name").fill("Ana");
  await page.getByLabel("Last name").fill(lastName);
  await page.getByRole("button", { name: "Add participant" }).click();
  await expect(page.getByRole("status")).toContainText("was added");

  await page.getByRole("button", { name: `Archive Ana ${lastName}` }).click();
  await expect(page.getByRole("status")).toContainText("was archived");
  await checkA11y();

  await page.goto(`/participants?q=${encodeURIComponent(lastName)}`);
  await expect(page.getByText(`No one matches “${lastName}”`)).toBeVisible();
  await page.goto(`/participants?q=${encodeURIComponent(lastName)}&status=archived`);
  await expect(page.locator("table.caseload tbody tr")).toHaveCount(1);
  await page.getByRole("link", { name: `${lastName}, Ana` }).click();
  await page.getByRole("button", { name: `Restore Ana ${lastName} to the active caseload` }).click();
  await expect(page.getByRole("status")).toContainText("is back on the active caseload");
});

test("the dashboard and the participant's page remind the specialist of SSI earnings to report", async ({ page, signIn, checkA11y }) => {
  await signIn("specialist@example.org");
  await page.goto("/participants");
  // The demo caseload's first participant is on SSI and was paid last month (see src/db/seed/demo-stories.ts).
  const reminders = page.getByTestId("ssi-reminders");
  await expect(page.getByRole("heading", { name: "SSI earnings to report" })).toBeVisible();
  // Two pay stubs last month, $412.50 and $396.00: one month to report, due by the 10th.
  await expect(reminders.locator("li", { hasText: "$808.50" })).toHaveCount(1);
  await checkA11y();
  const benefits = await reminders.locator("li", { hasText: "$808.50" }).getByRole("link").getAttribute("href");
  const record = benefits!.replace(/\/benefits$/, "");
  await page.goto(record);
  await expect(page.getByTestId("ssi-reminders")).toContainText("$808.50");
  await page.getByTestId("ssi-reminders").getByRole("link").click();
  await expect(page).toHaveURL(`${record}/benefits`);
});
