import { DatabaseSync } from "node:sqlite";
import type { APIResponse, Browser, Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";
import { pagePaths } from "../../support/page-paths.ts";
import { pdfText } from "../../support/pdf-text.ts";
import { DEMO_TOTP_SECRET, nextTotpCode } from "../../../src/db/seed/authenticator.ts";
import { DEMO_PASSWORD } from "../fixtures/test.ts";

/**
 * Every page of the route table (app/routes.ts) in the pseudo-locale
 * (playwright.pseudo.config.ts): catalog words come between ⟦ ⟧, demo data between
 * « ». What is left once both are taken out must have no letters; any that remain are
 * words a page, a PDF or a calendar file wrote without the catalog. A page's path
 * params are filled from the demo data (FILL below); a route whose param has no
 * filler fails the test, so a new page is walked as soon as it is in the route table.
 */

const DATABASE = ".tmp/e2e-pseudo/allies.db";

/** Who opens a page: a visitor, a staff role, the participant through their link, or a support person through theirs. */
type Reader = "visitor" | "specialist" | "supervisor" | "admin" | "participant" | "supportPerson";

function readerOf(path: string): Reader {
  if (path === "/me" || path.startsWith("/me/")) return "participant";
  if (path === "/support" || path.startsWith("/support/")) return "supportPerson";
  if (path === "/admin" || path.startsWith("/admin/")) return "admin";
  if (path === "/" || /^\/(participants|profile|calendar)(\/|$)/.test(path) || path.startsWith("/calendar-feed/")) return "specialist";
  return "visitor";
}

/** Staff pages without a record in their path, opened by every staff role, since each role's page differs. */
const EVERY_ROLE = ["/", "/participants", "/participants/new", "/profile", "/calendar"];

/** Answers other than 200 that a route gives by design. */
const STATUS: Record<string, number> = { "/l": 401, "/l/sign-out": 401, "/*": 404 };

/** The query a page needs to show anything: the blank consent form prints the terms chosen on the sign step. */
function queryFor(path: string): string {
  if (!/\/consent\/blank(\.pdf)?$/.test(path)) return "";
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return `?${new URLSearchParams([["categories", "employment_goals"], ["purpose", "Help with the job search"], ["mayAttendMeetings", "on"], ["startsOn", day(0)], ["expiresOn", day(300)]])}`;
}

function rows<T>(sql: string, ...values: string[]): T[] {
  const db = new DatabaseSync(DATABASE, { readOnly: true });
  try {
    return db.prepare(sql).all(...values) as T[];
  } finally {
    db.close();
  }
}
const first = (sql: string, ...values: string[]) => rows<{ id: string }>(sql, ...values)[0]?.id;

/** Tokens made through the pages, as a person would, before the walk needs them. */
interface Tokens { participantLink: string; supportLink: string; invitation: string; passwordReset: string; calendarFeed: string }

/**
 * How each path param is filled from the demo data, given the params filled before it
 * (left to right) and the participant of the page. A new param needs a line here.
 */
const FILL: Record<string, (path: string, filled: Record<string, string>, tokens: Tokens) => string | undefined> = {
  id: (path, filled) => path.startsWith("/admin/users/") ? first("SELECT id FROM users WHERE email = 'specialist@example.org'") : filled.id,
  personId: (path, filled) => path.includes("/invitees/")
    ? first("SELECT support_person_id AS id FROM meeting_invitees WHERE meeting_id = ? ORDER BY invited_at", filled.meetingId!)
    : first("SELECT s.id FROM support_persons s WHERE s.participant_id = ? ORDER BY (SELECT count(*) FROM consent_grants g WHERE g.support_person_id = s.id) DESC, s.id", filled.id!),
  grantId: (_path, filled) => first("SELECT id FROM consent_grants WHERE participant_id = ? ORDER BY recorded_at", filled.id!),
  meetingId: (_path, filled) => first("SELECT m.id FROM meetings m WHERE m.participant_id = ? AND m.cancelled_at IS NULL ORDER BY (SELECT count(*) FROM meeting_entries e WHERE e.meeting_id = m.id) DESC, (SELECT count(*) FROM meeting_invitees i WHERE i.meeting_id = m.id) DESC, m.id", filled.id!),
  itemId: (_path, filled) => first("SELECT id FROM plan_items WHERE participant_id = ? ORDER BY id", filled.id!),
  noteId: (_path, filled) => first("SELECT id FROM contact_notes WHERE participant_id = ? ORDER BY id", filled.id!),
  referralId: (_path, filled) => first("SELECT id FROM benefits_referrals WHERE participant_id = ? ORDER BY id", filled.id!),
  locale: () => "en",
  token: (path, _filled, tokens) => {
    if (path.startsWith("/l/")) return tokens.participantLink;
    if (path.startsWith("/invitations/")) return tokens.invitation;
    if (path.startsWith("/password-reset/")) return tokens.passwordReset;
    if (path.startsWith("/calendar-feed/")) return tokens.calendarFeed;
    if (path.startsWith("/unsubscribe/")) {
      const rendered = rows<{ rendered: string }>("SELECT rendered FROM outbox_messages WHERE rendered LIKE '%/unsubscribe/%' LIMIT 1")[0]?.rendered;
      return rendered?.match(/\/unsubscribe\/([\w-]+)/)?.[1];
    }
    return undefined;
  },
};

/** The specialist's demo participants, the one with the most records first: most pages fill from the first. */
function participants(): string[] {
  return rows<{ id: string }>(`SELECT p.id FROM participants p JOIN users u ON u.id = p.specialist_id
    WHERE u.email = 'specialist@example.org' AND p.archived_at IS NULL
    ORDER BY (SELECT count(*) FROM meetings m WHERE m.participant_id = p.id) + (SELECT count(*) FROM consent_grants g WHERE g.participant_id = p.id)
      + (SELECT count(*) FROM contact_notes c WHERE c.participant_id = p.id) + (SELECT count(*) FROM plan_items i WHERE i.participant_id = p.id)
      + (SELECT count(*) FROM benefits_referrals r WHERE r.participant_id = p.id) + (SELECT count(*) FROM support_persons s WHERE s.participant_id = p.id) DESC, p.id`).map((row) => row.id);
}

/** A route's path with its params filled for the first participant who has every record it names; throws when none has. */
function fill(route: string, participantIds: string[], tokens: Tokens): string {
  const names = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  for (const participantId of participantIds) {
    const filled: Record<string, string> = { id: participantId };
    let complete = true;
    for (const name of names) {
      const filler = FILL[name];
      if (!filler) throw new Error(`the pseudo-locale walk has no filler for :${name} in ${route}: add one to FILL`);
      const value = filler(route, filled, tokens);
      if (value === undefined) {
        complete = false;
        break;
      }
      filled[name] = value;
    }
    if (complete) return route.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(filled[name]!)).replace(/^\/\*$/, "/no-such-page") + queryFor(route);
    if (!names.includes("id") || route.startsWith("/admin/")) break;
  }
  throw new Error(`no demo record fills ${route}`);
}

