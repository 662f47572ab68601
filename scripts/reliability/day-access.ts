import { randomUUID } from "node:crypto";
import { Caller } from "./http.ts";
import type { Results } from "./report.ts";
import { ROLES, type ReliabilityWorld, type RoleKey } from "./world.ts";

const AREA = "access";

/** The day's pages (issue 14 §1) that only someone carrying a caseload has: an administrator gets the not-found page. */
export const CASELOAD_PAGES = ["/calendar", "/profile/calendar-feed"];
/** The calendar feed: its token is the permission, so the matrix checks it with feeds of each role's own. */
export const FEED_PAGES = ["/calendar-feed/:token.ics"];

/**
 * The home page, the calendar and the calendar feed for every role against one
 * meeting on the own specialist's caseload: named to those who may see that
 * participant (the administrator sees counts, not names), never to the others;
 * each role's feed holds it only when theirs to see; a turned-off feed and a
 * made-up one answer alike; signed out, the pages go to sign-in.
 */
export async function checkDayAccess(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>): Promise<void> {
  const db = world.database.db;
  const title = `Day check ${randomUUID().slice(0, 8)}`;
  const participantId = world.caseloads.specialistOwn[0]!;
  // Within the hour, through the API as the owner (so it has its audit row like any meeting): today on the home page and in this week's calendar.
  const soon = new Date(Date.now() + 60 * 60_000);
  const wall = new Intl.DateTimeFormat("sv-SE", { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(soon).replace(" ", "T");
  const made = await callers.specialistOwn.api("POST", `/participants/${participantId}/meetings`, { kind: "support", title, scheduledAt: wall, durationMinutes: 30, place: "Office", inviteeIds: [] });
  if (made.status !== 201) throw new Error(`making the day check's meeting answered ${made.status}: ${made.text.slice(0, 200)}`);
  const meetingId = (made.json as { id: string }).id;

  for (const role of ROLES) {
    const caller = callers[role.key];
    const problems: string[] = [];
    const carriesCaseload = role.key !== "admin";
    const home = await caller.page("/");
    if (home.status !== 200) problems.push(`home answered ${home.status}`);
    const namedOnHome = home.text.includes(title);
    if (namedOnHome !== (role.allowed && carriesCaseload)) problems.push(namedOnHome ? "home names a meeting not theirs to see" : "home leaves out a meeting of theirs");
    for (const path of CASELOAD_PAGES) {
      const answer = await caller.page(path);
      const expected = carriesCaseload ? 200 : 404;
      if (answer.status !== expected) problems.push(`${path} answered ${answer.status}, not ${expected}`);
    }
    const calendar = await caller.page("/calendar");
    if (calendar.status === 200 && calendar.text.includes(title) !== role.allowed) problems.push(calendar.text.includes(title) ? "the calendar shows a meeting not theirs" : "the calendar leaves out a meeting of theirs");
    if (carriesCaseload) {
      const issued = await caller.form("/profile/calendar-feed", { intent: "issue" });
      const path = /\/calendar-feed\/cal_[A-Za-z0-9_-]+\.ics/.exec(issued.text)?.[0];
      if (!path) problems.push(`making a feed answered ${issued.status}`);
      else {
        const anyone = new Caller(caller.baseUrl, "calendar app");
        const feed = await anyone.page(path);
        if (feed.status !== 200) problems.push(`the feed answered ${feed.status}`);
        else if (feed.text.includes(meetingId) !== role.allowed) problems.push(feed.text.includes(meetingId) ? "the feed holds a meeting not theirs" : "the feed leaves out a meeting of theirs");
        await caller.form("/profile/calendar-feed", { intent: "revoke" });
        const after = await anyone.page(path);
        const madeUp = await anyone.page(`/calendar-feed/cal_${randomUUID()}.ics`);
        if (after.status !== 404 || madeUp.status !== 404 || after.text !== madeUp.text) problems.push(`a turned-off feed answered ${after.status}, a made-up one ${madeUp.status}`);
      }
    }
    results.record(AREA, database, `the day's pages: ${role.label}`, problems.length === 0,
      problems.slice(0, 3).join("; ") || (carriesCaseload ? `home, calendar and feed show ${role.allowed ? "" : "none of "}the subject's meeting` : "counts only on the home page; no calendar or feed"));
  }
  const anonymous = new Caller(callers.admin.baseUrl, "nobody");
  const problems: string[] = [];
  for (const path of ["/", ...CASELOAD_PAGES]) {
    const answer = await anonymous.page(path);
    if (answer.status !== 302 || !answer.headers.get("location")?.startsWith("/sign-in")) problems.push(`${path} answered ${answer.status}`);
  }
  results.record(AREA, database, "the day's pages: signed out", problems.length === 0, problems.join("; ") || "every page goes to sign-in");
}
