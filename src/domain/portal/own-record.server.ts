import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { monthlyTotals, needsReport, ssiReportingMonths } from "../benefits/earnings.ts";
import { stubFacts } from "../benefits/earnings.server.ts";
import { toDollars, todayOf } from "../benefits/records.ts";
import type { InviteResponse, MeetingKind } from "../meetings/model.ts";
import type { MilestoneKind } from "../milestones/model.ts";
import type { SupportKind } from "../network/vocabulary.ts";
import type { PlanStatus, Provider } from "../plans/model.ts";
import type { OwnRecord, OwnRecordPage } from "./model.ts";
import { ownRecordActions } from "./policy.ts";

export interface MyPlanItem {
  id: string;
  kind: SupportKind;
  description: string;
  provider: Provider;
  providerName: string | null;
  frequency: string | null;
  status: PlanStatus;
}

export interface MyMeeting {
  id: string;
  kind: MeetingKind;
  title: string;
  scheduledAt: string;
  place: string;
  status: string;
  /** The time or details moved since the first invitation (the calendar SEQUENCE rose). */
  changed: boolean;
  invitees: { name: string; response: InviteResponse }[];
}

export interface MyWin {
  id: string;
  kind: MilestoneKind;
  occurredOn: string;
  note: string | null;
  encouragement: { fromLabel: string; text: string }[];
}

export interface MyReminder {
  /** The month of pay, "YYYY-MM". */
  month: string;
  paid: number;
  /** The 10th of the next month. */
  dueOn: string;
  status: "due" | "overdue" | "changed";
}

export interface MyOverview {
  name: string;
  workGoal: string | null;
  schoolGoal: string | null;
  specialist: { name: string; email: string };
  plan: MyPlanItem[];
  upcoming: MyMeeting[];
  past: MyMeeting[];
  wins: MyWin[];
  /** On SSI: earnings are reported by the 10th of the next month (SSA, POMS SI 02301.005). */
  onSsi: boolean;
  reminders: MyReminder[];
}

/** The audit row of a page the participant read of their own record: the participant is the actor. */
export async function recordOwnRead(trx: Trx, own: OwnRecord, page: OwnRecordPage, meta: RequestMeta): Promise<void> {
  const participantId = own.participant.id;
  await recordAudit(trx, {
    actor: own.actor, action: "own_record.read", entityType: "participant", entityId: participantId, participantId,
    reason: "own record", details: { page }, meta,
  });
}

/** SSI report reminders for one participant: each month of pay not yet reported, or changed since, oldest first. */
export async function ownSsiReminders(trx: Db | Trx, own: OwnRecord, at: Date): Promise<{ onSsi: boolean; reminders: MyReminder[] }> {
  const participantId = own.participant.id;
  const profile = await trx.selectFrom("benefits_profiles").select("has_ssi").where("participant_id", "=", participantId).executeTakeFirst();
  if (!profile || profile.has_ssi !== 1) return { onSsi: false, reminders: [] };
  const stubs = await trx.selectFrom("pay_stubs").select(["id", "pay_date", "period_start", "period_end", "gross_cents", "voided_at"]).where("participant_id", "=", participantId).execute();
  const reports = await trx.selectFrom("earnings_reports").select(["month", "reported_on", "gross_cents", "recorded_at"]).where("participant_id", "=", participantId).execute();
  const months = ssiReportingMonths(
    monthlyTotals(stubs.map(stubFacts)),
    reports.map((r) => ({ month: r.month, reportedOn: r.reported_on, grossCents: Number(r.gross_cents), recordedAt: r.recorded_at })),
    todayOf(at),
  );
  const reminders = months.filter((m) => needsReport(m.status))
    .map((m) => ({ month: m.month, paid: toDollars(m.paidCents), dueOn: m.dueOn, status: m.status as MyReminder["status"] }));
  return { onSsi: true, reminders };
}

/**
 * The participant's home page: their plan, their meetings, their wins and their
 * reminders, all of it (it is their own record; nothing here goes to anyone else).
 * Audited as the participant reading their own record.
 */
export async function getMyOverview(db: Db, own: OwnRecord, meta: RequestMeta, at = new Date()): Promise<MyOverview | null> {
  if (!ownRecordActions(own.actor, own.participant).read) return null;
  const participantId = own.participant.id;
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("participants").select(["work_goal", "school_goal"]).where("id", "=", participantId).executeTakeFirstOrThrow();
    const plan = await trx.selectFrom("plan_items as i").leftJoin("support_persons as s", "s.id", "i.support_person_id")
      .select(["i.id", "i.kind", "i.description", "i.provider", "i.frequency", "i.status", "s.name as provider_name"])
      .where("i.participant_id", "=", participantId).orderBy("i.created_at").orderBy("i.id").execute();
    const meetings = await trx.selectFrom("meetings").select(["id", "kind", "title", "scheduled_at", "place", "status", "sequence"])
      .where("participant_id", "=", participantId).orderBy("scheduled_at").execute();
    const invitees = meetings.length === 0 ? [] : await trx.selectFrom("meeting_invitees as i").innerJoin("support_persons as s", "s.id", "i.support_person_id")
      .select(["i.meeting_id", "i.response", "s.name"]).where("i.meeting_id", "in", meetings.map((m) => m.id)).orderBy("s.name").execute();
    const wins = await trx.selectFrom("milestones").select(["id", "kind", "occurred_on", "note"]).where("participant_id", "=", participantId)
      .orderBy("occurred_on", "desc").orderBy("created_at", "desc").execute();
    const notes = wins.length === 0 ? [] : await trx.selectFrom("encouragement_notes").select(["milestone_id", "from_label", "text"])
      .where("participant_id", "=", participantId).where("milestone_id", "in", wins.map((w) => w.id)).orderBy("created_at").execute();
    const ssi = await ownSsiReminders(trx, own, at);
    await recordOwnRead(trx, own, "home", meta);
    const now = at.toISOString();
    const toMeeting = (m: (typeof meetings)[number]): MyMeeting => ({
      id: m.id, kind: m.kind as MeetingKind, title: m.title, scheduledAt: m.scheduled_at, place: m.place, status: m.status,
      changed: Number(m.sequence) > 0 && m.status !== "cancelled",
      invitees: invitees.filter((i) => i.meeting_id === m.id).map((i) => ({ name: i.name, response: i.response as InviteResponse })),
    });
    // A meeting called off stays among the coming ones, marked as cancelled, so nobody turns up to it.
    const open = meetings.filter((m) => m.status !== "cancelled");
    return {
      name: own.participant.preferredName ?? own.participant.firstName,
      workGoal: person.work_goal,
      schoolGoal: person.school_goal,
      specialist: { name: own.participant.specialistName, email: own.participant.specialistEmail },
      plan: plan.map((i) => ({
        id: i.id, kind: i.kind as SupportKind, description: i.description, provider: i.provider as Provider, providerName: i.provider_name,
        frequency: i.frequency, status: i.status as PlanStatus,
      })),
      upcoming: meetings.filter((m) => m.scheduled_at >= now && m.status !== "held").map(toMeeting),
      past: open.filter((m) => m.scheduled_at < now || m.status === "held").reverse().slice(0, 5).map(toMeeting),
      wins: wins.map((w) => ({
        id: w.id, kind: w.kind as MilestoneKind, occurredOn: w.occurred_on, note: w.note,
        encouragement: notes.filter((n) => n.milestone_id === w.id).map((n) => ({ fromLabel: n.from_label, text: n.text })),
      })),
      ...ssi,
    };
  });
}
