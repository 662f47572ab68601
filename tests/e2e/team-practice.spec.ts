import type { Browser, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { api } from "./fixtures/api.ts";
import { expect, test } from "./fixtures/test.ts";

// The team's own practice (issue 15): coaching notes seen only by the two people
// they are between; the resource directory (add, edit, retire, print) and an offer
// on a support person's page; the advocacy log; and two families introduced, each
// seeing the other on their own page. Each page is checked with axe and on a 360 px phone.

const today = () => new Date().toISOString().slice(0, 10);

async function fitsPhone(page: Page) {
  const before = page.viewportSize()!;
  await page.setViewportSize({ width: 360, height: 740 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${page.url()} is ${width}px wide on a 360px screen`).toBeLessThanOrEqual(360);
  await page.setViewportSize(before);
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** A support person's phone: its own browser, no staff session. */
async function phone(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  return { context, page };
}

/** A participant with one support person holding consent, made through the API as the signed-in specialist. */
async function participantWithSupport(page: Page, first: string, supporter: Record<string, unknown>) {
  const participant = await api(page, "POST", "/participants", { firstName: first, lastName: `Practice-${Date.now().toString(36)}`, workGoal: "Work in a garden center" });
  const person = await api(page, "POST", `/participants/${participant.id}/support-persons`, { relationshipKind: "relative", closeness: "inner", ...supporter });
  await api(page, "POST", `/participants/${participant.id}/consent-grants`, {
    supportPersonId: person.id, categories: ["employment_goals"], purpose: "To help find and keep a job.", mayAttendMeetings: true, mayReceivePlan: true,
    mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: first, signedOn: today(), participantConfirmed: true,
  });
  return { participantId: participant.id as string, personId: person.id as string };
}

/** The specialist makes the support person's personal link on their page, as the page does. */
async function linkFor(page: Page, participantId: string, personId: string) {
  await page.goto(`/participants/${participantId}/network/${personId}`);
  await page.getByRole("button", { name: "Make a link" }).click();
  return new URL((await page.getByTestId("personal-link").locator(".token").textContent())!.trim()).pathname;
}

test.setTimeout(180_000);
test.use({ expectedConsoleErrors: [/status of 404/] });

test.beforeEach(async ({ page }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
});

test("a supervisor writes a coaching note the specialist reads; another specialist gets not found", async ({ page, signIn, checkA11y }) => {
  await signIn("supervisor@example.org");
  await page.goto("/coaching");
  await checkA11y();
  await page.getByRole("link", { name: "Sam Patel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Coaching with Sam Patel" })).toBeVisible();
  const notePage = new URL(page.url()).pathname;
  const note = `Role play ${Date.now().toString(36)}: asking a mother what worries her about work.`;
  await page.getByLabel("Day you met").fill(today());
  await page.getByLabel("Practising a conversation by role play").check();
  await page.getByLabel("Note", { exact: true }).fill(note);
  await page.getByRole("button", { name: "Save the note" }).click();
  await expect(page.getByRole("status")).toHaveText("The coaching note is saved.");
  await expect(page.getByText(note)).toBeVisible();
  await checkA11y();
  await fitsPhone(page);

  // Signing in as someone else replaces the session in this browser.
  await signIn("specialist@example.org");
  await page.goto(notePage);
  await expect(page.getByText(note)).toBeVisible();

  await signIn("specialist3@example.org");
  const refused = await page.goto(notePage);
  expect(refused?.status()).toBe(404);
  await expect(page.getByText(note)).toHaveCount(0);
});

test("the resource directory: add, edit, retire, print; an offer shows on the support person's page", async ({ page, browser, signIn, checkA11y }) => {
  await signIn("specialist@example.org");
  await page.goto("/resources");
  await checkA11y();
  const name = `Garden volunteers ${Date.now().toString(36)}`;
  await page.getByText("Add a resource").click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Kind").selectOption("community_place");
  await page.getByLabel("What it is").fill("Saturday mornings in the community garden, with lunch.");
  await page.getByLabel("Languages (optional)").fill("English, Spanish");
  await page.getByRole("button", { name: "Add the resource" }).click();
  await expect(page.getByRole("status")).toHaveText("The resource is added.");

  await page.getByRole("link", { name: `Edit ${name}` }).click();
  // The list has a "What it is" field of its own: type only once the edit page is shown.
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();
  await page.getByLabel("What it is").fill("Saturday mornings in the community garden, with lunch and a ride.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("The changes are saved.");
  await expect(page.getByText("with lunch and a ride.")).toBeVisible();
  await fitsPhone(page);

  // The printout leaves out forms and buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Add the resource" })).toBeHidden();
  await expect(page.getByText("with lunch and a ride.")).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // Offered to a support person: it shows on her page.
  await page.goto("/");
  const { participantId, personId } = await participantWithSupport(page, "Iris", { name: "Marta Lopez" });
  await page.goto(`/participants/${participantId}/resources`);
  await page.getByLabel("Resource", { exact: true }).selectOption({ label: name });
  await page.getByLabel("Marta Lopez").check();
  await page.getByRole("button", { name: "Offer it" }).click();
  await expect(page.getByTestId("resource-offers")).toContainText(name);
  await checkA11y();
  const link = await linkFor(page, participantId, personId);
  const marta = await phone(browser);
  await marta.page.goto(link);
  await expect(marta.page).toHaveURL(/\/support$/);
  await expect(marta.page.getByText("with lunch and a ride.")).toBeVisible();
  await marta.context.close();

  // Retired: no longer offered.
  await page.goto("/resources");
  await page.getByRole("link", { name: `Edit ${name}` }).click();
  await page.getByRole("button", { name: "Stop offering it" }).click();
  await expect(page.getByRole("status")).toHaveText("The resource is no longer offered.");
  await page.goto(`/participants/${participantId}/resources`);
  await expect(page.getByLabel("Resource", { exact: true }).locator("option", { hasText: name })).toHaveCount(0);
});

test("the advocacy log: a member, a meeting and a family speaker", async ({ page, signIn, checkA11y }) => {
  await signIn("supervisor@example.org");
  await page.goto("/advocacy");
  await checkA11y();
  const suffix = Date.now().toString(36);
  const member = page.locator("details", { hasText: "Add a member" });
  await member.locator("summary").click();
  await member.getByLabel("Name").fill(`Elena Ruiz ${suffix}`);
  await member.getByLabel("Role").selectOption("family_advocate");
  await member.getByLabel("Since").fill(today());
  await member.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("status")).toHaveText("Added to the log.");
  await expect(page.getByText(`Elena Ruiz ${suffix}`)).toBeVisible();

  const meeting = page.locator("details", { hasText: "Add a meeting" });
  await meeting.locator("summary").click();
  await meeting.getByLabel("Day of the meeting").fill(today());
  await meeting.getByLabel("Notes").fill(`Planned the spring family night ${suffix}.`);
  await meeting.getByRole("button", { name: "Add" }).click();
  await expect(page.getByText(`Planned the spring family night ${suffix}.`)).toBeVisible();

  const speaker = page.locator("details", { hasText: "Add someone who spoke" });
  await speaker.locator("summary").click();
  await speaker.getByLabel("Name").fill(`Tomas Vega ${suffix}`);
  await speaker.getByLabel("Event").fill("Library job fair");
  await speaker.getByLabel("Day they spoke").fill(today());
  await speaker.getByRole("button", { name: "Add" }).click();
  await expect(page.getByText(`Tomas Vega ${suffix}`)).toBeVisible();
  await checkA11y();
  await fitsPhone(page);
});

test("two families agree and are introduced; each sees the other with only what they shared; a withdrawal hides it", async ({ page, browser, signIn, checkA11y }) => {
  await signIn("specialist@example.org");
  await page.goto("/");
  const one = await participantWithSupport(page, "Noor", { name: "Hana Farouk", phone: "555-0111", email: "hana@example.org" });
  const two = await participantWithSupport(page, "Owen", { name: "Bill Carver", phone: "555-0122", email: "bill@example.org" });

  // Hana says yes on her phone and shares her phone number only.
  const hanaLink = await linkFor(page, one.participantId, one.personId);
  const hana = await phone(browser);
  await hana.page.goto(hanaLink);
  await hana.page.getByRole("link", { name: "Change your answer" }).click();
  await expect(hana.page.getByRole("heading", { level: 1, name: "Meet other families" })).toBeVisible();
  await axe(hana.page);
  await hana.page.getByLabel("They may have my phone number").check();
  await hana.page.getByRole("button", { name: "Yes, I want to meet another family" }).click();
  await expect(hana.page.getByRole("status")).toHaveText("Thank you. We saved your answer.");

  // The specialist records the other three agreements; Bill shares his email only.
  await page.goto(`/participants/${one.participantId}/network`);
  await page.getByRole("link", { name: "Families connecting" }).click();
  await expect(page.getByTestId(`family-agreement-${one.personId}`)).toContainText("on their own page");
  await page.getByTestId("family-agreement-participant").getByRole("button", { name: "Record agreement" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await checkA11y();
  await fitsPhone(page);
  await page.goto(`/participants/${two.participantId}/families`);
  await page.getByTestId("family-agreement-participant").getByRole("button", { name: "Record agreement" }).click();
  const bill = page.getByTestId(`family-agreement-${two.personId}`);
  await bill.getByLabel("May share their email").check();
  await bill.getByRole("button", { name: "Record agreement" }).click();
  await expect(page.getByTestId(`family-agreement-${two.personId}`)).toContainText("Shares: name, email");

  // Introduced from the resources area.
  await page.goto("/resources");
  await page.getByRole("link", { name: "Introduce families" }).click();
  await checkA11y();
  await fitsPhone(page);
  await page.getByLabel("First support person").selectOption({ label: `Hana Farouk, supports Noor ${(await api(page, "GET", `/participants/${one.participantId}`)).lastName}` });
  await page.getByLabel("Second support person").selectOption({ label: `Bill Carver, supports Owen ${(await api(page, "GET", `/participants/${two.participantId}`)).lastName}` });
  await page.getByLabel("A note both will read (optional)").fill("You both help someone who wants to work outdoors.");
  await page.getByRole("button", { name: "Introduce them" }).click();
  await expect(page.getByRole("status")).toHaveText("Introduced. Each now sees the other on their page.");
  await expect(page.getByTestId("family-introductions")).toContainText("Hana Farouk and Bill Carver");

  // Each sees the other: Hana gets Bill's email, not his phone; Bill gets Hana's phone, not her email.
  await hana.page.goto("/support");
  const hanasFamilies = hana.page.getByTestId("own-families");
  await expect(hanasFamilies).toContainText("Bill Carver");
  await expect(hanasFamilies).toContainText("bill@example.org");
  await expect(hanasFamilies).not.toContainText("555-0122");
  await axe(hana.page);
  const billLink = await linkFor(page, two.participantId, two.personId);
  const billPhone = await phone(browser);
  await billPhone.page.goto(billLink);
  const billsFamilies = billPhone.page.getByTestId("own-families");
  await expect(billsFamilies).toContainText("Hana Farouk");
  await expect(billsFamilies).toContainText("555-0111");
  await expect(billsFamilies).not.toContainText("hana@example.org");
  await expect(billsFamilies).toContainText("You both help someone who wants to work outdoors.");

  // Hana stops: Bill no longer sees her.
  await hana.page.goto("/support/families");
  await hana.page.getByRole("button", { name: "Stop now" }).click();
  await expect(hana.page.getByRole("status")).toHaveText("You stopped this. No new family will get your name.");
  await billPhone.page.reload();
  await expect(billPhone.page.getByTestId("own-families")).not.toContainText("Hana Farouk");
  await hana.context.close();
  await billPhone.context.close();
});
