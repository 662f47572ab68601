import type { Browser, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "../fixtures/test.ts";
import { api } from "../fixtures/api.ts";

/** JSON API calls as the signed-in specialist, with the CSRF header. */

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

/** A participant with one support person who gives rides, a meeting she is invited to, a commitment of hers and a help request. */
async function buildStory(page: Page) {
  const suffix = Date.now().toString(36);
  const participant = await api(page, "POST", "/participants", { firstName: "Nia", lastName: `Brooks-${suffix}`, workGoal: "Work at a garden center" });
  const person = await api(page, "POST", `/participants/${participant.id}/support-persons`, { name: "Rosa Delgado", relationshipKind: "relative", closeness: "inner", helpKinds: ["rides"] });
  const grant = await api(page, "POST", `/participants/${participant.id}/consent-grants`, {
    supportPersonId: person.id, categories: ["employment_goals", "work_schedule"], purpose: "To help Nia find and keep a job.", mayAttendMeetings: true, mayReceivePlan: true,
    mayBeContacted: true, startsOn: inDays(0), expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Nia Brooks", signedOn: inDays(0), participantConfirmed: true,
  });
  const meeting = await api(page, "POST", `/participants/${participant.id}/meetings`, {
    kind: "support", title: "Getting ready for interviews", scheduledAt: `${inDays(6)}T17:30`, place: "Northside library", inviteeIds: [person.id], discloses: ["employment_goals"],
  });
  await api(page, "POST", `/participants/${participant.id}/plan-items`, {
    kind: "rides", description: "A ride to the Saturday shift", provider: "support_person", supportPersonId: person.id, status: "agreed", sharedWithSupports: true, discloses: ["work_schedule"],
  });
  return { participantId: participant.id as string, personId: person.id as string, grantId: grant.id as string, meetingId: meeting.id as string };
}

async function fitsTheScreen(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth);
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** A phone of the support person's own: a separate browser with no staff session. */
async function phone(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  return { context, page, errors };
}

test.beforeEach(async ({ page, signIn }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
});

test("a support person opens her link on a phone, answers, reports, claims and encourages; the specialist sees each; revoking consent ends it", async ({ page, browser, checkA11y }) => {
  test.setTimeout(180_000);
  await page.goto("/");
  const story = await buildStory(page);
  const base = `/participants/${story.participantId}`;

  // The specialist posts a help request on the plan page.
  await page.goto(`${base}/plan`);
  const help = page.locator("section", { has: page.getByRole("heading", { name: "Help requests" }) });
  await help.getByLabel("Kind of help").selectOption("rides");
  await help.getByLabel("What is needed").fill("A ride to the job fair");
  await help.getByLabel("Day").fill(inDays(4));
  await help.getByLabel("Time (optional)").fill("09:30");
  await help.getByRole("button", { name: "Post help request" }).click();
  await expect(help.getByText("Waiting for a helper")).toBeVisible();

  // The specialist makes Rosa's link on her page, with its QR code.
  await page.goto(`${base}/network/${story.personId}`);
  await page.getByRole("button", { name: "Make a link" }).click();
  const card = page.getByTestId("personal-link");
  await expect(card.getByRole("img", { name: /QR code/ })).toBeVisible();
  await checkA11y();
  const href = (await card.locator(".token").textContent())!.trim();
  const linkPath = new URL(href).pathname;

  // Rosa, on her phone.
  const rosa = await phone(browser);
  await rosa.page.goto(linkPath);
  await expect(rosa.page).toHaveURL(/\/support$/);
  expect(rosa.page.url()).not.toContain(linkPath);
  await expect(rosa.page.getByRole("heading", { level: 1 })).toHaveText("Helping Nia with work");
  await expect(rosa.page.getByText("Work at a garden center")).toBeVisible();
  await fitsTheScreen(rosa.page);
  await axe(rosa.page);

  const meeting = rosa.page.locator("article", { has: rosa.page.getByRole("heading", { name: "Getting ready for interviews" }) });
  await meeting.getByLabel("Maybe").check();
  await meeting.getByLabel(/A note/).fill("I work until 5, I may be late");
  await meeting.getByRole("button", { name: "Send my answer" }).click();
  await expect(rosa.page.getByRole("status")).toHaveText("Thank you. We saved your answer.");

  const commitment = rosa.page.locator("article", { has: rosa.page.getByRole("heading", { name: "A ride to the Saturday shift" }) });
  await commitment.getByRole("button", { name: "Done" }).click();
  await expect(rosa.page.getByRole("status")).toContainText("will see this");

  const request = rosa.page.locator("article", { has: rosa.page.getByRole("heading", { name: "A ride to the job fair" }) });
  await request.getByRole("button", { name: "I can help" }).click();
  await expect(rosa.page.getByRole("status")).toHaveText("Thank you for helping. It is now on your list below.");
  await expect(rosa.page.getByRole("heading", { name: "A ride to the job fair" })).toHaveCount(1);

  await rosa.page.getByLabel("Your note").fill("You've got this, Nia!");
  await rosa.page.getByRole("button", { name: "Send my note" }).click();
  await expect(rosa.page.getByRole("status")).toContainText("passed on to Nia");
  await axe(rosa.page);

  await rosa.page.getByRole("link", { name: "Change how we reach you" }).click();
  await fitsTheScreen(rosa.page);
  await axe(rosa.page);
  await rosa.page.getByRole("link", { name: "Back to my page" }).click();
  await rosa.page.getByRole("link", { name: /Step out/ }).click();
  await fitsTheScreen(rosa.page);
  await axe(rosa.page);
  await rosa.page.getByRole("link", { name: "Back to my page" }).click();

  // The specialist sees each.
  await page.goto(`${base}/meetings/${story.meetingId}`);
  await expect(page.getByText("I work until 5, I may be late")).toBeVisible();
  await page.goto(`${base}/plan`);
  await expect(page.getByText("Rosa Delgado says: done")).toBeVisible();
  await expect(page.getByText("Rosa Delgado will help")).toBeVisible();
  await expect(page.getByText("A ride to the job fair").first()).toBeVisible();
  await page.goto(`${base}/wins`);
  await expect(page.getByText("You've got this, Nia!")).toBeVisible();

  // Revoking the consent ends Rosa's page at once.
  await api(page, "POST", `${base}/consent-grants/${story.grantId}/revoke`, { reason: "Nia asked" });
  await rosa.page.reload();
  await expect(rosa.page).toHaveURL(/\/l$/);
  await expect(rosa.page.getByRole("heading", { level: 1 })).toHaveText("This link does not open a page now");
  await expect(rosa.page.getByText("garden center")).toHaveCount(0);
  await axe(rosa.page);
  await rosa.page.goto(linkPath);
  await expect(rosa.page).toHaveURL(/\/l$/);
  expect(rosa.errors.filter((e) => !/401/.test(e))).toEqual([]);
  await rosa.context.close();
});

test("another participant's ids in the page's addresses give not found", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  const mine = await buildStory(page);
  const theirs = await buildStory(page);
  await page.goto(`/participants/${mine.participantId}/network/${mine.personId}`);
  await page.getByRole("button", { name: "Make a link" }).click();
  const href = (await page.getByTestId("personal-link").locator(".token").textContent())!.trim();
  const rosa = await phone(browser);
  await rosa.page.goto(new URL(href).pathname);
  await expect(rosa.page).toHaveURL(/\/support$/);
  const csrf = (await rosa.context.cookies()).find((c) => c.name === "allies_csrf")?.value ?? "";
  const origin = new URL(rosa.page.url()).origin;
  const answer = await rosa.page.request.post(`/support/meetings/${theirs.meetingId}`, { form: { _csrf: csrf, response: "yes" }, headers: { origin }, maxRedirects: 0 });
  expect(answer.status()).toBe(404);
  await rosa.context.close();
});
