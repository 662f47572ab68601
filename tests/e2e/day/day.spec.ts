import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";
import { api } from "../fixtures/api.ts";

// The specialist's day (issue 14 §1): the home page's lists, the calendar by week and
// month (by keyboard, and on a phone as a list), and the private calendar feed.
// The demo program is in Chicago.

const chicagoDay = (offsetDays = 0) => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(new Date(Date.now() + offsetDays * 86_400_000));

/** A participant of the demo specialist with a meeting tomorrow. */
async function participantWithMeeting(page: Page) {
  const lastName = `Day-${Date.now().toString(36)}`;
  const participant = await api(page, "POST", "/participants", { firstName: "Robin", lastName, workGoal: "Work at the hardware store" });
  const title = `Robin's planning ${lastName}`;
  const meeting = await api(page, "POST", `/participants/${participant.id}/meetings`, {
    kind: "support", title, scheduledAt: `${chicagoDay(1)}T10:00`, place: "The library", inviteeIds: [],
  });
  return { id: participant.id as string, meetingId: meeting.id as string, title };
}

async function noWiderThanScreen(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

test.setTimeout(150_000);

test.beforeEach(async ({ page, signIn }) => {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
  await page.goto("/");
});

test("the home page lists the week's meetings; the calendar opens a meeting by keyboard, by week and by month", async ({ page, checkA11y }) => {
  const { id, meetingId, title } = await participantWithMeeting(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Your day" })).toBeVisible();
  const week = page.getByRole("region", { name: "Meetings in the next 7 days" });
  await expect(week.getByRole("link", { name: new RegExp(title) })).toHaveAttribute("href", `/participants/${id}/meetings/${meetingId}`);
  for (const heading of ["Meetings today", "News from support persons", "Commitments due", "Consents ending within 30 days", "Open concerns", "SSI wage reports due"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await checkA11y();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Calendar: Week of/ })).toBeVisible();
  await page.goto(`/calendar?view=week&date=${chicagoDay(1)}`);
  await expect(page.getByTestId("calendar-week")).toBeVisible();
  await expect(page.locator(`[data-day="${chicagoDay(1)}"]`).getByRole("link", { name: new RegExp(title) })).toBeVisible();
  await checkA11y();

  // The month view, reached from the keyboard.
  await page.getByRole("link", { name: "Month", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("calendar-month")).toBeVisible();
  await expect(page.locator("td[aria-current=date]")).toHaveCount(1);
  await checkA11y();
  for (const name of ["Previous month", "Next month"]) {
    const before = page.url();
    await page.getByRole("link", { name }).focus();
    await page.keyboard.press("Enter");
    await expect(page).not.toHaveURL(before);
  }

  // Tab to the meeting and open it with Enter.
  const link = page.getByRole("link", { name: new RegExp(title) });
  await link.focus();
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/participants/${id}/meetings/${meetingId}$`));
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test("the home page and the calendar's week and month fit the screen, the week as a list of days", async ({ page, checkA11y }) => {
    const { title } = await participantWithMeeting(page);
    await page.goto("/");
    await noWiderThanScreen(page);
    await checkA11y();
    await page.goto(`/calendar?view=week&date=${chicagoDay(1)}`);
    await noWiderThanScreen(page);
    const days = page.getByTestId("calendar-week").locator(":scope > li");
    await expect(days).toHaveCount(7);
    const [first, second] = [await days.nth(0).boundingBox(), await days.nth(1).boundingBox()];
    expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1);
    await expect(page.getByRole("link", { name: new RegExp(title) })).toBeVisible();
    await checkA11y();
    await page.goto(`/calendar?view=month&date=${chicagoDay(1)}`);
    await noWiderThanScreen(page);
    await expect(page.getByRole("link", { name: new RegExp(title) })).toBeVisible();
    await checkA11y();
  });
});

test("the calendar feed: an address shown once that a calendar app reads, then turned off", async ({ page, checkA11y }) => {
  const { title } = await participantWithMeeting(page);
  await page.goto("/profile");
  await page.getByRole("link", { name: "Set up or turn off your calendar feed" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calendar feed" })).toBeVisible();
  await checkA11y();
  await page.getByRole("button", { name: /Make a/ }).click();
  const address = await page.getByLabel("Feed address").inputValue();
  expect(address).toMatch(/\/calendar-feed\/cal_[A-Za-z0-9_-]+\.ics$/);
  await checkA11y();

  // A calendar app has no session: a fresh request context.
  const app = await page.context().browser()!.newContext();
  const feed = await app.request.get(address);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  const ics = await feed.text();
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toContain("TZID=America/Chicago");
  expect(ics).toContain("SUMMARY:Robin: Support meeting");
  expect(ics).not.toContain(title);

  await page.reload();
  await expect(page.getByLabel("Feed address")).toHaveCount(0);
  await page.getByRole("button", { name: "Turn off the feed" }).click();
  await expect(page.getByText("The feed is turned off.")).toBeVisible();
  expect((await app.request.get(address)).status()).toBe(404);
  await app.close();
});
