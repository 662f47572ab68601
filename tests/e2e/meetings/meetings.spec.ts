import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";
import { pdfText } from "../../support/pdf-text.ts";
import { api } from "../fixtures/api.ts";

/** JSON API calls as the signed-in user, with the CSRF header. */

/**
 * A participant of the demo specialist with three supports: Ana and Ben may come to
 * meetings and get the plan; Cal's consent leaves meetings out. Each covers the job goal and the
 * job's details (a paycheck win is a job detail).
 */
async function buildParticipant(page: Page) {
  const suffix = Date.now().toString(36);
  const participant = await api(page, "POST", "/participants", { firstName: "Jordan", lastName: `Reyes-${suffix}`, workGoal: "Work in a bakery" });
  const today = new Date().toISOString().slice(0, 10);
  const people: Record<string, { id: string; name: string }> = {};
  for (const [key, name, mayAttendMeetings] of [["ana", "Ana Reyes", true], ["ben", "Ben Okafor", true], ["cal", "Cal Winters", false]] as const) {
    const person = await api(page, "POST", `/participants/${participant.id}/support-persons`, { name, relationshipKind: "friend", closeness: "inner", phone: "555-0100" });
    await api(page, "POST", `/participants/${participant.id}/consent-grants`, {
      supportPersonId: person.id, categories: ["employment_goals", "job_details"], purpose: "To help Jordan get and keep a job.", mayAttendMeetings, mayReceivePlan: true,
      mayBeContacted: true, startsOn: today, expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Jordan Reyes", signedOn: today, participantConfirmed: true,
    });
    people[key] = person;
  }
  return { id: participant.id as string, ana: people.ana!, ben: people.ben!, cal: people.cal! };
}

test.beforeEach(async ({ page, signIn }) => {
  // The app has no favicon yet; Chromium's automatic request would otherwise log a 404 as a console error.
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
});

