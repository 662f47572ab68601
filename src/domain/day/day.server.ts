import { randomUUID } from "node:crypto";
import type { Compilable, ExpressionBuilder, Kysely } from "kysely";
import type { Db } from "../../db/index.ts";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { translator } from "../../i18n/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { Actor, RequestMeta, StaffActor } from "../auth/actor.ts";
import { loadActor } from "../auth/sessions.server.ts";
import { hashSecret, newSecret } from "../auth/tokens.ts";
import { readSsiReminders } from "../benefits/earnings.server.ts";
import type { ConcernType } from "../concerns/model.ts";
import type { MeetingKind } from "../meetings/model.ts";
import { COMMITMENT_REPORTS, type CommitmentReport } from "../partners/model.ts";
import { getProgramSettings } from "../program/program.server.ts";
import { wallClockAt } from "../program/time-zone.ts";
import type { CaseloadScope } from "../participants/policy.ts";
import { calendarFeedIcs } from "./calendar-feed.ts";
import {
  addDays, calendarRange, CONSENT_NOTICE_DAYS, HOME_LIST_LIMIT,
  type CalendarQuery, type CaseloadDay, type DayMeeting, type HomeDay, type NamedParticipant, type ProgramSummary, type SupportNews,
} from "./model.ts";
import { calendarScope, homeView, homeVisit } from "./policy.ts";

/*
 * The specialist's day (issue 14 §1): the home page, the calendar of the
 * caseload's meetings, and the private calendar feed. Each list is one query over
 * the caseload, whatever the number of participants.
 */

/** Plan items still to be done: a date passed on one of these is a commitment running late. */
const OPEN_PLAN_STATUSES = ["proposed", "agreed", "active"];
const OPEN_CONCERN_STATUSES = ["open", "in_progress"];

/** Today where the program is: meetings are stored as the program's wall-clock times. */
async function programToday(db: Db | Trx, at: Date): Promise<string> {
  const { timeZone } = await getProgramSettings(db);
  return wallClockAt(timeZone ?? "UTC", at).slice(0, 10);
}

type ListScope = Extract<CaseloadScope, { kind: "own" } | { kind: "team" }>;
type ScopeValues = { scopeId: string } & Record<string, unknown>;

/**
 * The caseload a scope covers, as a condition on the participant (`p`): the
 * actor's own participants, or those of every specialist on their team.
 */
function inCaseload(kind: ListScope["kind"], scopeId: string) {
  return (eb: ExpressionBuilder<{ p: Database["participants"]; users: Database["users"] }, "p">) => kind === "own"
    ? eb("p.specialist_id", "=", scopeId)
    : eb("p.specialist_id", "in", eb.selectFrom("users").select("users.id").where("users.team_id", "=", scopeId));
}

/**
 * A list over the caseload, built and compiled once for a specialist's own caseload
 * and once for a team's, then run with new values (decision 0041): each list is one
 * query whatever the caseload's size, and the home page runs seven of them.
 */
function caseloadList<Values extends ScopeValues, Row>(
  build: (db: Kysely<Database>, v: Values, kind: ListScope["kind"]) => Compilable<Row>,
): (trx: Db | Trx, scope: ListScope, values: Omit<Values, "scopeId">) => Promise<Row[]> {
  const byKind = {
    own: prepared((db, v: Values) => build(db, v, "own")),
    team: prepared((db, v: Values) => build(db, v, "team")),
  };
  return (trx, scope, values) => byKind[scope.kind].all(trx, { ...values, scopeId: scope.kind === "own" ? scope.userId : scope.teamId } as Values);
}

function named(r: { participant_id: string; first_name: string; last_name: string; preferred_name: string | null }): NamedParticipant {
  return { participantId: r.participant_id, firstName: r.first_name, lastName: r.last_name, preferredName: r.preferred_name };
}

function meetingsBetween(limit: number | null) {
  return caseloadList((db, v: ScopeValues & { from: string; to: string }, kind) => db.selectFrom("meetings as m")
    .innerJoin("participants as p", "p.id", "m.participant_id")
    .select(["m.id", "m.kind", "m.title", "m.scheduled_at", "m.duration_minutes", "m.place", "m.status", "m.sequence", "m.participant_id", "p.first_name", "p.last_name", "p.preferred_name"])
    .where(inCaseload(kind, v.scopeId)).where("p.status", "=", "active")
    .where("m.status", "!=", "cancelled")
    .where("m.scheduled_at", ">=", v.from).where("m.scheduled_at", "<", v.to)
    .orderBy("m.scheduled_at").orderBy("m.id")
    .$if(limit !== null, (q) => q.limit(limit!)));
}
const homeMeetings = meetingsBetween(HOME_LIST_LIMIT * 2);
const allMeetings = meetingsBetween(null);

