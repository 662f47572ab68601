import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";

/** A participant of the demo specialist's own, with the justice-involvement flag, made through the API. */
async function createParticipant(page: Page): Promise<string> {
  const csrf = (await page.context().cookies()).find((c) => c.name === "allies_csrf")?.value ?? "";
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/api/v1/participants", {
    headers: { "x-csrf-token": csrf, origin },
    data: { firstName: "Jordan", lastName: `Rivers-${Date.now()}`, situationFlags: ["justiceInvolvement"] },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).id;
}

/** A support person's id, from the network list's row. */
async function personId(page: Page, name: string): Promise<string> {
  const id = await page.locator("table.network-list tbody tr", { hasText: name }).getAttribute("data-person-id");
  expect(id, name).toBeTruthy();
  return id!;
}

/** Answers one guided discovery question with a new support person: the question's link, then the one form. */
async function addFromPrompt(page: Page, promptId: string, person: { name: string; kind: string; closeness: string; status: string }) {
  await page.locator(`#prompt-${promptId}`).getByRole("link", { name: /^Add someone for this question/ }).click();
  const form = page.locator("#add-person");
  await expect(form.getByLabel("Question that brought them up")).toHaveValue(promptId);
  await form.getByLabel(/^Name/).fill(person.name);
  // Nothing is chosen for a new person: the specialist says how they are connected and how close (never assumed).
  await form.getByLabel("How they are connected").selectOption(person.kind);
  await form.getByLabel("How close").selectOption(person.closeness);
  await form.getByLabel("How things are now").selectOption(person.status);
  await form.getByRole("button", { name: "Add this person" }).click();
  await expect(page.getByRole("status")).toContainText(`${person.name} was added.`);
  await expect(page.locator(`#prompt-${promptId}`).getByRole("link", { name: person.name })).toBeVisible();
}

