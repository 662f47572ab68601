import { DatabaseSync } from "node:sqlite";
import type { APIResponse, Browser, Page } from "@playwright/test";
import { expect, test } from "../fixtures/test.ts";
import { pagePaths } from "../../support/page-paths.ts";
import { pdfText } from "../../support/pdf-text.ts";
import { DEMO_TOTP_SECRET, nextTotpCode } from "../../../src/db/seed/authenticator.ts";
import { DEMO_PASSWORD } from "../fixtures/test.ts";
import { CATALOG_CLOSE, CATALOG_OPEN, DATA_CLOSE, DATA_OPEN } from "../../../src/i18n/pseudo.ts";

/**
 * Every page of the route table (app/routes.ts) in the pseudo-locale
 * (playwright.pseudo.config.ts): catalog words come between ⁅ ⁆, demo data between
 * « » (src/i18n/pseudo.ts). What is left once both are taken out must have no
 * letters; any that remain are words a page, a PDF, a calendar file or a spreadsheet
 * wrote without the catalog. A page's path params are filled from the demo data (FILL
 * below); a route whose param has no filler is listed with the strays, so a new page
 * is walked as soon as it is in the route table. Decision 0033 tells how to extend it.
 */

const DATABASE = ".tmp/e2e-pseudo/allies.db";

/** Who opens a page: a visitor, a staff role, the participant through their link, or a support person through theirs. */
type Reader = "visitor" | "specialist" | "supervisor" | "admin" | "participant" | "supportPerson";

/** Pages whose reader is not told by their path's first part: the supervisor writes the coaching notes, and keeps the advocacy log. */
const READER: Record<string, Reader> = { "/coaching/:specialistId": "supervisor", "/advocacy": "supervisor" };

function readerOf(path: string): Reader {
  if (READER[path]) return READER[path];
  if (path === "/me" || path.startsWith("/me/")) return "participant";
  if (path === "/support" || path.startsWith("/support/")) return "supportPerson";
  if (/^\/admin(\/|$)/.test(path)) return "admin";
  if (path === "/" || /^\/(participants|profile|calendar|coaching|resources|reports)(\/|$|\.)/.test(path) || path.startsWith("/calendar-feed/")) return "specialist";
  return "visitor";
}

/** Staff pages without a record in their path, opened by each staff role who may, since each role's page differs. */
const STAFF = ["specialist", "supervisor", "admin"] as const;
const ROLES: Record<string, readonly Reader[]> = {
  "/": STAFF, "/participants": STAFF, "/participants/new": STAFF, "/profile": STAFF, "/calendar": STAFF, "/coaching": STAFF,
  // Reports are a supervisor's (their team) and an administrator's (every team); a specialist's answer is "not found".
  "/reports": ["supervisor", "admin"], "/reports.csv": ["supervisor", "admin"],
};

/** Answers other than 200 that a route gives by design, by route or by "<reader> <route>". */
const STATUS: Record<string, number> = { "/l": 401, "/l/sign-out": 401, "/*": 404, "admin /calendar": 404 };