/** The caseload's meetings from one day up to (not including) another, earliest first; cancelled ones left out. */
async function caseloadMeetings(trx: Db | Trx, scope: ListScope, from: string, to: string, options: { forHome?: boolean } = {}): Promise<DayMeeting[]> {
  const rows = await (options.forHome ? homeMeetings : allMeetings)(trx, scope, { from: `${from}T00:00`, to: `${to}T00:00` });
  return rows.map((r) => ({
    ...named(r), meetingId: r.id, kind: r.kind as MeetingKind, title: r.title, scheduledAt: r.scheduled_at,
    durationMinutes: Number(r.duration_minutes), place: r.place, status: r.status, sequence: Number(r.sequence),
  }));
}

/** Plan items with a date before the end of the coming week, still to be done. */
const dueCommitments = caseloadList((db, v: ScopeValues & { weekEnd: string }, kind) => db.selectFrom("plan_items as i").innerJoin("participants as p", "p.id", "i.participant_id")
  .select(["i.id", "i.description", "i.ends_on", "i.participant_id", "p.first_name", "p.last_name", "p.preferred_name"])
  .where(inCaseload(kind, v.scopeId)).where("p.status", "=", "active")
  .where("i.status", "in", OPEN_PLAN_STATUSES).where("i.dismissed_at", "is", null).where("i.ends_on", "is not", null).where("i.ends_on", "<", v.weekEnd)
  .orderBy("i.ends_on").orderBy("i.id").limit(HOME_LIST_LIMIT));

/** Consents running out within the notice period: not ended, not withdrawn as a whole, not already renewed. */
const endingConsents = caseloadList((db, v: ScopeValues & { today: string; noticeEnd: string }, kind) => db.selectFrom("consent_grants as g")
  .innerJoin("participants as p", "p.id", "g.participant_id").innerJoin("support_persons as sp", "sp.id", "g.support_person_id")
  .select(["g.id", "g.support_person_id", "g.expires_on", "sp.name", "g.participant_id", "p.first_name", "p.last_name", "p.preferred_name"])
  .where(inCaseload(kind, v.scopeId)).where("p.status", "=", "active")
  .where("g.ended_at", "is", null).where("g.expires_on", ">=", v.today).where("g.expires_on", "<=", v.noticeEnd)
  .where(({ not, exists, selectFrom }) => not(exists(selectFrom("consent_revocations as r").select("r.id").whereRef("r.grant_id", "=", "g.id").where("r.category", "is", null))))
  .where(({ not, exists, selectFrom }) => not(exists(selectFrom("consent_grants as n").select("n.id").whereRef("n.renews_grant_id", "=", "g.id"))))
  .orderBy("g.expires_on").orderBy("g.id").limit(HOME_LIST_LIMIT));

const openConcerns = caseloadList((db, v: ScopeValues, kind) => db.selectFrom("concerns as c").innerJoin("participants as p", "p.id", "c.participant_id")
  .select(["c.id", "c.type", "c.status", "c.participant_id", "p.first_name", "p.last_name", "p.preferred_name"])
  .where(inCaseload(kind, v.scopeId)).where("p.status", "=", "active").where("c.status", "in", OPEN_CONCERN_STATUSES)
  .orderBy("c.created_at").orderBy("c.id").limit(HOME_LIST_LIMIT));

/** Support persons' answers to invitations since a point in time, newest first. */
const rsvpsSince = caseloadList((db, v: ScopeValues & { since: string }, kind) => db.selectFrom("meeting_invitees as v")
  .innerJoin("meetings as m", "m.id", "v.meeting_id").innerJoin("participants as p", "p.id", "m.participant_id")
  .innerJoin("support_persons as sp", "sp.id", "v.support_person_id")
  .select(["v.responded_at", "v.response", "m.id as meeting_id", "m.title", "sp.name", "m.participant_id", "p.first_name", "p.last_name", "p.preferred_name"])
  .where(inCaseload(kind, v.scopeId)).where("p.status", "=", "active")
  .where("v.responded_at", ">", v.since).where("v.response", "!=", "pending")
  .orderBy("v.responded_at", "desc").limit(HOME_LIST_LIMIT));