/** The lines of a text with letters left once the catalog's words and the data are taken out. */
function straysIn(text: string): string[] {
  let rest = text;
  for (let previous = ""; previous !== rest;) {
    previous = rest;
    // A label shortened to fit (the ecomap's) ends with "…" where its closing mark was.
    rest = rest.replace(/⟦[^⟦⟧…]*[⟧…]/g, " ").replace(/«[^«»…]*[»…]/g, " ");
  }
  // Email addresses and web addresses are data too, left unmarked because people sign in and follow links with them.
  rest = rest.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, " ").replace(/https?:\/\/\S+/g, " ");
  return rest.split("\n").map((line) => line.trim()).filter((line) => /\p{L}/u.test(line));
}

/** The text of a calendar file that a calendar app shows: its summaries, places and descriptions, unfolded and unescaped. */
function calendarText(ics: string): string {
  const unfolded = ics.replace(/\r?\n[ \t]/g, "");
  return unfolded.split(/\r?\n/).filter((line) => /^(SUMMARY|LOCATION|DESCRIPTION|X-WR-CALNAME)[;:]/.test(line))
    .map((line) => line.slice(line.indexOf(":") + 1).replace(/\\n/gi, "\n").replace(/\\([,;\\])/g, "$1")).join("\n");
}

async function strays(page: Page, route: string, path: string): Promise<string[]> {
  if (/\.(pdf|ics|json)$/.test(route)) {
    const answer: APIResponse = await page.request.get(path);
    if (answer.status() !== 200) return [`answered ${answer.status()}`];
    if (route.endsWith(".pdf")) return straysIn(await pdfText(await answer.body()));
    // A calendar file's property names and the JSON copy's field names are for programs, not people.
    if (route.endsWith(".ics")) return straysIn(calendarText(await answer.text()));
    return [];
  }
  const response = await page.goto(path);
  // A wrong answer is listed with the strays, so one run shows every page's problem.
  if (response?.status() !== (STATUS[route] ?? 200)) return [`answered ${response?.status()}`];
  await expect(page.locator("html")).toHaveAttribute("lang", "en-XA");
  return straysIn(await page.locator("body").innerText());
}

/** The path of a link a page shows once, its marks taken off. */
function pathOf(text: string | null): string {
  return new URL(text!.replace(/[⟦⟧«»]/g, "").trim()).pathname;
}