test("plan a support meeting, run it, turn commitments into the plan, take the plan home and celebrate a win", async ({ page, checkA11y }) => {
  // The whole life of a meeting in one journey: longer than one page's minute.
  test.setTimeout(120_000);
  const { id, ana, ben, cal } = await buildParticipant(page);

  // Plan the meeting: Ana and Ben can be picked, Cal cannot.
  await page.goto(`/participants/${id}/meetings`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jordan's meetings");
  await checkA11y();
  await page.getByRole("link", { name: "Plan a meeting" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plan a meeting");
  const invitees = page.getByRole("group", { name: "Who to invite" });
  await expect(invitees.getByRole("checkbox")).toHaveCount(2);
  await expect(invitees.getByRole("checkbox", { name: cal.name })).toHaveCount(0);
  await expect(page.getByTestId("not-invitable")).toContainText(`${cal.name}: no consent for meetings`);
  await expect(page.getByLabel("Agenda", { exact: true })).toHaveValue(/^Welcome and why we are here\nStrengths: each person names one/);
  await checkA11y();
  await page.getByLabel("Name of the meeting").fill("Getting ready for the bakery job");
  // Later today where the program is (the demo program is in Chicago): a meeting is marked held only on its day or after.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(new Date());
  await page.getByLabel("Date and time").fill(`${day}T23:59`);
  await page.getByLabel("Place").fill("Eastside library, room 2");
  await page.getByLabel("Refreshments").fill("coffee and fruit");
  await invitees.getByRole("checkbox", { name: ana.name }).check();
  await invitees.getByRole("checkbox", { name: ben.name }).check();
  await page.getByLabel("I planned this meeting together with Jordan").check();
  await page.getByRole("button", { name: "Save the meeting plan" }).click();

  // The meeting: replies, a printable invitation and a calendar file per invitee.
  await expect(page.getByRole("status")).toContainText("The meeting was planned.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Getting ready for the bakery job");
  await checkA11y();
  await page.getByRole("link", { name: "Invitations to print" }).click();
  await expect(page.getByRole("heading", { name: `${ana.name}, you are invited` })).toBeVisible();
  await expect(page.getByRole("heading", { name: `${ben.name}, you are invited` })).toBeVisible();
  await checkA11y();
  await page.getByRole("link", { name: "Back to the meeting" }).click();
  await page.getByRole("button", { name: `Coming: ${ana.name}`, exact: true }).click();
  await expect(page.locator(`tr[data-person-id="${ana.id}"] [data-response]`)).toHaveAttribute("data-response", "yes");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: `Calendar file for ${ben.name}` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^meeting-[\w-]+\.ics$/);
  const ics = await readFile((await download.path())!, "utf8");
  expect(ics).toContain("BEGIN:VEVENT");
  expect(ics).toContain("SUMMARY:Getting ready for the bakery job");
  expect(ics).toContain("LOCATION:Eastside library\\, room 2");
  expect(ics).toContain("BEGIN:VTIMEZONE");
  expect(ics).toContain(`DTSTART;TZID=America/Chicago:${day.replace(/-/g, "")}T235900`);
  expect(ics).toContain(`ATTENDEE;CN="${ben.name}";RSVP=TRUE`);

  // Run it, one step at a time.
  await page.getByRole("link", { name: "Run the meeting" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Step 1 of 7/ })).toBeVisible();
  await checkA11y();
  await page.getByRole("button", { name: "Next: Strengths" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Step 2 of 7: Strengths/ })).toBeVisible();
  await page.getByLabel("Who said it").selectOption({ label: ana.name });
  await page.getByLabel("The strength").fill("Jordan is always on time.");
  await page.getByRole("button", { name: "Save the strength" }).click();
  await expect(page.getByTestId("saved-entries")).toContainText(`Jordan is always on time. (${ana.name})`);
  await expect(page.getByLabel("The strength")).toHaveValue("");
  await page.getByLabel("Who said it").selectOption({ label: "Jordan" });
  await page.getByLabel("The strength").fill("I learn fast.");
  await page.getByRole("button", { name: "Save the strength" }).click();
  await expect(page.getByTestId("saved-entries").locator("li")).toHaveCount(2);
  await checkA11y();

  // Concerns: a benefits worry, with its talking points right there.
  await page.getByRole("button", { name: "Next: Job ideas" }).click();
  await page.getByRole("button", { name: "Next: Concerns" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Step 4 of 7: Worries and concerns/ })).toBeVisible();
  await page.getByLabel("Kind of concern").selectOption({ label: "Relapse" });
  await expect(page.locator("#talking-points")).toContainText("Talking points: Relapse");
  await page.getByLabel("Kind of concern").selectOption({ label: "Losing benefits" });
  const points = page.locator("#talking-points");
  await expect(points).toContainText("Talking points: Losing benefits");
  await expect(points).toContainText("Community Work Incentives Coordinator (CWIC)");
  await expect(points).toContainText("Part-time work is a fine first step.");
  await expect(points.getByRole("link", { name: "Refer to a benefits counselor" })).toBeVisible();
  await page.getByLabel("Who raised it").selectOption({ label: ben.name });
  await page.getByLabel("The concern, in their words").fill("Jordan could lose SSI and Medicaid.");
  await page.getByRole("button", { name: "Save the concern" }).click();
  await expect(page.getByTestId("saved-concern")).toContainText("Losing benefits: Jordan could lose SSI and Medicaid.");
  await checkA11y();

  // Ideas, then two commitments.
  await page.getByRole("button", { name: "Next: Ideas" }).click();
  await page.getByLabel("The idea").fill("Meet a benefits counselor before the first paycheck.");
  await page.getByRole("button", { name: "Save the idea" }).click();
  await expect(page.getByTestId("saved-entries")).toContainText("Meet a benefits counselor");
  await page.getByRole("button", { name: "Next: Commitments" }).click();
  for (const [who, what, when] of [[ana.name, "Wake-up call before each shift", "Every workday at 5 am"], [ben.name, "Drive Jordan to the bakery", "Mondays"]] as const) {
    await page.getByLabel("Who will do it").selectOption({ label: who });
    await page.getByLabel("What they will do").fill(what);
    await page.getByLabel("When or how often").fill(when);
    await page.getByRole("button", { name: "Save the commitment" }).click();
    await expect(page.getByTestId("saved-entries")).toContainText(`${what} — ${when} (${who})`);
  }
  await checkA11y();
  await page.getByRole("button", { name: "Next: Next steps" }).click();
  await page.getByLabel("The next step").fill("Book the benefits counselor");
  await page.getByLabel("By when").fill("Next Friday");
  await page.getByRole("button", { name: "Save the next step" }).click();
  await expect(page.getByTestId("saved-entries")).toContainText("Book the benefits counselor");
  await page.getByRole("button", { name: "Finish the meeting" }).click();
  await expect(page.getByRole("status")).toContainText("The meeting is over.");
  await expect(page.locator(".facts")).toContainText("Held");

  // The two commitments become plan items in one step.
  await page.goto(`/participants/${id}/plan`);
  const commitments = page.getByRole("region", { name: "Commitments from meetings, not yet in the plan" });
  await expect(commitments.getByRole("group")).toHaveCount(2);
  await checkA11y();
  await commitments.getByRole("group", { name: "Wake-up call before each shift" }).getByLabel("Kind of help").selectOption("wake_up_calls");
  await commitments.getByRole("group", { name: "Drive Jordan to the bakery" }).getByLabel("Kind of help").selectOption("rides");
  await commitments.getByRole("button", { name: "Add the chosen commitments to the plan" }).click();
  await expect(page.getByRole("status")).toContainText("The commitments are now in the plan.");
  const agreed = page.getByRole("region", { name: "Agreed (2)" });
  await expect(agreed.getByRole("heading", { level: 3 })).toHaveText(["Wake-up calls: Wake-up call before each shift", "Rides to work or school: Drive Jordan to the bakery"]);
  await expect(page.getByRole("region", { name: "Commitments from meetings, not yet in the plan" })).toHaveCount(0);
  await checkA11y();

  // The take-home plan and its PDF.
  await page.getByRole("link", { name: "Take-home plan to print" }).click();
  const plan = page.locator("article.take-home");
  await expect(plan.getByRole("heading", { level: 1 })).toHaveText("My job support plan");
  await expect(plan).toContainText("My work goal: Work in a bakery");
  await expect(plan.getByRole("row", { name: /Wake-up call before each shift/ })).toContainText(ana.name);
  await expect(plan.getByRole("row", { name: /Drive Jordan to the bakery/ })).toContainText("Mondays");
  await expect(plan).toContainText("After a hard day");
  await checkA11y();
  const pdfHref = await page.getByRole("link", { name: "Download the PDF" }).getAttribute("href");
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const text = await pdfText(await pdf.body());
  for (const words of ["My job support plan", "My work goal: Work in a bakery", "Wake-up call before each shift", "Drive Jordan to the bakery", ana.name, "After a hard day"]) {
    expect(text).toContain(words);
  }

  // A "first paycheck" win, shared with Ana.
  await page.goto(`/participants/${id}/wins`);
  await checkA11y();
  await page.getByLabel("Kind of win").selectOption({ label: "First paycheck" });
  await page.getByLabel("Date").fill("2030-06-13");
  await page.getByLabel("Note", { exact: true }).fill("Bought pastries for everyone.");
  await page.getByRole("group", { name: "Celebrate with" }).getByRole("checkbox", { name: ana.name }).check();
  await page.getByRole("button", { name: "Add the win" }).click();
  await expect(page.getByRole("status")).toContainText("The win was added.");
  const win = page.locator('.timeline li[data-kind="first_paycheck"]');
  await expect(win).toContainText("First paycheck");
  await expect(win).toContainText(`Shared with: ${ana.name}`);
  await checkA11y();
});