/** Support persons' marks on their commitments ("done", "can't this week") since a point in time, newest first. */
const commitmentReportsSince = caseloadList((db, v: ScopeValues & { since: string }, kind) => db.selectFrom("plan_items as i")
  .innerJoin("participants as p", "p.id", "i.participant_id").innerJoin("support_persons as sp", "sp.id", "i.support_person_id")
  .select(["i.id", "i.description", "i.support_report", "i.support_report_at", "sp.name", "i.participant_id", "p.first_name", "p.last_name", "p.preferred_name"])
  .where(inCaseload(kind, v.scopeId)).where("p.status", "=", "active")
  // Naming the reports lets the seek per participant use the kept-commitments index (participant, report, when).
  .where("i.support_report", "in", COMMITMENT_REPORTS).where("i.support_report_at", ">", v.since)
  .orderBy("i.support_report_at", "desc").limit(HOME_LIST_LIMIT));

/**
 * The home page's day for the actor (issue 14 §1): meetings today and in the
 * coming week, commitments due within the week or overdue, consents ending within
 * 30 days, open concerns, SSI wage reports due, and what support persons said on
 * their own pages since the staff member's last visit. Records this visit: "new"
 * counts from the visit before the current sign-in, so a reload keeps the list.
 * One transaction, and one audit row naming every participant shown.
 */
export async function readHome(db: Db, actor: Actor, sessionId: string | null, meta: RequestMeta, at: Date = new Date()): Promise<HomeDay> {
  const view = homeView(actor);
  const today = await programToday(db, at);
  if (view.kind === "none") return { kind: "none", today };
  if (view.kind === "summary") return readSummary(db, actor, today, meta);
  const scope = view.scope;
  return db.transaction().execute(async (trx) => {
    const visit = actor.kind === "staff" ? await startVisit(trx, actor.userId, sessionId, at) : null;
    const newsSince = visit?.newsSince ?? null;
    const weekEnd = addDays(today, 7);
    const since = newsSince ?? addDays(today, -7);
    const [meetings, commitments, consents, concerns, rsvps, reports, ssi] = await Promise.all([
      caseloadMeetings(trx, scope, today, weekEnd, { forHome: true }),
      dueCommitments(trx, scope, { weekEnd }),
      endingConsents(trx, scope, { today, noticeEnd: addDays(today, CONSENT_NOTICE_DAYS) }),
      openConcerns(trx, scope, {}),
      rsvpsSince(trx, scope, { since }),
      commitmentReportsSince(trx, scope, { since }),
      readSsiReminders(trx, actor, at),
    ]);
    const news: SupportNews[] = [
      ...rsvps.map((r) => ({ ...named(r), kind: "rsvp" as const, at: r.responded_at!, supportPersonName: r.name, meetingId: r.meeting_id, meetingTitle: r.title, response: r.response as "yes" | "no" | "maybe" })),
      ...reports.map((r) => ({ ...named(r), kind: "commitment" as const, at: r.support_report_at!, supportPersonName: r.name, planItemId: r.id, description: r.description, report: r.support_report as CommitmentReport })),
    ].sort((a, b) => b.at.localeCompare(a.at));
    const day: CaseloadDay = {
      kind: "caseload", scope: scope.kind, today,
      meetingsToday: meetings.filter((m) => m.scheduledAt.slice(0, 10) === today),
      meetingsThisWeek: meetings.filter((m) => m.scheduledAt.slice(0, 10) !== today).slice(0, HOME_LIST_LIMIT),
      commitments: commitments.map((r) => ({ ...named(r), planItemId: r.id, description: r.description, endsOn: r.ends_on!, overdue: r.ends_on! < today })),
      consentsEnding: consents.map((r) => ({ ...named(r), grantId: r.id, supportPersonId: r.support_person_id, supportPersonName: r.name, expiresOn: r.expires_on! })),
      concerns: concerns.map((r) => ({ ...named(r), concernId: r.id, type: r.type as ConcernType, status: r.status })),
      ssiReports: ssi.map((r) => ({ participantId: r.participantId, firstName: r.firstName, lastName: r.lastName, preferredName: r.preferredName, month: r.month, dueOn: r.dueOn, status: r.status })),
      news, newsSince,
    };
    const shown = new Set<string>();
    for (const list of [day.meetingsToday, day.meetingsThisWeek, day.commitments, day.consentsEnding, day.concerns, day.news, day.ssiReports]) for (const item of list) shown.add(item.participantId);
    if (visit?.write) await saveVisit.all(trx, visit);
    await recordAudit(trx, {
      actor, action: "day.home", entityType: "participant", reason: `read:participant:${scope.kind}`,
      details: { view: "caseload", shown: [...shown] }, meta,
    });
    return day;
  });
}

