import { DatabaseSync } from "node:sqlite";
import { expect, test } from "../fixtures/test.ts";
import { pdfIdentity, pdfText } from "../../support/pdf-text.ts";
import { api } from "../fixtures/api.ts";

/** JSON API calls as the signed-in user, with the CSRF header. */

/** Puts a language on a support person's record in the e2e server's database (the specialist's form for it is tested with the message preferences). */
function setSupportPersonLanguage(supportPersonId: string, language: string) {
  const db = new DatabaseSync(".tmp/e2e/allies.db");
  try {
    db.prepare("UPDATE support_persons SET preferred_language = ? WHERE id = ?").run(language, supportPersonId);
  } finally {
    db.close();
  }
}

// A Spanish long date ("5 de marzo de 2026"), as es-US writes it.
const SPANISH_DATE = /\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d{4}/;

test.beforeEach(async ({ page }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
});

test("a Spanish-speaking support person's copy, PDF, invitation and calendar file are in Spanish while the specialist's screen stays English", async ({ page, signIn, checkA11y }) => {
  test.setTimeout(120_000);
  await signIn("specialist@example.org");
  await page.goto("/");
  const suffix = Date.now().toString(36);
  const participant = await api(page, "POST", "/participants", { firstName: "Marisol", lastName: `Cruz-${suffix}`, workGoal: "Work in a kitchen" });
  const id = participant.id as string;
  const today = new Date().toISOString().slice(0, 10);
  const person = await api(page, "POST", `/participants/${id}/support-persons`, { name: "Rosa Cruz", relationshipKind: "relative", closeness: "inner" });
  await api(page, "POST", `/participants/${id}/consent-grants`, {
    supportPersonId: person.id, categories: ["employment_goals", "work_schedule"], purpose: "To help Marisol find work.", mayAttendMeetings: true, mayReceivePlan: true,
    mayBeContacted: true, startsOn: today, expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Marisol Cruz", signedOn: today, participantConfirmed: true,
  });
  await api(page, "POST", `/participants/${id}/plan-items`, {
    kind: "rides", description: "Ride to the kitchen shift", provider: "support_person", supportPersonId: person.id, frequency: "Weekdays", status: "agreed", discloses: ["work_schedule"],
  });
  const meeting = await api(page, "POST", `/participants/${id}/meetings`, {
    kind: "support", title: "Planning the job search", scheduledAt: "2030-03-05T10:00", durationMinutes: 60, place: "The library",
    agenda: ["Kitchen jobs"], discloses: ["employment_goals"], inviteeIds: [person.id],
  });
  setSupportPersonLanguage(person.id, "es");

  // The take-home copy: the page around it is the specialist's (English), the copy is Rosa's (Spanish).
  await page.goto(`/participants/${id}/plan/take-home?for=${person.id}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const copy = page.locator("article.take-home");
  await expect(copy).toHaveAttribute("lang", "es");
  await expect(copy).toContainText(SPANISH_DATE);
  await expect(copy).toContainText("Ride to the kitchen shift");
  await checkA11y();
  const pdfBytes = Buffer.from(await (await page.request.get(`/participants/${id}/plan/take-home.pdf?for=${person.id}`)).body());
  expect(await pdfText(pdfBytes)).toMatch(SPANISH_DATE);
  // The PDF says it is Spanish, so a screen reader reads it in a Spanish voice, and its title is the Spanish one.
  expect(await pdfIdentity(pdfBytes)).toEqual({ language: "es-US", title: expect.stringMatching(/^Cómo puede ayudar a /) });

  // The printed invitation and the calendar file.
  await page.goto(`/participants/${id}/meetings/${meeting.id}/invitations`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const invitation = page.locator("article.invitation");
  await expect(invitation).toHaveAttribute("lang", "es");
  await expect(invitation).toContainText("5 de marzo de 2030");
  const ics = await (await page.request.get(`/participants/${id}/meetings/${meeting.id}/invitees/${person.id}.ics`)).text();
  expect(ics).toContain("Marisol le invita.");
  expect(ics).not.toContain("invites you");

  // Someone whose record says English still gets English: the language is the reader's, not the meeting's.
  setSupportPersonLanguage(person.id, "en");
  const english = await (await page.request.get(`/participants/${id}/meetings/${meeting.id}/invitees/${person.id}.ics`)).text();
  expect(english).toContain("Marisol invites you.");
});

test("a participant who reads Spanish gets their own pages with lang=\"es\", and they pass axe", async ({ page, browser, signIn, checkA11y }) => {
  test.setTimeout(120_000);
  await signIn("specialist@example.org");
  await page.goto("/");
  const participant = await api(page, "POST", "/participants", { firstName: "Lucía", lastName: `Ramírez-${Date.now().toString(36)}`, preferredLanguage: "es" });
  await page.goto(`/participants/${participant.id}`);
  await page.getByRole("button", { name: /^Make a (new )?link/ }).click();
  const link = (await page.getByTestId("own-link").textContent())!.trim();

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "en-US" });
  const own = await phone.newPage();
  await own.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await own.goto(link);
  await expect(own).toHaveURL(/\/me$/);
  for (const path of ["/me", "/me/privacy", "/me/copy", "/glossary"]) {
    await own.goto(path);
    // The browser asks for English; the record says Spanish, and the record wins.
    await expect(own.locator("html")).toHaveAttribute("lang", "es");
    await checkA11y(own);
  }
  await phone.close();
});

test.describe("before signing in", () => {
  test.use({ locale: "es-US" });

  test("the sign-in page follows the browser's language and has a switch that works without JavaScript and is remembered", async ({ page, checkA11y }) => {
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await checkA11y();
    const toEnglish = page.locator("nav.language-switch a[hreflang=en]");
    await expect(toEnglish).toHaveAttribute("lang", "en");
    await toEnglish.click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    // Remembered on the next page read before signing in (the glossary), over what the browser asks for.
    await page.goto("/glossary");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.locator("nav.language-switch a[hreflang=es]").click();
    await expect(page).toHaveURL(/\/glossary$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await checkA11y();
  });

  test("the switch only goes back to a page on this site", async ({ page }) => {
    await page.goto("/language/en?next=//evil.example/");
    await expect(page).toHaveURL(/\/sign-in$/);
    expect((await page.request.get("/language/fr", { maxRedirects: 0 })).status()).toBe(404);
  });
});
