import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";
import { api } from "../fixtures/api.ts";

// The reproductions of the access-layer issue for meetings and wins, as a specialist
// meets them in the browser: a meeting at a methadone clinic reaches only someone with
// a substance use consent, and a job offer is offered to celebrate only with people
// whose consent covers a job's details.

/** A mother whose consent covers job goals and the job's details, and a sponsor whose covers substance use treatment alone. */
async function buildParticipant(page: Page) {
  const suffix = Date.now().toString(36);
  const participant = await api(page, "POST", "/participants", { firstName: "Pat", lastName: `Quinn-${suffix}`, workGoal: "Work in a warehouse" });
  const today = new Date().toISOString().slice(0, 10);
  const people: { id: string; name: string }[] = [];
  for (const [name, relationshipKind, categories] of [["Rosa Quinn", "relative", ["employment_goals", "job_details"]], ["Dale Sponsor", "sponsor", ["substance_use_treatment"]]] as const) {
    const person = await api(page, "POST", `/participants/${participant.id}/support-persons`, { name, relationshipKind, closeness: "inner" });
    await api(page, "POST", `/participants/${participant.id}/consent-grants`, {
      supportPersonId: person.id, categories, purpose: "To help Pat keep a job.", mayAttendMeetings: true, mayReceivePlan: true,
      mayBeContacted: true, startsOn: today, expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Pat Quinn", signedOn: today, participantConfirmed: true,
    });
    people.push(person);
  }
  return { id: participant.id as string, rosa: people[0]!, dale: people[1]! };
}

test.beforeEach(async ({ page, signIn }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
});

test("a meeting at a methadone clinic, once marked, sends its place only to the person with a substance use consent", async ({ page, checkA11y }) => {
  await page.goto("/participants");
  const { id, rosa, dale } = await buildParticipant(page);
  // Planned unmarked with both invited, as a meeting from before consent by content would be.
  const meeting = await api(page, "POST", `/participants/${id}/meetings`, {
    kind: "support", title: "Planning around my dosing times", scheduledAt: "2030-05-02T10:00", durationMinutes: 60,
    place: "Eastside Methadone Clinic, room 4", agenda: ["Dosing times and work hours"], discloses: [], inviteeIds: [rosa.id, dale.id],
  });
  const base = `/participants/${id}/meetings/${meeting.id}`;
  await page.goto(base);
  await expect(page.getByTestId("meeting-unreviewed")).toBeVisible();
  await checkA11y();

  // The specialist marks what the place tells, and confirms after the Part 2 warning.
  await page.getByLabel(/This meeting tells about substance use treatment/).check();
  await page.getByLabel(/I have checked with the participant/).check();
  await page.getByRole("button", { name: "Save what this meeting tells" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByTestId("meeting-discloses")).toHaveText("Substance use treatment");
  await expect(page.getByText("Their consent does not cover what this meeting tells.")).toBeVisible();
  await expect(page.locator(`a[href="${base}/invitees/${rosa.id}.ics"]`)).toHaveCount(0);
  await checkA11y();

  // The printed invitations: the sponsor's alone, with the federal notice; nothing for the mother.
  await page.goto(`${base}/invitations`);
  const invitations = page.locator("article.invitation");
  await expect(invitations).toHaveCount(1);
  await expect(invitations.first()).toHaveAttribute("data-person-id", dale.id);
  await expect(invitations.first()).toContainText("Eastside Methadone Clinic");
  await expect(invitations.first()).toContainText("42 CFR Part 2");
  await expect(page.locator("body")).not.toContainText(`${rosa.name}, you are invited`);
  await checkA11y();
  expect((await page.request.get(`${base}/invitees/${rosa.id}.ics`)).status()).toBe(404);
  const ics = await (await page.request.get(`${base}/invitees/${dale.id}.ics`)).text();
  expect(ics).toContain("Eastside Methadone Clinic");
  expect(ics).not.toContain("Rosa");
});

test("a job offer is offered to celebrate only with people whose consent covers a job's details", async ({ page, context, checkA11y }) => {
  await page.goto("/participants");
  const { id, rosa, dale } = await buildParticipant(page);
  await page.goto(`/participants/${id}/wins`);
  const celebrate = page.getByRole("group", { name: "Celebrate with" });
  // Each person shows what they may be told; the sponsor's consent is substance use alone.
  await expect(celebrate.locator(`[data-categories]`).filter({ hasText: "Job details" })).toHaveCount(1);
  await checkA11y();

  // A refused save answers 422, which the browser reports in its console: done in a second tab.
  const tab = await context.newPage();
  await tab.goto(`/participants/${id}/wins`);
  await tab.getByLabel("Kind of win").selectOption({ label: "Job offer" });
  await tab.getByRole("group", { name: "Celebrate with" }).getByRole("checkbox", { name: dale.name }).check();
  await tab.getByRole("button", { name: "Add the win" }).click();
  await expect(tab.locator("#field-celebrateWith")).toContainText("Someone chosen may not be told about this win. Nothing was saved.");
  await expect(tab.getByText(`Their consent does not cover this kind of win: ${dale.name}.`)).toBeVisible();
  await expect(tab.locator('.timeline li[data-kind="job_offer"]')).toHaveCount(0);
  await tab.close();

  await page.getByLabel("Kind of win").selectOption({ label: "Job offer" });
  await celebrate.getByRole("checkbox", { name: rosa.name }).check();
  await page.getByRole("button", { name: "Add the win" }).click();
  const win = page.locator('.timeline li[data-kind="job_offer"]');
  await expect(win).toContainText(`Shared with: ${rosa.name}`);
  await expect(win).not.toContainText(dale.name);
});