const lastVisit = prepared((db, v: { userId: string }) => db.selectFrom("home_visits").select(["session_id", "visited_at", "news_since"]).where("user_id", "=", v.userId));
const saveVisit = prepared((db, v: { userId: string; session: string; now: string; newsSince: string | null }) => db.insertInto("home_visits")
  .values({ user_id: v.userId, session_id: v.session, visited_at: v.now, news_since: v.newsSince })
  .onConflict((oc) => oc.column("user_id").doUpdateSet({ session_id: v.session, visited_at: v.now, news_since: v.newsSince })));

/**
 * Reads the kept visit (see `homeVisit`). The visit is saved (`saveVisit`) at the
 * end of the page's transaction, so on PostgreSQL the row's lock is held for the
 * last statements only, not the whole page.
 */
async function startVisit(trx: Trx, userId: string, sessionId: string | null, at: Date) {
  const session = sessionId ?? "none";
  const { newsSince, write } = homeVisit(await lastVisit.first(trx, { userId }), session, at);
  return { userId, session, now: at.toISOString(), newsSince, write };
}

async function readSummary(db: Db, actor: Actor, today: string, meta: RequestMeta): Promise<ProgramSummary> {
  return db.transaction().execute(async (trx) => {
    const [participants, meetings, overdue, consents, concerns] = await Promise.all([
      trx.selectFrom("participants").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "active").executeTakeFirstOrThrow(),
      trx.selectFrom("meetings").select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "!=", "cancelled").where("scheduled_at", ">=", `${today}T00:00`).where("scheduled_at", "<", `${addDays(today, 7)}T00:00`).executeTakeFirstOrThrow(),
      trx.selectFrom("plan_items").select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "in", OPEN_PLAN_STATUSES).where("dismissed_at", "is", null).where("ends_on", "is not", null).where("ends_on", "<", today).executeTakeFirstOrThrow(),
      trx.selectFrom("consent_grants").select((eb) => eb.fn.countAll<number>().as("n"))
        .where("ended_at", "is", null).where("expires_on", ">=", today).where("expires_on", "<=", addDays(today, CONSENT_NOTICE_DAYS)).executeTakeFirstOrThrow(),
      trx.selectFrom("concerns").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "in", OPEN_CONCERN_STATUSES).executeTakeFirstOrThrow(),
    ]);
    await recordAudit(trx, { actor, action: "day.home", entityType: "participant", reason: "read:participant:any", details: { view: "summary", shown: [] }, meta });
    return {
      kind: "summary", today,
      activeParticipants: Number(participants.n), meetingsThisWeek: Number(meetings.n), commitmentsOverdue: Number(overdue.n),
      consentsEnding: Number(consents.n), openConcerns: Number(concerns.n),
    };
  });
}

export interface CalendarPage {
  view: "week" | "month";
  today: string;
  /** The day the page is about, inside the week or month shown. */
  date: string;
  range: { from: string; to: string; first: string; last: string };
  previous: string;
  next: string;
  meetings: DayMeeting[];
}

/** The caseload's meetings for a week or a month; null when the actor has no calendar (the page answers "not found"). */
export async function readCalendar(db: Db, actor: Actor, query: CalendarQuery, meta: RequestMeta, at: Date = new Date()): Promise<CalendarPage | null> {
  const scope = calendarScope(actor);
  if (!scope) return null;
  const today = await programToday(db, at);
  const date = query.date ?? today;
  const range = calendarRange(query.view, date);
  const previous = query.view === "week" ? addDays(range.from, -7) : addDays(range.first, -1).slice(0, 7) + "-01";
  const next = query.view === "week" ? range.to : addDays(range.last, 1);
  return db.transaction().execute(async (trx) => {
    const meetings = await caseloadMeetings(trx, scope, range.from, range.to);
    await recordAudit(trx, {
      actor, action: "calendar.read", entityType: "meeting", reason: `read:participant:${scope.kind}`,
      details: { view: query.view, from: range.from, to: range.to, shown: [...new Set(meetings.map((m) => m.participantId))] }, meta,
    });
    return { view: query.view, today, date, range, previous, next, meetings };
  });
}

/** Whether the staff member has a feed now, and when it was made and last fetched; the token itself is never shown again. */
export interface CalendarFeedStatus {
  available: boolean;
  feed: { createdAt: string; lastUsedAt: string | null } | null;
}

