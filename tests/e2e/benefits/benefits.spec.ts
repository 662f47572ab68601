import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";

/** A session-cookie API call with the CSRF header, like the pages' own forms. */
async function api(page: Page, method: "GET" | "POST" | "PUT", path: string, data?: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === "allies_csrf")?.value ?? "";
  const origin = new URL(page.url()).origin;
  const response = await page.request.fetch(`/api/v1${path}`, { method, headers: { "x-csrf-token": csrf, origin }, data });
  return { status: response.status(), body: await response.json() };
}

const money = (n: number) => new Intl.NumberFormat("en-US", {
  style: "currency", currency: "USD", minimumFractionDigits: Number.isInteger(n) ? 0 : 2, maximumFractionDigits: Number.isInteger(n) ? 0 : 2,
}).format(n);

test.beforeEach(async ({ page }) => {
  // The app has no favicon yet; Chromium's automatic request would otherwise log a 404 as a console error.
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
});

test("a specialist compares 10, 20 and 30 hours at $15 for a participant on SSI, prints it and shares it only under consent", async ({ page, signIn, checkA11y }) => {
  await signIn("specialist@example.org");
  await page.goto("/participants");
  const caseload = await api(page, "GET", "/participants");
  expect(caseload.status).toBe(200);
  const participant = caseload.body.participants.at(-1) as { id: string; firstName: string; preferredName: string | null };
  const name = participant.preferredName ?? participant.firstName;

  // The benefits profile says SSI, saved through the page's form.
  await page.goto(`/participants/${participant.id}/benefits`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Benefits and work: ${name}`);
  await checkA11y();
  const profile = page.locator("#profile");
  await profile.getByLabel("SSI (Supplemental Security Income)").check();
  await profile.getByLabel("Medicaid").check();
  await profile.getByLabel("SSI each month").fill("994");
  await profile.getByRole("button", { name: "Save the benefits profile" }).click();
  await expect(page.getByRole("status")).toHaveText("The benefits profile was saved.");

  // A pay stub from last month shows in the totals and asks to be reported.
  const now = new Date();
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const day = (d: number) => new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth(), d)).toISOString().slice(0, 10);
  await page.locator("summary", { hasText: "Add a pay stub" }).click();
  const stubForm = page.locator("form", { has: page.getByRole("button", { name: "Add the pay stub" }) });
  await stubForm.getByLabel("Pay period starts").fill(day(1));
  await stubForm.getByLabel("Pay period ends").fill(day(14));
  await stubForm.getByLabel("Pay date").fill(day(18));
  await stubForm.getByLabel("Gross pay").fill("650.00");
  await stubForm.getByLabel("Hours worked").fill("43.5");
  await stubForm.getByLabel("Employer").fill("Riverside Grocery");
  await stubForm.getByRole("button", { name: "Add the pay stub" }).click();
  await expect(page.getByRole("status")).toHaveText("The pay stub was added.");
  const monthKey = day(1).slice(0, 7);
  await expect(page.locator(`table.monthly-totals tr[data-month="${monthKey}"] td`).nth(1)).toHaveText("$650");
  await expect(page.locator(`.reminder[data-month="${monthKey}"]`)).toContainText("$650");
  await checkA11y();

  // Two supports: only one has a consent that covers benefits and income.
  const today = now.toISOString().slice(0, 10);
  const supports: Record<string, string> = {};
  for (const [who, categories] of [["Grace Okoye", ["benefits_income", "employment_goals"]], ["Tom Reyes", ["employment_goals"]]] as const) {
    const person = await api(page, "POST", `/participants/${participant.id}/support-persons`, { name: who, relationshipKind: "friend", closeness: "friends" });
    expect(person.status, who).toBe(201);
    supports[who] = person.body.id;
    const grant = await api(page, "POST", `/participants/${participant.id}/consent-grants`, {
      supportPersonId: person.body.id, categories, purpose: "To help with work and money questions.", mayAttendMeetings: true, mayReceivePlan: false,
      mayBeContacted: true, startsOn: today, expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: name, signedOn: today, participantConfirmed: true,
    });
    expect(grant.status, who).toBe(201);
  }

  // The estimate starts from the profile: on SSI.
  await page.getByRole("link", { name: "Estimate: what happens if they work?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Benefits estimate for ${name}`);
  await expect(page.getByLabel("Gets SSI")).toBeChecked();
  await checkA11y();
  const year = Number(await page.getByLabel("Year of the rules").inputValue());
  for (const [i, hours] of [10, 20, 30].entries()) {
    const option = page.getByRole("group", { name: `Option ${i + 1}` });
    await option.getByLabel("Hours a week").fill(String(hours));
    await option.getByLabel("Pay per hour").fill("15");
  }
  await page.getByRole("button", { name: "Show the estimate" }).click();
  await expect(page.getByRole("heading", { name: `The estimate for ${name}` })).toBeVisible();

  // The page's numbers are the API's numbers for the same request.
  const request = { year, ssi: true, scenarios: [10, 20, 30].map((hoursPerWeek) => ({ hoursPerWeek, hourlyWage: 15 })) };
  const fromApi = await api(page, "POST", "/benefits/estimate", request);
  expect(fromApi.status).toBe(200);
  const table = page.locator("table.estimate-table");
  await expect(table.locator("thead th")).toHaveText(["Not working", "Option 1: 10 hours a week at $15 an hour", "Option 2: 20 hours a week at $15 an hour", "Option 3: 30 hours a week at $15 an hour"]);
  const columns = [["baseline", fromApi.body.baseline], ...fromApi.body.scenarios.map((s: unknown, i: number) => [String(i), s])] as [string, {
    monthlyGross: number; ssi: { payment: number }; totalMonthlyIncome: number; changeFromBaseline: number; summary: string;
  }][];
  for (const [column, s] of columns) {
    await expect(table.locator(`tr[data-row="wages"] td[data-column="${column}"]`)).toHaveText(money(s.monthlyGross));
    await expect(table.locator(`tr[data-row="ssi"] td[data-column="${column}"]`)).toHaveText(money(s.ssi.payment));
    await expect(table.locator(`tr[data-row="total"] td[data-column="${column}"]`)).toHaveText(money(s.totalMonthlyIncome));
    await expect(page.locator(`.estimate-summaries div[data-column="${column}"] dd`)).toHaveText(s.summary);
  }
  // 2026: 20 h x $15 x 52 / 12 = $1,300; SSI 994 - (1300 - 85) / 2 = $386.50.
  if (year === 2026) await expect(table.locator('tr[data-row="ssi"] td[data-column="1"]')).toHaveText("$386.50");
  await expect(page.locator(".estimate-notes li")).toHaveText(fromApi.body.notes);
  await expect(page.locator('.estimate-chart svg[role="img"] rect[data-segment]')).not.toHaveCount(0);
  await checkA11y();

  // Print: the button opens the print dialog, and the printout leaves out the form and the sharing.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await page.getByRole("button", { name: "Print" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("form.estimate-form")).toBeHidden();
  await expect(page.locator("#share")).toBeHidden();
  await expect(table).toBeVisible();
  await expect(page.locator(".estimate-notes")).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // Sharing offers only the support whose consent covers benefits and income.
  const share = page.locator("#share");
  await expect(share.getByRole("checkbox")).toHaveCount(1);
  await expect(share.getByRole("checkbox", { name: "Grace Okoye" })).toBeVisible();
  await expect(share.getByTestId("not-offered")).toContainText("Tom Reyes");
  await share.getByRole("checkbox", { name: "Grace Okoye" }).check();
  await share.getByRole("button", { name: "Record as shared" }).click();
  await expect(page.getByRole("status")).toHaveText("Recorded as shared with Grace Okoye. Print their copy below.");
  await checkA11y();

  // Grace's copy: the same numbers, printable.
  await page.getByRole("link", { name: "Copy for Grace Okoye" }).first().click();
  await expect(page.getByText("A copy for Grace Okoye")).toBeVisible();
  await expect(page.locator('table.estimate-table tr[data-row="total"] td[data-column="2"]')).toHaveText(money(fromApi.body.scenarios[2].totalMonthlyIncome));
  await checkA11y();
});

