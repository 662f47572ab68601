import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";

// A scan too large to send is refused before the server reads it (413), and the
// browser shows why, with JavaScript and without (docs/decisions/0018).
test.use({ expectedConsoleErrors: [/status of 413/] });
// Sending 7 MB, and axe on a loaded machine, take longer than a form.
test.describe.configure({ timeout: 120_000 });

const MB = 1024 * 1024;

/** A participant and a support person of the demo specialist's, made through the API; the address of the person's new consent. */
async function consentPage(page: Page): Promise<string> {
  const csrf = (await page.context().cookies()).find((c) => c.name === "allies_csrf")?.value ?? "";
  const headers = { "x-csrf-token": csrf, origin: new URL(page.url()).origin };
  const participant = await page.request.post("/api/v1/participants", { headers, data: { firstName: "Robin", lastName: `Upload-${Date.now()}` } });
  expect(participant.status()).toBe(201);
  const id = (await participant.json()).id;
  const person = await page.request.post(`/api/v1/participants/${id}/support-persons`, { headers, data: { name: "Sam Scanner", relationshipKind: "friend", closeness: "friends" } });
  expect(person.status()).toBe(201);
  return `/participants/${id}/network/${(await person.json()).id}/consent/new`;
}

/** Fills the terms for a paper consent, goes on to the signature and sends a scan of `size` bytes. */
async function sendPaperConsent(page: Page, size: number) {
  await page.getByLabel("Job goals and job search").check();
  await page.getByLabel("Why it will be shared").fill("Rides to work on Mondays.");
  await page.getByLabel("The participant signed a paper form (you will upload a scan)").check();
  await page.getByRole("button", { name: "Continue to the summary" }).click();
  const scan = Buffer.alloc(size, 7);
  scan.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await page.getByLabel("Scan or photo of the signed paper form").setInputFiles({ name: "signed.png", mimeType: "image/png", buffer: scan });
  await page.getByRole("button", { name: "Save the consent" }).click();
}

test("a scan over the upload limit is refused with a page that says why", async ({ page, signIn, checkA11y }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
  await page.goto(await consentPage(page));
  await sendPaperConsent(page, 7 * MB);
  // The browser sends the whole 7 MB before it reads the answer; the server drops it unread.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The form was not sent", { timeout: 30_000 });
  await expect(page.getByText("What you sent is too large.")).toBeVisible();
  await checkA11y();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same refusal is a page of its own", async ({ page, browser, signIn, checkA11y }) => {
    await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
    await signIn("specialist@example.org");
    await page.goto(await consentPage(page));
    await sendPaperConsent(page, 7 * MB);
    // The browser sends the whole 7 MB before it reads the answer; the server drops it unread.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The form was not sent", { timeout: 30_000 });
    await expect(page.getByText("What you sent is too large. A form may hold at most 256 kB, and a consent scan may be at most 5 MB.")).toBeVisible();
    // axe needs scripts: the same page, checked where they run.
    const html = await page.content();
    const checking = await browser.newContext({ javaScriptEnabled: true });
    const copy = await checking.newPage();
    await copy.route("http://allies.test/", (route) => route.fulfill({ status: 200, contentType: "text/html", body: html }));
    await copy.goto("http://allies.test/");
    await checkA11y(copy);
    await checking.close();
  });
});