export async function calendarFeedStatus(db: Db, actor: Actor): Promise<CalendarFeedStatus> {
  if (actor.kind !== "staff" || !calendarScope(actor)) return { available: false, feed: null };
  const row = await db.selectFrom("calendar_feeds").select(["created_at", "last_used_at"])
    .where("user_id", "=", actor.userId).where("revoked_at", "is", null).executeTakeFirst();
  return { available: true, feed: row ? { createdAt: row.created_at, lastUsedAt: row.last_used_at } : null };
}

/**
 * A new private feed address for the staff member's own calendar app. Any feed
 * they had stops working: one feed at a time, so "new address" is also how a
 * leaked one is replaced. Returns the token, shown this once; null when the
 * actor has no calendar.
 */
export async function issueCalendarFeed(db: Db, actor: Actor, meta: RequestMeta, at: Date = new Date()): Promise<string | null> {
  if (actor.kind !== "staff" || !calendarScope(actor)) return null;
  const token = newSecret("cal_");
  await db.transaction().execute(async (trx) => {
    const replaced = await trx.updateTable("calendar_feeds").set({ revoked_at: at.toISOString() })
      .where("user_id", "=", actor.userId).where("revoked_at", "is", null).executeTakeFirst();
    const id = randomUUID();
    await trx.insertInto("calendar_feeds").values({ id, user_id: actor.userId, token_hash: hashSecret(token), created_at: at.toISOString(), last_used_at: null, revoked_at: null }).execute();
    await recordAudit(trx, {
      actor, action: "calendar_feed.issue", entityType: "calendar_feed", entityId: id, reason: "own:calendar_feed",
      details: { replaced: Number(replaced.numUpdatedRows) }, meta,
    });
  });
  return token;
}

/** Stops the staff member's feed: the address answers "not found" from now on. */
export async function revokeCalendarFeed(db: Db, actor: Actor, meta: RequestMeta, at: Date = new Date()): Promise<number> {
  if (actor.kind !== "staff") return 0;
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable("calendar_feeds").set({ revoked_at: at.toISOString() })
      .where("user_id", "=", actor.userId).where("revoked_at", "is", null).executeTakeFirst();
    const revoked = Number(result.numUpdatedRows);
    await recordAudit(trx, { actor, action: "calendar_feed.revoke", entityType: "calendar_feed", reason: "own:calendar_feed", details: { revoked }, meta });
    return revoked;
  });
}

/** How far back and ahead the feed reaches: enough for a calendar app, without copying the whole history. */
const FEED_DAYS_BEFORE = 30;
const FEED_DAYS_AFTER = 180;

/**
 * What a calendar app gets for a feed token: the meetings of the caseload the
 * token's owner may see now (their permissions are read again on each fetch, so a
 * deactivated account or a moved participant drops out), as an iCalendar file.
 * Null for an unknown or revoked token, or an owner who no longer has a calendar.
 * Every fetch is audited as the owner's read.
 */
export async function readCalendarFeed(db: Db, token: string, meta: RequestMeta, at: Date = new Date()): Promise<string | null> {
  if (!token.startsWith("cal_") || token.length > 100) return null;
  const feed = await db.selectFrom("calendar_feeds").select(["id", "user_id"])
    .where("token_hash", "=", hashSecret(token)).where("revoked_at", "is", null).executeTakeFirst();
  if (!feed) return null;
  const actor: StaffActor | null = await loadActor(db, feed.user_id);
  const scope = actor ? calendarScope(actor) : null;
  if (!actor || !scope) return null;
  const [today, settings] = await Promise.all([programToday(db, at), getProgramSettings(db)]);
  const t = translator(actor.locale);
  return db.transaction().execute(async (trx) => {
    const meetings = await caseloadMeetings(trx, scope, addDays(today, -FEED_DAYS_BEFORE), addDays(today, FEED_DAYS_AFTER));
    await trx.updateTable("calendar_feeds").set({ last_used_at: at.toISOString() }).where("id", "=", feed.id).execute();
    await recordAudit(trx, {
      actor, action: "calendar_feed.fetch", entityType: "calendar_feed", entityId: feed.id, reason: `read:participant:${scope.kind}`,
      details: { feedId: feed.id, meetings: meetings.length, shown: [...new Set(meetings.map((m) => m.participantId))] }, meta,
    });
    return calendarFeedIcs({
      name: t("day.feed.name", { program: settings.name }), timeZone: settings.timeZone, stamp: at.toISOString(),
      events: meetings.map((m) => ({
        meetingId: m.meetingId, sequence: m.sequence,
        summary: t("day.feed.summary", { name: m.preferredName ?? m.firstName, kind: t(`meeting.kind.${m.kind}`) }),
        startsAt: m.scheduledAt, durationMinutes: m.durationMinutes, place: m.place,
      })),
    });
  });
}
