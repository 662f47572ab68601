import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures/test.ts";

// Pages that fit a working day (issue 14 §2): every page a specialist, a supervisor, an
// administrator, a support person, a participant or a visitor can open fits a 360 px
// phone without sideways scrolling, and the demo network page fits on a laptop's screen
// or two. The pages are found by walking the links each person sees, so a new page is
// checked as soon as something links to it.

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } as const;

/** Files and actions, not pages: downloads, sign-out, and personal links (opening one signs in). */
const NOT_A_PAGE = /\.(pdf|ics|json|csv)$|^\/(sign-out|l\/|l$|me\/copy\.)|\/api\//;

/** One page per route: ids become ":id", so 300 participants are one page to check. */
function routeOf(path: string): string {
  return path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ":id").replace(/\/\d{4}-\d{2}(-\d{2})?(?=\/|$)/g, "/:date");
}

async function widthOf(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/**
 * Visits `start` and every same-site page linked from the pages it reaches (one per
 * route), checking each fits the screen; returns the routes it checked.
 */
async function walk(page: Page, start: string[], limit = 120): Promise<string[]> {
  const queue = [...start];
  const seen = new Map<string, string>();
  const tooWide: string[] = [];
  while (queue.length > 0 && seen.size < limit) {
    const path = queue.shift()!;
    const route = routeOf(new URL(path, "http://x").pathname);
    if (seen.has(route)) continue;
    seen.set(route, path);
    const response = await page.goto(path);
    if (!response || !(response.headers()["content-type"] ?? "").includes("text/html")) continue;
    const { scrollWidth, innerWidth } = await widthOf(page);
    if (scrollWidth > innerWidth) tooWide.push(`${path} is ${scrollWidth}px wide`);
    const origin = new URL(page.url()).origin;
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== origin || NOT_A_PAGE.test(url.pathname)) continue;
      if (!seen.has(routeOf(url.pathname))) queue.push(url.pathname + url.search);
    }
  }
  expect(tooWide, `pages wider than ${PHONE.viewport.width}px`).toEqual([]);
  return [...seen.keys()];
}

async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(PHONE);
  return context.newPage();
}

/** The demo participant whose mother, Gloria Reyes, is in her network (src/db/seed/demo-stories.ts). */
async function gloriasParticipant(page: Page): Promise<string> {
  await page.goto("/participants");
  for (const href of await page.locator("table.caseload tbody tr a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))) {
    if ((await (await page.request.get(`${href}/network`)).text()).includes("Gloria Reyes")) return href;
  }
  throw new Error("the demo has no participant with Gloria Reyes in the network");
}

test.describe("on a 360 px phone", () => {
  test.use(PHONE);

  test("no staff page is wider than the screen", async ({ page, signIn }) => {
    test.setTimeout(600_000);
    await signIn("specialist@example.org");
    const base = await gloriasParticipant(page);
    const routes = await walk(page, ["/", "/participants", base, `${base}/network/discover`, "/profile", "/benefits/estimate"]);
    // The walk reached the participant's areas, not just the front page.
    for (const area of ["network", "meetings", "plan", "benefits", "wins"]) expect(routes).toContain(`/participants/:id/${area}`);
    await signIn("admin@example.org");
    const adminRoutes = await walk(page, ["/", "/admin", "/admin/users", "/admin/audit", "/admin/program", "/admin/benefit-years"], 40);
    expect(adminRoutes).toContain("/admin/users/:id");
  });

  test("no support person's, participant's or public page is wider than the screen", async ({ page, browser, signIn }) => {
    test.setTimeout(300_000);
    const visitor = await phonePage(browser);
    await walk(visitor, ["/sign-in", "/benefits/estimate", "/l", "/no-such-page"], 20);

    await signIn("specialist@example.org");
    const base = await gloriasParticipant(page);
    await page.goto(`${base}/network`);
    await page.getByRole("link", { name: "Gloria Reyes" }).click();
    await page.getByRole("button", { name: /^Make a (new )?link/ }).click();
    const supportLink = new URL((await page.getByTestId("personal-link").locator(".token").textContent())!.trim()).pathname;
    await page.goto(base);
    await page.getByRole("button", { name: /^Make a (new )?link/ }).click();
    const ownLink = new URL((await page.getByTestId("own-link").textContent())!.trim()).pathname;

    const gloria = await phonePage(browser);
    await gloria.goto(supportLink);
    await expect(gloria).toHaveURL(/\/support$/);
    expect(await walk(gloria, ["/support"], 20)).toContain("/support/contact");

    const participant = await phonePage(browser);
    await participant.goto(ownLink);
    await expect(participant).toHaveURL(/\/me$/);
    expect(await walk(participant, ["/me"], 20)).toContain("/me/privacy");
  });
});

test("the demo network page fits a laptop screen or two, and axe finds nothing", async ({ page, signIn, checkA11y }) => {
  await signIn("specialist@example.org");
  const base = await gloriasParticipant(page);
  await page.goto(`${base}/network`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height, "the network page's height at 1,280 px wide").toBeLessThan(1600);
  await checkA11y();
});
