import type { Page } from "@playwright/test";
import { api } from "./fixtures/api.ts";
import { expect, test } from "./fixtures/test.ts";
import { pdfText } from "../support/pdf-text.ts";

// Issue 14 §3, the content fixes that seeds-content.spec.ts leaves out, as a specialist
// and the people around a participant meet them: the talking points for losing benefits,
// relapse and a job that ended, shown when a concern is raised in a meeting; guided
// discovery that opens by explaining natural supports and asks for roles; a school or
// training goal beside the work goal; the "after a hard day" person on each take-home
// copy, without doubled punctuation after a name; and a first-call mark that moves only
// when the specialist ticks it. Each test makes its own participant, and waits for the
// page it acts on (its heading) before it types.

const today = () => new Date().toISOString().slice(0, 10);
const suffix = () => Date.now().toString(36);

/** A support person on the participant's network with a signed consent to the plan (and, if `mayAttendMeetings`, to meetings). */
async function addSupport(page: Page, participantId: string, signer: string, person: { name: string; categories: string[]; mayAttendMeetings?: boolean; firstCall?: boolean }) {
  const created = await api(page, "POST", `/participants/${participantId}/support-persons`, {
    name: person.name, relationshipKind: "friend", closeness: "inner", phone: "555-0100", firstCall: person.firstCall ?? false,
  });
  await api(page, "POST", `/participants/${participantId}/consent-grants`, {
    supportPersonId: created.id, categories: person.categories, purpose: "To help with work.", mayAttendMeetings: person.mayAttendMeetings ?? false, mayReceivePlan: true,
    mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: signer, signedOn: today(), participantConfirmed: true,
  });
  return created as { id: string; name: string };
}

test.beforeEach(async ({ page, signIn }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
});

