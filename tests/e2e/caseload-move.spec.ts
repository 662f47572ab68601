import { stableId } from "../../src/db/seed/random.ts";
import { expect, test } from "./fixtures/test.ts";

// Issue 14: Riverside's supervisor moves the participants of a specialist who left
// (the demo's Jordan Reyes, deactivated) to another specialist of the team.
test.beforeEach(async ({ page }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
});

/** Jordan Reyes, the demo's deactivated specialist: the user after the eight demo staff and the administrator. */
const LEFT = stableId("user", 10);

// An administrator may move any specialist's participants to any active specialist, across teams.
test("an administrator may move them to a specialist of any team", async ({ page, signIn }) => {
  await signIn("admin@example.org");
  await page.goto(`/admin/users/${LEFT}/caseload`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Move Jordan Reyes's participants");
  const receivers = page.getByLabel("Move them to").getByRole("option");
  await expect(receivers.filter({ hasText: "Dana Whitfield" })).toHaveCount(1);
  await expect(receivers.filter({ hasText: "Rita Morales" })).toHaveCount(1);
});

// The second move runs on the page the first one left (same route): the form must start afresh there.
test("a supervisor moves a chosen participant of a specialist who left, then the rest", async ({ page, signIn, checkA11y }) => {
  await signIn("supervisor@example.org");
  await page.goto(`/admin/users/${LEFT}/caseload`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Move Jordan Reyes's participants");
  await checkA11y();
  const boxes = page.getByRole("group", { name: "Participants" }).getByRole("checkbox");
  const total = await boxes.count();
  expect(total).toBeGreaterThan(0);
  await page.getByLabel("Move them to").selectOption({ label: "Dana Whitfield" });
  await page.getByLabel("Only the ones I tick below").check();
  await boxes.first().check();
  await page.getByRole("button", { name: "Move participants" }).click();
  await expect(page.getByRole("status")).toHaveText("1 participant moved from Jordan Reyes.");
  await expect(boxes).toHaveCount(total - 1);

  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByLabel("Move them to").selectOption({ label: "Dana Whitfield" });
  await page.getByRole("button", { name: "Move participants" }).click();
  await expect(page.getByRole("status")).toContainText("moved from Jordan Reyes");
  await expect(page.getByTestId("caseload-empty")).toBeVisible();
  await checkA11y();
});

test.describe("refused", () => {
  // The not-found page answers 404, which the browser logs.
  test.use({ expectedConsoleErrors: [/status of 404/] });
  test("a specialist cannot open the move page", async ({ page, signIn }) => {
    await signIn("specialist@example.org");
    const answer = await page.goto(`/admin/users/${LEFT}/caseload`);
    expect(answer?.status()).toBe(404);
  });
  test("the supervisor of another team cannot open it", async ({ page, signIn }) => {
    await signIn("supervisor2@example.org");
    const answer = await page.goto(`/admin/users/${LEFT}/caseload`);
    expect(answer?.status()).toBe(404);
  });
});