test("reloading in the middle of a meeting loses nothing", async ({ page }) => {
  const { id, ana } = await buildParticipant(page);
  const meeting = await api(page, "POST", `/participants/${id}/meetings`, {
    kind: "support", title: "Check-in", scheduledAt: "2030-05-20T10:00", place: "Home", inviteeIds: [ana.id],
  });
  await page.goto(`/participants/${id}/meetings/${meeting.id}/run`);
  await page.getByRole("button", { name: "Next: Strengths" }).click();
  await page.getByLabel("The strength").fill("Kind to everyone");
  await page.getByRole("button", { name: "Save the strength" }).click();
  await expect(page.getByTestId("saved-entries")).toContainText("Kind to everyone");

  // Typed but not sent, then the page reloads (a dropped connection, a tap on refresh).
  await page.getByLabel("Who said it").selectOption({ label: ana.name });
  await page.getByLabel("The strength").pressSequentially("Great with customers");
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: /^Step 2 of 7: Strengths/ })).toBeVisible();
  await expect(page.getByTestId("saved-entries")).toContainText("Kind to everyone");
  await expect(page.getByLabel("The strength")).toHaveValue("Great with customers");
  await expect(page.getByLabel("Who said it")).toHaveValue(`person:${ana.id}`);

  // Sent after the reload, it saves once, and the draft is gone.
  await page.getByRole("button", { name: "Save the strength" }).click();
  await expect(page.getByTestId("saved-entries").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("saved-entries")).toContainText(`Great with customers (${ana.name})`);
  await page.reload();
  await expect(page.getByLabel("The strength")).toHaveValue("");
  await expect(page.getByTestId("saved-entries").locator("li")).toHaveCount(2);

  // The same on the concerns step, with the talking points following the restored choice.
  await page.getByRole("button", { name: "Next: Job ideas" }).click();
  await page.getByRole("button", { name: "Next: Concerns" }).click();
  await page.getByLabel("Kind of concern").selectOption({ label: "Getting to work" });
  await page.getByLabel("The concern, in their words").pressSequentially("The bus is unreliable");
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: /^Step 4 of 7/ })).toBeVisible();
  await expect(page.getByLabel("The concern, in their words")).toHaveValue("The bus is unreliable");
  await expect(page.getByLabel("Kind of concern")).toHaveValue("transport");
  await expect(page.locator("#talking-points")).toContainText("Talking points: Getting to work");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a meeting runs with plain forms: steps, an entry, a concern with its talking points", async ({ page }) => {
    const { id, ana } = await buildParticipant(page);
    const meeting = await api(page, "POST", `/participants/${id}/meetings`, {
      kind: "support", title: "Plain forms", scheduledAt: "2030-05-21T10:00", place: "Home", inviteeIds: [ana.id],
    });
    await page.goto(`/participants/${id}/meetings/${meeting.id}/run`);
    await page.getByRole("button", { name: "Next: Strengths" }).click();
    await page.getByLabel("Who said it").selectOption({ label: ana.name });
    await page.getByLabel("The strength").fill("Patient with people");
    await page.getByRole("button", { name: "Save the strength" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");
    await expect(page.getByTestId("saved-entries")).toContainText(`Patient with people (${ana.name})`);

    await page.getByRole("button", { name: "Next: Job ideas" }).click();
    await page.getByRole("button", { name: "Next: Concerns" }).click();
    await page.getByRole("link", { name: "Getting to work" }).click();
    await expect(page.locator("#talking-points")).toContainText("Talking points: Getting to work");
    await expect(page.getByLabel("Kind of concern")).toHaveValue("transport");
    await page.getByLabel("The concern, in their words").fill("No car, and the bus is slow");
    await page.getByRole("button", { name: "Save the concern" }).click();
    await expect(page.getByTestId("saved-concern")).toContainText("Getting to work: No car, and the bus is slow");
  });
});
