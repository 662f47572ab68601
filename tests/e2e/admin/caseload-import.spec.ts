import { expect, test } from "../fixtures/test.ts";

// The caseload import (issue 16 §3) as an administrator uses it: a file with
// mistakes is refused whole with each problem by line and column, the fixed file
// is checked, then imported, and the people are on the caseload.
// The refused file answers 422, which the browser logs.
test.use({ expectedConsoleErrors: [/status of 422/] });

const header = "external_id,first_name,last_name,preferred_language,specialist_email,support_name,support_relationship,support_closeness";
const withMistakes = [header,
  "E2E-1,Marisol,Quintero-Vega,es,specialist@example.org,Inés Vega,relative,inner",
  "E2E-2,,Okafor,en,nobody@example.org,,,",
].join("\n");
const fixed = withMistakes.replace("E2E-2,,Okafor,en,nobody@example.org", "E2E-2,Chidi,Okafor,en,specialist@example.org");

test("an administrator imports a caseload file: refused with its problems, fixed, checked, imported", async ({ page, signIn, checkA11y }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn("admin@example.org");
  await page.goto("/admin/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import a caseload" })).toBeVisible();
  await checkA11y();

  await page.getByLabel("CSV file").setInputFiles({ name: "caseload.csv", mimeType: "text/csv", buffer: Buffer.from(withMistakes) });
  await page.getByRole("button", { name: "Check the file" }).click();
  const problems = page.getByRole("alert");
  await expect(problems).toContainText("The file has 2 problems. Nothing was imported.");
  await expect(problems).toContainText("Enter a first name.");
  await expect(problems).toContainText("No active specialist has the email nobody@example.org.");
  await checkA11y();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await page.getByLabel("CSV file").setInputFiles({ name: "caseload.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "The file is ready to import" })).toBeVisible();
  await expect(page.getByTestId("import-summary")).toHaveText("2 new participants, 0 changed, 0 unchanged; 1 support person added, 0 changed.");
  await checkA11y();

  await page.getByRole("button", { name: "Import these people" }).click();
  await expect(page.getByRole("heading", { name: "The file was imported" })).toBeVisible();

  // Importing the same file again changes nothing.
  await page.getByLabel("CSV file").setInputFiles({ name: "caseload.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("0 new participants, 0 changed, 2 unchanged; 0 support persons added, 0 changed.");

  await page.goto("/participants?q=Quintero");
  await page.getByRole("link", { name: /Quintero-Vega/ }).first().click();
  await expect(page).toHaveURL(/\/participants\/[^/]+$/);
  await page.goto(`${new URL(page.url()).pathname}/network`);
  await expect(page.locator("main").getByText("Inés Vega").filter({ visible: true }).first()).toBeVisible();
});