/** The query a page needs to show anything: the blank consent form prints the terms chosen on the sign step. */
function queryFor(path: string): string {
  if (!/\/consent\/blank(\.pdf)?$/.test(path)) return "";
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return `?${new URLSearchParams([["categories", "employment_goals"], ["purpose", `${DATA_OPEN}Help with the job search${DATA_CLOSE}`], ["mayAttendMeetings", "on"], ["startsOn", day(0)], ["expiresOn", day(300)]])}`;
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
  // The caseload move opens on the specialist who left (the demo's inactive one), whose participants wait to be moved.
  id: (path, filled) => path.startsWith("/admin/users/")
    ? first("SELECT id FROM users WHERE email = ?", path.endsWith("/caseload") ? "specialist7@example.org" : "specialist@example.org")
    : filled.id,
  personId: (path, filled) => path.includes("/invitees/")
    ? first("SELECT support_person_id AS id FROM meeting_invitees WHERE meeting_id = ? ORDER BY invited_at", filled.meetingId!)
    : first("SELECT s.id FROM support_persons s WHERE s.participant_id = ? ORDER BY (SELECT count(*) FROM consent_grants g WHERE g.support_person_id = s.id) DESC, s.id", filled.id!),
  grantId: (path, filled) => path.endsWith("/scan")
    ? first("SELECT id FROM consent_grants WHERE participant_id = ? AND scan_document_id IS NOT NULL ORDER BY recorded_at", filled.id!)
    : first("SELECT id FROM consent_grants WHERE participant_id = ? ORDER BY recorded_at", filled.id!),
  meetingId: (path, filled) => path.endsWith("/edit")
    // Only a meeting still to come is edited; the one with the most minutes is over.
    ? first("SELECT id FROM meetings WHERE participant_id = ? AND cancelled_at IS NULL AND scheduled_at > ? ORDER BY scheduled_at, id", filled.id!, new Date().toISOString())
    : first("SELECT m.id FROM meetings m WHERE m.participant_id = ? AND m.cancelled_at IS NULL ORDER BY (SELECT count(*) FROM meeting_entries e WHERE e.meeting_id = m.id) DESC, (SELECT count(*) FROM meeting_invitees i WHERE i.meeting_id = m.id) DESC, m.id", filled.id!),
  itemId: (_path, filled) => first("SELECT id FROM plan_items WHERE participant_id = ? ORDER BY id", filled.id!),
  noteId: (_path, filled) => first("SELECT id FROM contact_notes WHERE participant_id = ? ORDER BY id", filled.id!),
  referralId: (_path, filled) => first("SELECT id FROM benefits_referrals WHERE participant_id = ? ORDER BY id", filled.id!),
  jobId: (_path, filled) => first("SELECT id FROM jobs WHERE participant_id = ? ORDER BY ended_on IS NOT NULL DESC, id", filled.id!),
  specialistId: () => first("SELECT id FROM users WHERE email = 'specialist@example.org'"),
  resourceId: () => first("SELECT id FROM resources WHERE retired_at IS NULL ORDER BY name"),
  locale: () => "en",
  token: (path, _filled, tokens) => {
    if (path.startsWith("/l/")) return tokens.participantLink;
    if (path.startsWith("/invitations/")) return tokens.invitation;
    if (path.startsWith("/password-reset/")) return tokens.passwordReset;
    if (path.startsWith("/calendar-feed/")) return tokens.calendarFeed;
    if (path.startsWith("/unsubscribe/")) {
      const rendered = rows<{ rendered: string }>("SELECT rendered FROM outbox_messages WHERE rendered LIKE '%/unsubscribe/%' LIMIT 1")[0]?.rendered;
      return rendered?.match(/\/unsubscribe\/([\w.-]+)/)?.[1];
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

// A label shortened to fit (the ecomap's) ends with "…" where its closing mark was.
const CATALOG_WORDS = new RegExp(`${CATALOG_OPEN}[^${CATALOG_OPEN}${CATALOG_CLOSE}…]*[${CATALOG_CLOSE}…]`, "g");
const DATA_WORDS = new RegExp(`${DATA_OPEN}[^${DATA_OPEN}${DATA_CLOSE}…]*[${DATA_CLOSE}…]`, "g");
const MARKS = new RegExp(`[${CATALOG_OPEN}${CATALOG_CLOSE}${DATA_OPEN}${DATA_CLOSE}]`, "g");

/** The lines of a text with letters left once the catalog's words and the data are taken out. */
function straysIn(text: string): string[] {
  let rest = text;
  // Innermost first: a catalog message may hold data (a name) and a date may sit in a message.
  for (let previous = ""; previous !== rest;) {
    previous = rest;
    rest = rest.replace(CATALOG_WORDS, " ").replace(DATA_WORDS, " ");
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

/** Routes that answer with a file of the person's own (a scanned consent): only their answer is checked. */
const FILES = ["/participants/:id/consent/:grantId/scan"];

async function strays(page: Page, reader: Reader, route: string, path: string): Promise<string[]> {
  if (/\.(pdf|ics|json|csv)$/.test(route) || FILES.includes(route)) {
    const answer: APIResponse = await page.request.get(path);
    if (answer.status() !== 200) return [`answered ${answer.status()}`];
    if (route.endsWith(".pdf")) return straysIn(await pdfText(await answer.body()));
    // A calendar file's property names and the JSON copy's field names are for programs, not people.
    if (route.endsWith(".ics")) return straysIn(calendarText(await answer.text()));
    // A spreadsheet's every cell is read by a person: its headings and row kinds come from the catalog.
    // Its record ids (for matching rows in another system) and a language tag the catalog has
    // no name for (the pseudo-locale's own, en-XA) are written as they are stored, like a JSON field name.
    if (route.endsWith(".csv")) return straysIn((await answer.text()).replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, " ").replace(/,en-XA,/g, ", ,"));
    return [];
  }
  const response = await page.goto(path);
  // A wrong answer is listed with the strays, so one run shows every page's problem.
  if (response?.status() !== (STATUS[`${reader} ${route}`] ?? STATUS[route] ?? 200)) return [`answered ${response?.status()}`];
  await expect(page.locator("html")).toHaveAttribute("lang", "en-XA");
  // What a page marks translate="no" is a name the same in every language (an audit action, a time zone, a code);
  // it goes before the page's text is read. Decision 0033 says what may be marked so.
  return straysIn(await page.locator("body").evaluate((body) => {
    for (const verbatim of body.querySelectorAll('[translate="no"]')) verbatim.remove();
    return (body as HTMLElement).innerText;
  }));
}

/** The path of a link a page shows once, its marks taken off. */
function pathOf(text: string | null): string {
  return new URL(text!.replace(MARKS, "").trim()).pathname;
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
  await invite.locator("input[name=name]").fill(`${DATA_OPEN}Pseudo Walk${DATA_CLOSE}`);
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

/** PSEUDO_WALK_ONLY, a regular expression over the route table's paths, walks only those routes: to re-check a few pages quickly. */
const ONLY = new RegExp(process.env.PSEUDO_WALK_ONLY ?? "");

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

  // Each problem under "<reader> <route> (<path>)": the words outside the catalog, a wrong answer, or a param with no filler.
  const found: Record<string, string[]> = {};
  const walked: string[] = [];
  const took: [string, number][] = [];
  const visit = async (reader: Reader, route: string) => {
    const started = Date.now();
    let path = "";
    try {
      path = fill(route, ids, tokens);
      const lines = await strays(readers[reader], reader, route, path);
      if (lines.length) found[`${reader} ${route} (${path})`] = lines;
    } catch (error) {
      found[`${reader} ${route} (${path || "not filled"})`] = [error instanceof Error ? error.message.split("\n")[0]! : String(error)];
    }
    walked.push(route);
    took.push([`${reader} ${route}`, Date.now() - started]);
  };
  // The participant's link signs them in when it opens: it was opened above, so it is walked as the /me it leads to.
  const toWalk = routes.filter((r) => r !== "/l/:token" && ONLY.test(r));
  for (const route of toWalk) {
    for (const reader of ROLES[route] ?? [readerOf(route)]) await visit(reader, route);
  }
  // The slowest pages, with the run's results: where the walk's time goes.
  took.sort((a, b) => b[1] - a[1]);
  await test.info().attach("slowest pages", { body: took.slice(0, 15).map(([page, ms]) => `${ms} ms  ${page}`).join("\n"), contentType: "text/plain" });
  expect(walked).toEqual(expect.arrayContaining(toWalk));
  expect(found, `pages that write words outside the catalog (between ${CATALOG_OPEN} ${CATALOG_CLOSE}) and the data (between ${DATA_OPEN} ${DATA_CLOSE}), by reader, route and path`).toEqual({});
});
