import { expect, test } from "./fixtures/test.ts";
import { api } from "./fixtures/api.ts";

// Issue 14 §3 as a specialist meets it: the network's new words (a parent, a coworker
// at their job now, "other" help in the person's own words), guided discovery that asks
// about foster care only of a young adult marked as having been in care and warns before
// adding a probation officer, a meeting whose strengths reach the career profile with
// who named them and whose job ideas step is kept, and a commitment dismissed and restored.

const IN_CARE = "Did you grow up with anyone in foster care or group homes who still feels like family?";

test.beforeEach(async ({ page, signIn }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
});

test.describe("the network's words and guided discovery", () => {
  // "Other help" without its words is refused with 400, which the browser logs.
  test.use({ expectedConsoleErrors: [/status of 400/] });
  test("a parent and a coworker with other help described; the foster-care question only once the flag is set; the probation officer caution", async ({ page, checkA11y }) => {
    test.setTimeout(180_000);
    const participant = await api(page, "POST", "/participants", { firstName: "Tess", lastName: `Lindqvist-${Date.now().toString(36)}`, situationFlags: ["youngAdult"] });
    const base = `/participants/${participant.id}`;

    // A parent who helps in a way the list has no word for: "other" needs its words.
    await page.goto(`${base}/network`);
    await page.getByText("Add a person", { exact: true }).click();
    await page.getByLabel(/^Name/).fill("Irene Lindqvist");
    await page.getByLabel("How they are connected").selectOption({ label: "Parent" });
    await page.getByLabel("How close").selectOption("inner");
    await page.getByRole("checkbox", { name: "Other help" }).check();
    await page.getByRole("button", { name: "Add to the network" }).click();
    await expect(page.locator("#field-helpOther-error")).toContainText("Say what the other help is.");
    await checkA11y();
    await page.getByLabel("What other help").fill("Watches the children during interviews");
    await page.getByRole("button", { name: "Add to the network" }).click();
    await expect(page.getByRole("status")).toContainText("Irene Lindqvist");

    // A coworker at the job Tess has now, who hears of openings.
    await page.getByText("Add a person", { exact: true }).click();
    await page.getByLabel(/^Name/).fill("Omar Haddad");
    await page.getByLabel("How they are connected").selectOption({ label: "Coworker at their job now" });
    await page.getByLabel("How close").selectOption("friends");
    await page.getByRole("checkbox", { name: "Job leads" }).check();
    await page.getByRole("button", { name: "Add to the network" }).click();
    await expect(page.getByRole("status")).toContainText("Omar Haddad");
    const list = page.locator("table.network-list tbody tr");
    await expect(list.filter({ hasText: "Irene Lindqvist" })).toContainText("Parent");
    await expect(list.filter({ hasText: "Omar Haddad" })).toContainText("Coworker at their job now");
    await list.filter({ hasText: "Irene Lindqvist" }).getByRole("link", { name: "Irene Lindqvist" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Irene Lindqvist");
    await expect(page.getByText("Other help: Watches the children during interviews")).toBeVisible();
    await checkA11y();

    // A young adult not marked as having been in care is not asked about foster care.
    await page.goto(`${base}/network/discover`);
    await expect(page.getByRole("heading", { name: "Why we ask about the people in your life" })).toBeVisible();
    await expect(page.getByRole("heading", { name: IN_CARE })).toHaveCount(0);
    await expect(page.locator("[data-caution]")).toHaveCount(0);

    // The specialist marks that Tess was in foster care, and that she is on probation.
    await page.goto(`${base}/edit`);
    await page.getByRole("checkbox", { name: "Was in foster care" }).check();
    await page.getByRole("checkbox", { name: "Justice involvement" }).check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toBeVisible();

    await page.goto(`${base}/network/discover`);
    await expect(page.getByRole("heading", { name: IN_CARE })).toBeVisible();
    const officer = page.locator("#prompt-officer");
    await expect(officer.getByRole("note")).toContainText("has power over the participant");
    await checkA11y();
    // The officer question's form names the officer, with the caution beside the choice; nothing else is chosen for the person.
    await officer.getByRole("link", { name: /^Add someone for this question/ }).click();
    const form = page.locator("#add-person");
    await expect(form.getByLabel("How they are connected")).toHaveValue("probation_officer");
    await expect(form.getByRole("note")).toContainText("Agree with the participant first on what may be shared");
    await page.locator("#prompt-earlyRiser").getByRole("link", { name: /^Add someone for this question/ }).click();
    await expect(form.getByLabel("How they are connected")).toHaveValue("");
    await expect(form.getByLabel("How close")).toHaveValue("");
    await expect(form.getByRole("note")).toHaveCount(0);
  });
});

test("a meeting's strength reaches the career profile with who named it, its job idea is kept, and a commitment is dismissed and restored", async ({ page, checkA11y }) => {
  test.setTimeout(240_000);
  const participant = await api(page, "POST", "/participants", { firstName: "Ravi", lastName: `Menon-${Date.now().toString(36)}`, workGoal: "Work in a kitchen" });
  const base = `/participants/${participant.id}`;
  const today = new Date().toISOString().slice(0, 10);
  const ana = await api(page, "POST", `${base}/support-persons`, { name: "Ana Menon", relationshipKind: "parent", closeness: "inner" });
  await api(page, "POST", `${base}/consent-grants`, {
    supportPersonId: ana.id, categories: ["employment_goals"], purpose: "To help Ravi get and keep a job.", mayAttendMeetings: true, mayReceivePlan: true,
    mayBeContacted: true, startsOn: today, expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Ravi Menon", signedOn: today, participantConfirmed: true,
  });
  // Later today where the program is (Chicago): a meeting is marked held only on its day or after.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(new Date());
  const meeting = await api(page, "POST", `${base}/meetings`, {
    kind: "support", title: "Kitchen jobs", scheduledAt: `${day}T23:59`, durationMinutes: 60, place: "Library", inviteeIds: [ana.id], discloses: ["employment_goals"],
  });

  await page.goto(`${base}/meetings/${meeting.id}/run`);
  await page.getByRole("button", { name: "Next: Strengths" }).click();
  await page.getByLabel("Who said it").selectOption({ label: "Ana Menon" });
  await page.getByLabel("The strength").fill("Keeps a kitchen spotless");
  await page.getByRole("button", { name: "Save the strength" }).click();
  await expect(page.getByTestId("saved-entries")).toContainText("Keeps a kitchen spotless (Ana Menon)");

  // The job ideas step: the career profile at hand, with the strength just named and who named it.
  await page.getByRole("button", { name: "Next: Job ideas" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Step 3 of 7: Job ideas and career planning/ })).toBeVisible();
  const profile = page.getByTestId("run-career-profile");
  await expect(profile).toContainText("Work in a kitchen");
  await expect(profile.getByTestId("named-strengths")).toContainText("Keeps a kitchen spotless (named by Ana Menon at the meeting of");
  await page.getByLabel("Whose idea").selectOption({ label: "Ravi" });
  await page.getByLabel("The job idea or career step").fill("Prep cook at the hospital cafeteria");
  await page.getByRole("button", { name: "Save the job idea" }).click();
  await expect(page.getByTestId("saved-entries")).toContainText("Prep cook at the hospital cafeteria (Ravi)");
  await checkA11y();

  await page.getByRole("button", { name: "Next: Concerns" }).click();
  await page.getByRole("button", { name: "Next: Ideas" }).click();
  await page.getByRole("button", { name: "Next: Commitments" }).click();
  await page.getByLabel("Who will do it").selectOption({ label: "Ana Menon" });
  await page.getByLabel("What they will do").fill("Drive Ravi to interviews");
  await page.getByLabel("When or how often").fill("This month");
  await page.getByRole("button", { name: "Save the commitment" }).click();
  await expect(page.getByTestId("saved-entries")).toContainText("Drive Ravi to interviews — This month (Ana Menon)");
  await page.getByRole("button", { name: "Next: Next steps" }).click();
  await page.getByRole("button", { name: "Finish the meeting" }).click();
  await expect(page.getByRole("status")).toContainText("The meeting is over.");

  // The overview's career profile has the strength with its speaker, for the specialist to keep or remove.
  await page.goto(base);
  const named = page.getByTestId("named-strengths");
  await expect(named).toContainText("Keeps a kitchen spotless");
  await expect(named).toContainText("named by Ana Menon at the meeting of");

  // The minutes keep the job idea; the commitment is dismissed with a reason, then restored.
  await page.goto(`${base}/meetings/${meeting.id}/minutes`);
  await expect(page.getByRole("heading", { name: "Job ideas and career planning" })).toBeVisible();
  await expect(page.getByText("Prep cook at the hospital cafeteria")).toBeVisible();
  const commitment = page.locator("[data-minutes=commitments] li", { hasText: "Drive Ravi to interviews" });
  await commitment.getByText("Dismiss this commitment", { exact: true }).first().click();
  await commitment.getByLabel("Reason (optional)").fill("Ana starts a night job");
  await commitment.getByRole("button", { name: "Dismiss this commitment" }).click();
  await expect(page.getByRole("status")).toHaveText("The commitment was dismissed. It is no longer shown to the support person or reminded.");
  await expect(commitment).toHaveAttribute("data-dismissed", "true");
  await expect(commitment).toContainText("Ana starts a night job");
  await checkA11y();

  // Dismissed, it is not waiting to go into the plan.
  await page.goto(`${base}/plan`);
  await expect(page.getByText("Drive Ravi to interviews")).toHaveCount(0);

  await page.goto(`${base}/meetings/${meeting.id}/minutes`);
  await commitment.getByRole("button", { name: "Restore this commitment" }).click();
  await expect(page.getByRole("status")).toHaveText("The commitment was restored.");
  await expect(commitment).not.toHaveAttribute("data-dismissed", "true");
  await page.goto(`${base}/plan`);
  await expect(page.getByRole("region", { name: "Commitments from meetings, not yet in the plan" })).toContainText("Drive Ravi to interviews");
});