test("an estimate for anyone, without a participant, explains its problems next to the fields", async ({ page, signIn, checkA11y }) => {
  await signIn("specialist@example.org");
  await page.goto("/benefits/estimate");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Benefits estimate");
  await checkA11y();
  const option = page.getByRole("group", { name: "Option 1" });
  await option.getByLabel("Hours a week").fill("200");
  await option.getByLabel("Pay per hour").fill("15");
  await page.getByRole("group", { name: "Option 2" }).getByLabel("Or: pay for a month").fill("1300");
  await page.getByRole("button", { name: "Show the estimate" }).click();
  await expect(page.getByRole("alert")).toContainText("Hours per week must be between 0 and 168.");
  await expect(option.getByLabel("Hours a week")).toHaveAttribute("aria-invalid", "true");
  await checkA11y();
  await option.getByLabel("Hours a week").fill("");
  await option.getByLabel("Pay per hour").fill("");
  await page.getByRole("button", { name: "Show the estimate" }).click();
  await expect(page.locator('table.estimate-table thead th')).toHaveText(["Not working", "Option 1: $1,300 a month"]);
  await checkA11y();
});

test("an administrator sees each year's figures with their sources, and only an administrator", async ({ page, signIn, checkA11y }) => {
  await signIn("admin@example.org");
  await page.goto("/admin/benefit-years");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Benefit figures by year");
  await expect(page.locator('section[data-year="2026"] tr[data-figure="sgaNotBlind"]')).toContainText("$1,690");
  await expect(page.locator('section[data-year="2026"] tr[data-figure="studentExclusionMonthly"]')).toContainText("not yet checked against SSA");
  await checkA11y();

  // A form with problems answers 400, which Chromium logs as a console error: that is expected
  // here, so it is sent from a second tab of the same session that the console check does not watch.
  const second = await page.context().newPage();
  await second.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await second.goto("/admin/benefit-years");
  await second.getByRole("group", { name: "General income exclusion" }).getByLabel("Amount (dollars)").fill("twenty");
  await second.getByRole("button", { name: "Save the figures" }).click();
  await expect(second.getByRole("alert")).toContainText("Enter the amount in dollars, 0 or more.");
  await expect(second.getByRole("alert")).toContainText("Say where this figure comes from.");
  await expect(second.getByRole("group", { name: "General income exclusion" }).getByLabel("Amount (dollars)")).toHaveAttribute("aria-invalid", "true");
  await checkA11y(second);
  await second.close();

  await signIn("specialist@example.org");
  const refused = await page.request.get("/admin/benefit-years");
  expect(refused.status()).toBe(404);
});