/** Makes, through the pages, the links and tokens the token routes need. */
async function makeTokens(page: Page, participantId: string): Promise<Tokens> {
  await page.goto(`/participants/${participantId}`);
  await page.getByRole("button", { name: /Make a (new )?link/ }).click();
  const participantLink = pathOf(await page.getByTestId("own-link").textContent());
  // A support person of the specialist's caseload who holds consent: only they may have a link.
  const person = rows<{ id: string; participant_id: string }>(`SELECT s.id, s.participant_id FROM support_persons s JOIN participants p ON p.id = s.participant_id
    JOIN users u ON u.id = p.specialist_id WHERE u.email = 'specialist@example.org' AND s.status = 'supportive'
    AND EXISTS (SELECT 1 FROM consent_grants g WHERE g.support_person_id = s.id AND g.ended_at IS NULL AND (g.expires_on IS NULL OR g.expires_on >= date('now'))) ORDER BY s.id`)[0];
  expect(person, "a support person with consent to make a link for").toBeDefined();
  await page.goto(`/participants/${person!.participant_id}/network/${person!.id}`);
  await page.getByRole("button", { name: /Make a (new )?link/ }).click();
  const supportLink = pathOf(await page.getByTestId("personal-link").locator(".token").textContent());
  await page.goto("/profile/calendar-feed");
  await page.getByRole("button", { name: /Make a feed address/ }).click();
  const calendarFeed = (await page.getByLabel(/Feed address/).inputValue()).match(/\/calendar-feed\/([^/]+)\.ics$/)![1]!;
  return { participantLink: participantLink.replace(/^\/l\//, ""), supportLink, invitation: "", passwordReset: "", calendarFeed };
}

/** The admin's tokens: an invitation and a password reset link, made on the admin pages. */
async function makeAdminTokens(page: Page, tokens: Tokens): Promise<void> {
  await page.goto("/admin/users");
  const invite = page.locator("section", { has: page.locator("#invite-heading") });
  await invite.locator("input[name=email]").fill("pseudo-walk@example.org");
  await invite.locator("input[name=name]").fill("«Pseudo Walk»");
  await invite.locator("select[name=teamId]").selectOption({ index: 1 });
  await invite.getByRole("button", { name: /Create invitation link/ }).click();
  tokens.invitation = pathOf(await page.getByTestId("invitation-link").locator(".token").textContent()).replace(/^\/invitations\//, "");
  const userId = first("SELECT id FROM users WHERE email = 'specialist3@example.org'")!;
  await page.goto(`/admin/users/${userId}`);
  await page.getByRole("button", { name: /Make a reset link/ }).click();
  tokens.passwordReset = (await page.getByTestId("reset-link").textContent())!.match(/\/password-reset\/([\w-]+)/)![1]!;
}

/** A browser of its own for each reader, so their sessions stay apart. */
async function newReader(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  return page;
}

async function signedInAs(browser: Browser, email: string): Promise<Page> {
  const page = await newReader(browser);
  await page.goto("/sign-in");
  const csrf = (await page.context().cookies()).find((c) => c.name === "allies_csrf")?.value ?? "";
  const answer = await page.request.post("/sign-in", {
    form: { _csrf: csrf, email, password: DEMO_PASSWORD, code: await nextTotpCode(DEMO_TOTP_SECRET, email) },
    headers: { origin: new URL(page.url()).origin }, maxRedirects: 0,
  });
  expect(answer.status(), `sign in as ${email}`).toBe(302);
  return page;
}

test.use({ expectedConsoleErrors: [/status of 40[14]/] });

test("no page of the route table writes words outside the catalog, for every reader", async ({ page, browser }) => {
  test.setTimeout(900_000);
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));

  const routes = pagePaths();
  const ids = participants();
  expect(ids.length).toBeGreaterThan(0);

  const staff: Record<"specialist" | "supervisor" | "admin", Page> = {
    specialist: await signedInAs(browser, "specialist@example.org"),
    supervisor: await signedInAs(browser, "supervisor@example.org"),
    admin: await signedInAs(browser, "admin@example.org"),
  };
  const tokens = await makeTokens(staff.specialist, ids[0]!);
  await makeAdminTokens(staff.admin, tokens);

  // The participant and a support person, each through their own link on a phone of their own.
  const participant = await newReader(browser);
  await participant.goto(`/l/${tokens.participantLink}`);
  await expect(participant).toHaveURL(/\/me$/);
  const supportPerson = await newReader(browser);
  await supportPerson.goto(tokens.supportLink);
  await expect(supportPerson).toHaveURL(/\/support$/);
  const readers: Record<Reader, Page> = { visitor: page, ...staff, participant, supportPerson };

  const found: Record<string, string[]> = {};
  const walked: string[] = [];
  const visit = async (reader: Reader, route: string) => {
    const path = fill(route, ids, tokens);
    const lines = await strays(readers[reader], route, path);
    if (lines.length) found[`${reader} ${path}`] = lines;
    walked.push(route);
  };
  // The participant's link signs them in when it opens: it was opened above, so it is walked as the /me it leads to.
  for (const route of routes.filter((r) => r !== "/l/:token")) {
    const reader = readerOf(route);
    await visit(reader, route);
    if (EVERY_ROLE.includes(route)) for (const role of ["supervisor", "admin"] as const) await visit(role, route);
  }
  expect(walked).toEqual(expect.arrayContaining(routes.filter((r) => r !== "/l/:token")));
  expect(found).toEqual({});
});