test("a concern raised in a meeting brings its talking points: benefits that come back, work that helps recovery, a job that ended", async ({ page, checkA11y }) => {
  test.setTimeout(180_000);
  const participant = await api(page, "POST", "/participants", { firstName: "Nadia", lastName: `Okoro-${suffix()}`, workGoal: "Work in a pharmacy" });
  const base = `/participants/${participant.id}`;
  const mother = await addSupport(page, participant.id, "Nadia Okoro", { name: "Grace Okoro", categories: ["employment_goals", "benefits_income"], mayAttendMeetings: true });
  const meeting = await api(page, "POST", `${base}/meetings`, {
    kind: "support", title: "Worries about work", scheduledAt: "2030-05-20T10:00", durationMinutes: 60, place: "Library", inviteeIds: [mother.id], discloses: ["employment_goals"],
  });
  const run = `${base}/meetings/${meeting.id}/run`;
  const concernsStep = page.getByRole("heading", { level: 2, name: /^Step 4 of 7: Worries and concerns/ });

  await page.goto(run);
  await expect(page.getByRole("heading", { level: 2, name: /^Step 1 of 7/ })).toBeVisible();
  await page.getByRole("button", { name: "4. Concerns", exact: true }).click();
  await expect(concernsStep).toBeVisible();

  // Losing benefits, the kind the step opens with: what families fear most, answered in plain words.
  const points = page.locator("#talking-points");
  await expect(page.getByLabel("Kind of concern")).toHaveValue("losing_benefits");
  await expect(points.getByRole("heading")).toHaveText("Talking points: Losing benefits");
  await expect(points).toContainText("Many families fear that a job means losing SSI, SSDI or Medicaid for good.");
  await expect(points).toContainText("SSI: if pay goes down again, the SSI check can start again.");
  await expect(points).toContainText("SSDI: if the check stops because of work and the job ends, the person can ask to get it back fast, within five years.");
  await expect(points).toContainText("Medicaid: most people keep Medicaid even when their pay is too high for an SSI check");
  // Each plain sentence carries Social Security's own word for it, linked to the glossary.
  await expect(points.getByRole("link", { name: "expedited reinstatement" })).toBeVisible();
  await expect(points.getByRole("link", { name: "section 1619(b)" })).toBeVisible();
  await expect(points.getByRole("link", { name: "Refer to a benefits counselor" })).toBeVisible();
  await checkA11y();

  await points.getByRole("link", { name: "section 1619(b)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "What the words mean" })).toBeVisible();
  await expect(page).toHaveURL(/\/glossary#section1619b$/);
  await expect(page.locator("#section1619b")).toContainText("The rule that lets you keep Medicaid when your pay is too high for an SSI check.");
  await checkA11y();

  // Relapse: the evidence that work helps recovery, and what the team can offer.
  await page.goto(run);
  await expect(concernsStep).toBeVisible();
  await page.locator(".hint").getByRole("link", { name: "Relapse", exact: true }).click();
  await expect(points.getByRole("heading")).toHaveText("Talking points: Relapse");
  await expect(page.getByLabel("Kind of concern")).toHaveValue("relapse");
  await expect(points).toContainText("Work is good for recovery.");
  await expect(points).toContainText("a job does not make people more likely to get sick again");
  await expect(points).toContainText("A setback can happen with or without a job. It does not end help from the team");
  await expect(points).toContainText("more visits from the specialist, a talk with the doctor or counselor, help from a peer worker, fewer hours for a while");

  // A job that ended is a concern of its own, with its own points; raised, it keeps them at hand.
  await page.locator(".hint").getByRole("link", { name: "A job ended", exact: true }).click();
  await expect(points.getByRole("heading")).toHaveText("Talking points: A job ended");
  await expect(page.getByLabel("Kind of concern")).toHaveValue("job_loss");
  await expect(points).toContainText("A job ending is part of the path, not the end of it.");
  await expect(points).toContainText("IPS keeps helping after a job ends.");
  await expect(points).not.toContainText("SSI");
  await page.getByLabel("Who raised it").selectOption({ label: mother.name });
  await page.getByLabel("The concern, in their words").fill("Nadia was let go from the warehouse and feels like giving up.");
  await page.getByRole("button", { name: "Save the concern" }).click();
  const raised = page.getByTestId("saved-concern").locator("li[data-concern-type=job_loss]");
  await expect(raised).toContainText("A job ended: Nadia was let go from the warehouse and feels like giving up.");
  await expect(raised).toContainText(mother.name);
  await raised.getByText("Talking points and next steps", { exact: true }).click();
  await expect(raised.getByRole("heading", { level: 4 })).toHaveText("Talking points: A job ended");
  await expect(raised).toContainText("Start the next job search soon, while the person still feels ready.");
  await checkA11y();

  // The concern is on the participant's record, with the same points.
  await page.goto(`${base}/concerns`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("article[data-concern-type=job_loss]")).toContainText("Nadia was let go from the warehouse");
  await expect(page.locator(".talking-points[data-concern-type=job_loss]")).toContainText("A job ending is part of the path");
});

test("guided discovery opens by explaining natural supports, in the participant's language, and asks for roles", async ({ page, checkA11y }) => {
  test.setTimeout(120_000);
  const english = await api(page, "POST", "/participants", { firstName: "Lena", lastName: `Park-${suffix()}` });
  await page.goto(`/participants/${english.id}/network/discover`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // Before any question: what a natural support is and why a broad circle helps, for the participant to hear.
  const why = page.getByRole("region", { name: "Why we ask about the people in your life" });
  await expect(why).toHaveAttribute("lang", "en");
  await expect(why).toContainText("A natural support is someone in your life who is on your side. They are not paid to help you.");
  await expect(why).toContainText("Many people helping a little is better than one person doing it all.");
  await expect(why).toContainText("These people will still be around long after our services end.");
  await expect(why).toContainText("You decide who counts and who we talk to.");
  const intro = await why.boundingBox();
  const questions = await page.getByRole("heading", { level: 2, name: "Questions to ask" }).boundingBox();
  expect(intro!.y, "the explanation comes before the questions").toBeLessThan(questions!.y);

  // The questions name roles someone could play; none asks "who supports you?".
  const asked = page.locator("ol.prompts > li h3");
  await expect(asked.first()).toHaveText("Who gets up early and could give you a wake-up call on work days?");
  for (const role of [
    "Who has a car, or knows the bus routes, and could help you get to work?",
    "Who knows a lot of people, or works somewhere you might like to work?",
    "Who is good with forms, applications and paperwork?",
    "If you work now, is there a coworker you get along with?",
  ]) await expect(asked.filter({ hasText: role })).toHaveCount(1);
  await expect(asked.filter({ hasText: /who supports you/i })).toHaveCount(0);
  await checkA11y();

  // A participant who speaks Spanish hears the explanation in Spanish; the specialist's page stays in English.
  const spanish = await api(page, "POST", "/participants", { firstName: "Rosa", lastName: `Medina-${suffix()}`, preferredLanguage: "es" });
  await page.goto(`/participants/${spanish.id}/network/discover`);
  await expect(page.getByRole("heading", { level: 2, name: "Questions to ask" })).toBeVisible();
  const porQue = page.getByRole("region", { name: "Por qué le preguntamos por las personas en su vida" });
  await expect(porQue).toHaveAttribute("lang", "es");
  await expect(porQue).toContainText("Un apoyo natural es alguien en su vida que está de su lado.");
  await expect(porQue).toContainText("mucho después de que terminen nuestros servicios");
  await checkA11y();
});

test("a school or training goal sits beside the work goal in the career profile, the meeting and the take-home copies", async ({ page, checkA11y }) => {
  test.setTimeout(180_000);
  const participant = await api(page, "POST", "/participants", { firstName: "Theo", lastName: `Vance-${suffix()}`, workGoal: "Work as a mechanic" });
  const base = `/participants/${participant.id}`;
  const uncle = await addSupport(page, participant.id, "Theo Vance", { name: "Walt Vance", categories: ["employment_goals"], mayAttendMeetings: true });
  // Consent to the plan but not to Theo's goals: his copy must carry neither goal.
  const neighbor = await addSupport(page, participant.id, "Theo Vance", { name: "June Ito", categories: ["job_details"] });

  await page.goto(`${base}/edit`);
  await expect(page.getByRole("heading", { level: 1, name: /^Edit / })).toBeVisible();
  await expect(page.getByLabel("School or training goal")).toHaveValue("");
  await page.getByLabel("School or training goal").fill("Finish the auto repair certificate at the community college");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Your changes were saved.");
  const profile = page.getByTestId("career-profile");
  await expect(profile.getByRole("heading", { name: "Work goal" })).toBeVisible();
  await expect(profile).toContainText("Work as a mechanic");
  await expect(profile.getByRole("heading", { name: "School or training goal" })).toBeVisible();
  await expect(profile.getByTestId("school-goal")).toHaveText("Finish the auto repair certificate at the community college");
  await checkA11y();

  // At a meeting's job ideas step, the career profile at hand has both goals.
  const meeting = await api(page, "POST", `${base}/meetings`, {
    kind: "support", title: "Next steps for Theo", scheduledAt: "2030-05-20T10:00", durationMinutes: 60, place: "Garage", inviteeIds: [uncle.id], discloses: ["employment_goals"],
  });
  await page.goto(`${base}/meetings/${meeting.id}/run`);
  await expect(page.getByRole("heading", { level: 2, name: /^Step 1 of 7/ })).toBeVisible();
  await page.getByRole("button", { name: "3. Job ideas", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Step 3 of 7: Job ideas and career planning/ })).toBeVisible();
  const atHand = page.getByTestId("run-career-profile");
  await expect(atHand).toContainText("Work as a mechanic");
  await expect(atHand.getByTestId("school-goal")).toHaveText("Finish the auto repair certificate at the community college");

  // The participant's own take-home copy, on the page and in its PDF.
  await page.goto(`${base}/plan/take-home`);
  const copy = page.locator("article.take-home");
  await expect(copy.getByRole("heading", { level: 1 })).toHaveText("My job support plan");
  await expect(copy).toContainText("My work goal: Work as a mechanic");
  await expect(copy.getByTestId("take-home-school-goal")).toHaveText("My school or training goal: Finish the auto repair certificate at the community college");
  const own = await pdfText(await (await page.request.get(`${base}/plan/take-home.pdf`)).body());
  expect(own).toContain("My school or training goal: Finish the auto repair certificate at the community college");

  // Walt, whose consent covers Theo's goals, reads both; June, whose consent does not, reads neither.
  await page.goto(`${base}/plan/take-home?for=${uncle.id}`);
  await expect(copy.getByRole("heading", { level: 1 })).toHaveText("How you can help Theo at work");
  await expect(copy).toContainText("Theo's work goal: Work as a mechanic");
  await expect(copy.getByTestId("take-home-school-goal")).toHaveText("Theo's school or training goal: Finish the auto repair certificate at the community college");
  await checkA11y();
  await page.goto(`${base}/plan/take-home?for=${neighbor.id}`);
  await expect(copy.getByRole("heading", { level: 1 })).toHaveText("How you can help Theo at work");
  await expect(copy).not.toContainText("mechanic");
  await expect(copy.getByTestId("take-home-school-goal")).toHaveCount(0);
  const june = await pdfText(await (await page.request.get(`${base}/plan/take-home.pdf?for=${neighbor.id}`)).body());
  expect(june).toContain("How you can help Theo at work");
  expect(june).not.toContain("certificate");
  expect(june).not.toContain("mechanic");
});

test("each take-home copy names the right person for after a hard day, with one period after a name that ends in one", async ({ page, checkA11y }) => {
  test.setTimeout(180_000);
  // A last name that ends in a period, and a hard-day helper whose name does too.
  const participant = await api(page, "POST", "/participants", { firstName: "Marcus", lastName: `Hill-${suffix()} Jr.`, preferredName: "Mac" });
  const base = `/participants/${participant.id}`;
  const signer = `Marcus ${participant.lastName}`;
  const listener = await addSupport(page, participant.id, signer, { name: "Rev. Paul Hill Sr.", categories: ["employment_goals"] });
  const other = await addSupport(page, participant.id, signer, { name: "Dana Cruz", categories: ["employment_goals"] });
  const shared = { status: "agreed", sharedWithSupports: true, discloses: ["employment_goals"] };
  await api(page, "POST", `${base}/plan-items`, { ...shared, kind: "after_hard_day", description: "Listen after a tough shift", provider: "support_person", supportPersonId: listener.id, frequency: "Any evening" });
  await api(page, "POST", `${base}/plan-items`, { ...shared, kind: "after_hard_day", description: "Talk it through the next morning", provider: "specialist" });
  await api(page, "POST", `${base}/plan-items`, { ...shared, kind: "rides", description: "Rides to the first week of work", provider: "support_person", supportPersonId: other.id, frequency: "Mondays" });

  const copy = page.locator("article.take-home");
  const hardDay = copy.locator("[data-section=hardDay]");
  const noDoubledPunctuation = (text: string) => expect(text, "no doubled punctuation").not.toMatch(/\.\.|,,|\.,\.|,\.|\s[.,]/);

  // The participant's copy names both listeners; the name that ends in a period is followed by one comma, and ends its sentence with one period.
  await page.goto(`${base}/plan/take-home`);
  await expect(copy.getByRole("heading", { level: 1 })).toHaveText("My job support plan");
  await expect(copy).toContainText(`For Mac ${participant.lastName} This plan shows who helps me with work`);
  await expect(hardDay).toContainText("Call or text someone who said they would listen: Rev. Paul Hill Sr., Sam Patel (employment specialist).");
  noDoubledPunctuation(await copy.innerText());
  await checkA11y();

  // The listener's copy tells him that Mac may call him.
  await page.goto(`${base}/plan/take-home?for=${listener.id}`);
  await expect(copy.getByRole("heading", { level: 1 })).toHaveText("How you can help Mac at work");
  await expect(hardDay).toContainText("Mac may call you after a hard day. Listen first. You do not have to fix it.");
  await expect(copy.getByRole("row", { name: /Listen after a tough shift/ })).toContainText("Rev. Paul Hill Sr.");
  noDoubledPunctuation(await copy.innerText());
  const his = await pdfText(await (await page.request.get(`${base}/plan/take-home.pdf?for=${listener.id}`)).body());
  expect(his).toContain("Mac may call you after a hard day.");
  noDoubledPunctuation(his);

  // Dana's copy tells her who Mac turns to, without naming the other support person or telling her she is the one.
  await page.goto(`${base}/plan/take-home?for=${other.id}`);
  await expect(copy.getByRole("heading", { level: 1 })).toHaveText("How you can help Mac at work");
  await expect(hardDay).toContainText("After a hard day, Mac can talk with someone else close to them, Sam Patel (employment specialist).");
  await expect(hardDay).toContainText("If Mac calls you after a hard day, listen first.");
  await expect(hardDay).not.toContainText("Mac may call you after a hard day");
  await expect(copy).not.toContainText("Paul Hill");
  await expect(copy.getByRole("row", { name: /Rides to the first week of work/ })).toContainText("Dana Cruz");
  noDoubledPunctuation(await copy.innerText());
  await checkA11y();
  const hers = await pdfText(await (await page.request.get(`${base}/plan/take-home.pdf?for=${other.id}`)).body());
  expect(hers).toContain("After a hard day, Mac can talk with someone else close to them, Sam Patel (employment specialist).");
  expect(hers).not.toContain("Paul Hill");
  noDoubledPunctuation(hers);
});

test("the first-call mark stays with the first person until the specialist ticks it for someone else", async ({ page, checkA11y }) => {
  test.setTimeout(120_000);
  const participant = await api(page, "POST", "/participants", { firstName: "Iris", lastName: `Bell-${suffix()}` });
  const base = `/participants/${participant.id}`;
  await api(page, "POST", `${base}/support-persons`, { name: "Olga Bell", relationshipKind: "parent", closeness: "inner", firstCall: true });
  const rows = page.locator("table.network-list tbody tr");
  const markOf = (name: string) => rows.filter({ hasText: name }).locator(".mark--first-call");

  // Someone added from the first-call question itself: the box starts empty and says who holds the mark.
  await page.goto(`${base}/network/discover?ask=firstCall#add-person`);
  const form = page.locator("#add-person");
  await expect(form.getByRole("heading", { level: 2 })).toBeVisible();
  await expect(form.getByLabel("Question that brought them up")).toHaveValue("firstCall");
  const box = form.getByRole("checkbox", { name: "The first person I'll call when I get a job" });
  /** Adds someone from the first-call question; ticks the box only when asked to. */
  const addPerson = async (name: string, connection: string, options: { firstCall?: boolean } = {}) => {
    await form.getByLabel(/^Name/).fill(name);
    await form.getByLabel("How they are connected").selectOption({ label: connection });
    await form.getByLabel("How close").selectOption("friends");
    if (options.firstCall) await box.check();
    await form.getByRole("button", { name: "Add this person" }).click();
    await expect(page.getByRole("status")).toContainText(name);
  };
  await expect(box).not.toBeChecked();
  await expect(form).toContainText("Olga Bell is the first call now. Ticking this box moves the mark to this person.");
  await checkA11y();
  await addPerson("Hugo Reyes", "Friend");

  await page.goto(`${base}/network`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(markOf("Olga Bell")).toHaveText("First call");
  await expect(markOf("Hugo Reyes")).toHaveCount(0);

  // Ticked on purpose for a third person, the mark moves to them and leaves Olga.
  await page.goto(`${base}/network/discover?ask=firstCall#add-person`);
  await expect(form.getByLabel("Question that brought them up")).toHaveValue("firstCall");
  await addPerson("Wen Li", "Neighbor", { firstCall: true });
  await page.goto(`${base}/network`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(markOf("Wen Li")).toHaveText("First call");
  await expect(markOf("Olga Bell")).toHaveCount(0);
  await expect(markOf("Hugo Reyes")).toHaveCount(0);
});
