import type { Db } from "../../db/index.ts";
import { disclosesOf } from "../consent/disclosure.ts";
import { getProgramSettings } from "../program/program.server.ts";
import { wallClockAt } from "../program/time-zone.ts";
import type { NewMessage } from "./model.ts";
import { queueForParticipant, queueForSupports, queueMessages } from "./outbox.server.ts";
import { dayAfter, daysAfter, previousMonth, reminderHourReached, DIGEST_HOUR, REMINDER_HOUR } from "./schedule.ts";

/**
 * Messages caused by time (decision 0025): the meeting reminder the day before, the
 * commitment reminders at their chosen time, the SSI pay report reminder on the 5th
 * and the specialist's daily digest. One app server at a time runs it (a lease row);
 * each reminder also carries a de-duplication key (kind, record, due time) that the
 * outbox holds unique, so a restart, a second server or a lease that ran out between
 * two runs never queues one twice.
 */

const LEASE = "scheduler";

/**
 * Takes the scheduler's lease for this holder, or renews it; false while another
 * holder's lease runs. One UPDATE decides, which both databases do atomically.
 */
async function takeLease(db: Db, holder: string, now: Date, leaseMs: number): Promise<boolean> {
  await db.insertInto("outbox_leases").values({ name: LEASE, holder, until: new Date(0).toISOString() })
    .onConflict((oc) => oc.column("name").doNothing()).execute();
  const taken = await db.updateTable("outbox_leases").set({ holder, until: new Date(now.getTime() + leaseMs).toISOString() })
    .where("name", "=", LEASE).where((eb) => eb.or([eb("until", "<=", now.toISOString()), eb("holder", "=", holder)])).executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

export interface SchedulerRun {
  ran: boolean;
  queued: number;
}

/** One run of the scheduler at `now`: queues every reminder due and not yet queued. */
export async function runScheduler(db: Db, holder: string, now: Date, leaseMs = 5 * 60_000): Promise<SchedulerRun> {
  if (!(await takeLease(db, holder, now, leaseMs))) return { ran: false, queued: 0 };
  const { timeZone } = await getProgramSettings(db);
  // Meeting and commitment times are wall-clock times in the program's zone, stored with a nominal Z.
  const wall = wallClockAt(timeZone ?? "UTC", now);
  const queued = (await queueMeetingReminders(db, wall, now)) + (await queueCommitmentReminders(db, wall, now))
    + (await queueSsiReportReminders(db, wall, now)) + (await queueDailyDigests(db, wall, now));
  return { ran: true, queued };
}

/**
 * The day before a meeting, from REMINDER_HOUR: invitees who said yes or maybe, and
 * the participant, each only if they kept meeting reminders switched on.
 */
async function queueMeetingReminders(db: Db, wall: string, now: Date): Promise<number> {
  if (!reminderHourReached(wall, REMINDER_HOUR)) return 0;
  const tomorrow = dayAfter(wall.slice(0, 10));
  const meetings = await db.selectFrom("meetings as m").innerJoin("participants as p", "p.id", "m.participant_id")
    .select(["m.id", "m.participant_id", "m.title", "m.place", "m.scheduled_at", "m.discloses", "p.first_name", "p.preferred_name"])
    .where("m.status", "=", "planned").where("p.archived_at", "is", null)
    .where("m.scheduled_at", ">=", `${tomorrow}T00:00:00.000Z`).where("m.scheduled_at", "<", `${dayAfter(tomorrow)}T00:00:00.000Z`).execute();
  let queued = 0;
  for (const meeting of meetings) {
    const piece = { discloses: disclosesOf(meeting.discloses), purpose: "attendMeetings" } as const;
    const content = { participant: meeting.preferred_name ?? meeting.first_name, meetingId: meeting.id, title: meeting.title, place: meeting.place, scheduledAt: meeting.scheduled_at };
    const invitees = await db.selectFrom("meeting_invitees").select("support_person_id").where("meeting_id", "=", meeting.id).where("response", "in", ["yes", "maybe"]).execute();
    queued += await queueForSupports(db, meeting.participant_id, invitees.map((i) => i.support_person_id), "meeting_reminder", piece, content, now,
      (personId) => `meeting_reminder:${meeting.id}:${personId}:${meeting.scheduled_at}`, "remind_meetings");
    queued += await queueForParticipant(db, meeting.participant_id, "meeting_reminder", piece, content, now,
      `meeting_reminder:${meeting.id}:participant:${meeting.scheduled_at}`, "remind_meetings");
  }
  return queued;
}

/**
 * A commitment, at the time chosen for it (within the last day, so a server down for
 * an hour still sends it, and one set long ago is not sent late): to the support
 * person who gives the help, or to the participant when it is theirs to do, if they
 * kept commitment reminders switched on.
 */
async function queueCommitmentReminders(db: Db, wall: string, now: Date): Promise<number> {
  const due = `${wall}.000Z`;
  const dayAgo = `${daysAfter(wall.slice(0, 10), -1)}${wall.slice(10)}.000Z`;
  const rows = await db.selectFrom("plan_items as i").innerJoin("participants as p", "p.id", "i.participant_id")
    .select(["i.id", "i.participant_id", "i.description", "i.discloses", "i.provider", "i.support_person_id", "i.shared_with_supports", "i.reminder_at", "p.first_name", "p.preferred_name"])
    .where("i.reminder_at", "<=", due).where("i.reminder_at", ">", dayAgo).where("i.status", "!=", "done").where("i.dismissed_at", "is", null).where("p.archived_at", "is", null).execute();
  let queued = 0;
  for (const row of rows) {
    const piece = { discloses: disclosesOf(row.discloses), purpose: "receivePlan" } as const;
    const content = { participant: row.preferred_name ?? row.first_name, planItemId: row.id, description: row.description };
    if (row.provider === "participant") {
      queued += await queueForParticipant(db, row.participant_id, "commitment_reminder", piece, content, now, `commitment_reminder:${row.id}:${row.reminder_at}`, "remind_commitments");
    } else if (row.support_person_id && Number(row.shared_with_supports) === 1) {
      queued += await queueForSupports(db, row.participant_id, [row.support_person_id], "commitment_reminder", piece, content, now,
        () => `commitment_reminder:${row.id}:${row.reminder_at}`, "remind_commitments");
    }
  }
  return queued;
}

/**
 * Social Security asks people on SSI to report the month before's wages by the 6th;
 * the reminder comes on the 5th to each participant who asked for it on their
 * preferences page (participants.remind_ssi_report, the one place it is kept).
 */
async function queueSsiReportReminders(db: Db, wall: string, now: Date): Promise<number> {
  if (wall.slice(8, 10) !== "05" || !reminderHourReached(wall, REMINDER_HOUR)) return 0;
  const month = previousMonth(wall.slice(0, 7));
  const rows = await db.selectFrom("participants").select("id").where("remind_ssi_report", "=", 1).where("archived_at", "is", null).execute();
  let queued = 0;
  for (const row of rows) {
    queued += await queueForParticipant(db, row.id, "ssi_report_reminder", { discloses: ["benefits_income"], purpose: "contact" }, { month }, now,
      `ssi_report_reminder:${row.id}:${wall.slice(0, 7)}`, "remind_ssi_report");
  }
  return queued;
}

/**
 * Each specialist's morning digest: how many meetings today, commitments due today
 * and consents ending within 30 days, across their caseload. Counts only: the names
 * are in Allies, behind its sign-in, not in an inbox. None when all are zero.
 */
async function queueDailyDigests(db: Db, wall: string, now: Date): Promise<number> {
  if (!reminderHourReached(wall, DIGEST_HOUR)) return 0;
  const today = wall.slice(0, 10);
  const specialists = await db.selectFrom("users").select(["id"]).where("active", "=", 1).where("role", "=", "specialist").execute();
  const messages: NewMessage[] = [];
  for (const specialist of specialists) {
    const meetings = await db.selectFrom("meetings as m").innerJoin("participants as p", "p.id", "m.participant_id").select((eb) => eb.fn.countAll<number>().as("n"))
      .where("p.specialist_id", "=", specialist.id).where("p.archived_at", "is", null).where("m.status", "=", "planned")
      .where("m.scheduled_at", ">=", `${today}T00:00:00.000Z`).where("m.scheduled_at", "<", `${dayAfter(today)}T00:00:00.000Z`).executeTakeFirstOrThrow();
    const commitments = await db.selectFrom("plan_items as i").innerJoin("participants as p", "p.id", "i.participant_id").select((eb) => eb.fn.countAll<number>().as("n"))
      .where("p.specialist_id", "=", specialist.id).where("p.archived_at", "is", null).where("i.status", "!=", "done").where("i.dismissed_at", "is", null)
      .where((eb) => eb.or([eb("i.ends_on", "=", today), eb.and([eb("i.reminder_at", ">=", `${today}T00:00:00.000Z`), eb("i.reminder_at", "<", `${dayAfter(today)}T00:00:00.000Z`)])]))
      .executeTakeFirstOrThrow();
    const consents = await db.selectFrom("consent_grants as g").innerJoin("participants as p", "p.id", "g.participant_id").select((eb) => eb.fn.countAll<number>().as("n"))
      .where("p.specialist_id", "=", specialist.id).where("p.archived_at", "is", null).where("g.ended_at", "is", null)
      .where("g.expires_on", ">=", today).where("g.expires_on", "<=", daysAfter(today, 30))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom("consent_revocations as r").select("r.id").whereRef("r.grant_id", "=", "g.id").where("r.category", "is", null))))
      .executeTakeFirstOrThrow();
    const counts = { meetings: Number(meetings.n), commitments: Number(commitments.n), consents: Number(consents.n) };
    if (counts.meetings + counts.commitments + counts.consents === 0) continue;
    messages.push({
      kind: "daily_digest", participantId: null, reader: { kind: "staff", id: specialist.id }, channel: "email", discloses: [], purpose: "contact",
      content: { date: today, ...counts }, dedupeKey: `daily_digest:${specialist.id}:${today}`,
    });
  }
  return queueMessages(db, messages, now);
}