test("guided discovery, consent signed in the app, printable form, ecomap and revocation", async ({ page, signIn, checkA11y }) => {
  // The app has no favicon yet; Chromium's automatic request would otherwise log a 404 as a console error.
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
  const id = await createParticipant(page);

  // Guided discovery: the justice-involvement questions, three supports added from them.
  await page.goto(`/participants/${id}/network/discover`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Guided questions");
  await expect(page.locator("#prompt-officer")).toContainText("probation or parole officer");
  await expect(page.locator("#prompt-streetFamily")).toHaveCount(0);
  await checkA11y();
  await addFromPrompt(page, "sinceRelease", { name: "Marcus Hill", kind: "friend", closeness: "inner", status: "supportive" });
  await addFromPrompt(page, "officer", { name: "Officer Dana Reed", kind: "probation_officer", closeness: "services", status: "strained" });
  await addFromPrompt(page, "lostTouch", { name: "Aunt Lena", kind: "relative", closeness: "friends", status: "lost_touch" });
  await checkA11y();

  // The network page lists all three, and the ecomap draws each with its status's line.
  await page.goto(`/participants/${id}/network`);
  await expect(page.locator("table.network-list tbody tr")).toHaveCount(3);
  const ids = {
    marcus: await personId(page, "Marcus Hill"),
    officer: await personId(page, "Officer Dana Reed"),
    lena: await personId(page, "Aunt Lena"),
  };
  const map = page.locator(".ecomap__drawing");
  await expect(map).toBeVisible();
  await expect(map.locator("path.ecomap__line")).toHaveCount(3);
  await expect(map.locator(`path.ecomap__line[data-person-id="${ids.marcus}"]`)).toHaveAttribute("data-status", "supportive");
  await expect(map.locator(`path.ecomap__line[data-person-id="${ids.officer}"]`)).toHaveAttribute("data-status", "strained");
  await expect(map.locator(`path.ecomap__line[data-person-id="${ids.lena}"]`)).toHaveAttribute("data-status", "lost_touch");
  await expect(map.locator(`path.ecomap__line[data-person-id="${ids.lena}"]`)).toHaveAttribute("stroke-dasharray", /\d/);
  await expect(map.locator(`path.ecomap__line[data-person-id="${ids.marcus}"]`)).not.toHaveAttribute("stroke-dasharray", /./);
  await expect(map.locator('[data-mark="consent"]')).toHaveCount(0);
  const alternative = page.locator("table.ecomap__table tbody tr");
  await expect(alternative).toHaveCount(3);
  await expect(alternative.filter({ hasText: "Officer Dana Reed" })).toContainText("Strained");
  await expect(alternative.filter({ hasText: "Aunt Lena" })).toContainText("Lost touch");
  await checkA11y();

  // A consent for Marcus, signed in the app after reading the summary.
  await page.locator("table.network-list").getByRole("link", { name: "Marcus Hill" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Marcus Hill");
  await checkA11y();
  await page.getByRole("link", { name: "Record a consent" }).click();
  await page.getByLabel("Job goals and job search").check();
  await page.getByLabel("Job details and employer").check();
  await page.getByLabel("Why it will be shared").fill("So Marcus can help me keep my new job.");
  await page.getByLabel("Marcus Hill may come to my support meetings").check();
  await checkA11y();
  await page.getByRole("button", { name: "Continue to the summary" }).click();
  const summary = page.locator(".summary-to-sign");
  await expect(summary).toContainText("Only this information may be shared with Marcus Hill");
  await expect(summary).toContainText("Job details and employer");
  await checkA11y();
  await page.getByLabel("Type your full name to sign").fill("Jordan Rivers");
  await page.getByLabel("I read this, or someone read it to me.").check();
  await page.getByRole("button", { name: "Save the consent" }).click();
  await expect(page.getByRole("status")).toContainText("The consent was saved.");

  // The printable consent form names the person and the categories.
  await page.getByRole("link", { name: "Print the consent form" }).click();
  const form = page.locator("article.consent-form");
  await expect(form.getByRole("heading", { level: 1 })).toHaveText("Permission to share information");
  await expect(form).toContainText("Marcus Hill (Friend)");
  await expect(form.locator('[data-section="what"] li')).toHaveText(["Job goals and job search", "Job details and employer"]);
  await expect(form).toContainText("Jordan Rivers");
  await checkA11y();
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(form).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // The network shows the consent mark on Marcus only, on the map, in its table and in the list.
  await page.goto(`/participants/${id}/network`);
  await expect(page.locator('.ecomap__drawing [data-mark="consent"]')).toHaveCount(1);
  await expect(page.locator(`.ecomap__person[data-person-id="${ids.marcus}"] [data-mark="consent"]`)).toHaveCount(1);
  await expect(page.locator(`table.ecomap__table tr[data-person-id="${ids.marcus}"] td`).nth(3)).toHaveText("Yes");
  await expect(page.locator(`table.network-list tr[data-person-id="${ids.marcus}"] [data-consent]`)).toHaveAttribute("data-consent", "yes");
  await expect(page.locator(`table.network-list tr[data-person-id="${ids.lena}"] [data-consent]`)).toHaveAttribute("data-consent", "no");
  await checkA11y();

  // Withdraw the whole grant, with a confirm step, and the mark is gone at once.
  await page.locator("table.network-list").getByRole("link", { name: "Marcus Hill" }).click();
  await page.getByRole("link", { name: "Withdraw the whole consent" }).click();
  await expect(page.getByRole("heading", { name: "Withdraw the whole consent for Marcus Hill?" })).toBeVisible();
  await checkA11y();
  await page.getByRole("button", { name: "Yes, withdraw it" }).click();
  await expect(page.getByRole("status")).toContainText("The consent was withdrawn.");
  await expect(page.locator("[data-grant-status]")).toHaveAttribute("data-grant-status", "revoked");
  await page.goto(`/participants/${id}/network`);
  await expect(page.locator('.ecomap__drawing [data-mark="consent"]')).toHaveCount(0);
  await expect(page.locator(`table.ecomap__table tr[data-person-id="${ids.marcus}"] td`).nth(3)).toHaveText("No");
  await expect(page.locator(`table.network-list tr[data-person-id="${ids.marcus}"] [data-consent]`)).toHaveAttribute("data-consent", "no");
});
