import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";
import { api } from "../fixtures/api.ts";

// Meetings that change (issue 11 §3), on a phone-sized screen: reschedule, cancel, and
// read the minutes of a held meeting with a copy per attendee. The demo program is in Chicago.

const chicagoDay = (offsetDays = 0) => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(new Date(Date.now() + offsetDays * 86_400_000));

/** A participant of the demo specialist with Ana (job search only) and Ben (job search and benefits). */
async function buildParticipant(page: Page) {
  const participant = await api(page, "POST", "/participants", { firstName: "Morgan", lastName: `Lee-${Date.now().toString(36)}`, workGoal: "Work in a garden centre" });
  const today = new Date().toISOString().slice(0, 10);
  const people: { id: string; name: string }[] = [];
  for (const [name, categories] of [["Ana Lopez", ["employment_goals"]], ["Ben Carter", ["employment_goals", "benefits_income"]]] as const) {
    const person = await api(page, "POST", `/participants/${participant.id}/support-persons`, { name, relationshipKind: "friend", closeness: "inner" });
    await api(page, "POST", `/participants/${participant.id}/consent-grants`, {
      supportPersonId: person.id, categories, purpose: "To help Morgan get a job.", mayAttendMeetings: true, mayReceivePlan: true,
      mayBeContacted: true, startsOn: today, expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Morgan Lee", signedOn: today, participantConfirmed: true,
    });
    people.push(person);
  }
  return { id: participant.id as string, ana: people[0]!, ben: people[1]! };
}

async function download(page: Page, linkName: string) {
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: linkName }).click();
  return readFile((await (await downloading).path())!, "utf8");
}

test.use({ viewport: { width: 360, height: 780 } });
// Several downloads and axe runs in one story: more than the default minute on a shared machine.
test.setTimeout(150_000);

test.beforeEach(async ({ page, signIn }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
});

test("reschedule a meeting, then cancel it: the same calendar event is updated, then removed", async ({ page, checkA11y }) => {
  const { id, ana } = await buildParticipant(page);
  const meeting = await api(page, "POST", `/participants/${id}/meetings`, {
    kind: "support", title: "Meeting the garden centre", scheduledAt: `${chicagoDay(5)}T10:00`, place: "The library", inviteeIds: [ana.id],
  });
  await page.goto(`/participants/${id}/meetings/${meeting.id}`);
  const first = await download(page, `Calendar file for ${ana.name}`);
  expect(first).toContain("SEQUENCE:0");

  // A time already gone is refused at the field. The refusal answers 422, which Chromium logs as a
  // console error: expected here, so it is sent from a second tab the console check does not watch.
  const second = await page.context().newPage();
  await second.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await second.goto(`/participants/${id}/meetings/${meeting.id}/edit`);
  await second.getByLabel("Date and time").fill("1999-01-01T10:00");
  await second.getByRole("button", { name: "Save the changes" }).click();
  await expect(second.locator("#field-scheduledAt-error")).toContainText("This time has already passed.");
  await checkA11y(second);
  await second.close();

  await page.getByRole("link", { name: "Change or reschedule" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change “Meeting the garden centre”");
  await checkA11y();
  await page.getByLabel("Date and time").fill(`${chicagoDay(6)}T14:30`);
  await page.getByRole("button", { name: "Save the changes" }).click();
  await expect(page.getByRole("status")).toContainText("The meeting was changed.");
  const update = await download(page, `Calendar file for ${ana.name}`);
  expect(update).toContain("SEQUENCE:1");
  expect(update).toContain(`DTSTART;TZID=America/Chicago:${chicagoDay(6).replace(/-/g, "")}T143000`);
  expect(update.match(/^UID:.*$/m)![0]).toBe(first.match(/^UID:.*$/m)![0]);
  await checkA11y();

  await page.getByRole("button", { name: "Cancel this meeting" }).click();
  await expect(page.getByRole("status")).toContainText("The meeting was cancelled.");
  await expect(page.getByTestId("meeting-cancelled")).toBeVisible();
  await expect(page.getByRole("link", { name: "Run the meeting" })).toHaveCount(0);
  const cancellation = await download(page, `Calendar file for ${ana.name}`);
  expect(cancellation).toContain("METHOD:CANCEL");
  expect(cancellation).toContain("SEQUENCE:2");
  await checkA11y();
  await page.goto(`/participants/${id}/meetings`);
  await expect(page.locator(`tr[data-meeting-id="${meeting.id}"]`)).toContainText("Cancelled");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("a held meeting shows its minutes, and each person who came gets a copy their consent covers", async ({ page, checkA11y }) => {
  const { id, ana, ben } = await buildParticipant(page);
  const meeting = await api(page, "POST", `/participants/${id}/meetings`, {
    kind: "support", title: "Family meeting", scheduledAt: `${chicagoDay()}T23:59`, place: "Home", inviteeIds: [ana.id, ben.id],
  });
  const base = `/participants/${id}/meetings/${meeting.id}`;
  await api(page, "POST", `/participants/${id}/meetings/${meeting.id}/responses`, { supportPersonId: ben.id, response: "maybe" });
  await page.goto(`${base}/run`);
  // A maybe is not counted as coming.
  await expect(page.getByTestId("coming")).not.toContainText(ben.name);
  await expect(page.getByTestId("maybe-coming")).toContainText(ben.name);
  await page.getByRole("group", { name: "Who came?" }).getByRole("checkbox", { name: ana.name }).check();
  await page.getByRole("group", { name: "Who came?" }).getByRole("checkbox", { name: ben.name }).check();
  await page.getByRole("button", { name: "Save who came" }).click();
  await expect(page.getByRole("status")).toContainText("Saved who came.");
  await checkA11y();
  await api(page, "POST", `/participants/${id}/meetings/${meeting.id}/entries`, { kind: "strength", text: "Green fingers", clientKey: crypto.randomUUID() });
  await api(page, "POST", `/participants/${id}/concerns`, {
    type: "losing_benefits", description: "Worried about the SSI check.", meetingId: meeting.id, clientKey: crypto.randomUUID(),
  });
  await api(page, "PUT", `/participants/${id}/meetings/${meeting.id}/step`, { step: 7 });

  await page.goto(base);
  await page.getByRole("link", { name: "Read the minutes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Minutes: Family meeting");
  await expect(page.getByTestId("came")).toContainText(ana.name);
  await expect(page.locator('[data-minutes="strengths"]')).toContainText("Green fingers");
  await expect(page.locator('[data-minutes="concerns"]')).toContainText("Worried about the SSI check.");
  await checkA11y();
  // The run-sheet does not reopen.
  await page.goto(`${base}/run`);
  await expect(page).toHaveURL(new RegExp(`${base}/minutes$`));

  await page.getByRole("link", { name: `Copy for ${ana.name}` }).click();
  await expect(page.getByTestId("copy-for")).toContainText(ana.name);
  await expect(page.locator('[data-minutes="strengths"]')).toContainText("Green fingers");
  await expect(page.locator('[data-minutes="concerns"]')).not.toContainText("Worried about the SSI check.");
  await expect(page.getByTestId("minutes-left-out")).toBeVisible();
  await checkA11y();
  await page.goto(`${base}/minutes?for=${ben.id}`);
  await expect(page.locator('[data-minutes="concerns"]')).toContainText("Worried about the SSI check.");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
