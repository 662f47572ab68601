import type { Db } from "../../db/index.ts";
import type { Trx } from "../audit/audit.server.ts";
import type { AuthorizedParticipant } from "../access/model.ts";
import { networkActions } from "../network/policy.ts";
import { meetingsActions } from "../meetings/policy.ts";
import { planActions } from "../plans/policy.ts";
import { milestoneActions } from "../milestones/policy.ts";
import { benefitsActions } from "../benefits/policy.ts";
import { concernActions } from "../concerns/policy.ts";
import { loadConsentHistory } from "../consent/consent.server.ts";
import { holdsConsent } from "../consent/check.ts";
import { loadBenefitsOverview } from "../benefits/profile.server.ts";
import type { RelationshipStatus } from "../network/vocabulary.ts";
import type { MilestoneKind } from "../milestones/model.ts";
import type { Concern, ConcernType } from "../concerns/model.ts";
import type { MeetingKind } from "../meetings/model.ts";
import { listContactNotes } from "../contacts/contacts.server.ts";
import { LATEST_NOTES_ON_OVERVIEW, type ContactNote } from "../contacts/model.ts";

/** How many wins and open concerns a card names before "and more" on their own page. */
const SHOWN_ON_CARD = 3;

/**
 * The participant at a glance: one summary per area, each small enough for a
 * card, so the specialist sees where things stand before opening a page. Each
 * area's part is read only when that area's policy lets the actor read it (null
 * otherwise), with a fixed number of queries whatever the size of the record.
 */
export interface ParticipantGlance {
  network: { people: number; withConsent: number; firstCall: { supportPersonId: string; name: string } | null } | null;
  nextMeeting: { id: string; kind: MeetingKind; title: string; scheduledAt: string; invited: number; coming: number } | null;
  plan: { open: number; done: number } | null;
  wins: { total: number; latest: { id: string; kind: MilestoneKind; occurredOn: string }[] } | null;
  benefits: {
    hasSsi: boolean; hasSsdi: boolean;
    /** Trial work months used in the rolling 60-month window (SSDI), null without SSDI. */
    trialWorkMonthsUsed: number | null;
    /** The oldest SSI month still to report, or null when none is due. */
    nextReport: { month: string; dueOn: string; status: string } | null;
  } | null;
  concerns: { open: number; latest: { id: string; type: ConcernType; status: Concern["status"]; description: string; mitigationPlan: string | null }[] } | null;
  contactNotes: ContactNote[];
}

/** For a page that already audited its read of the participant (the overview). */
export async function loadParticipantGlance(db: Db | Trx, access: AuthorizedParticipant, at: Date = new Date()): Promise<ParticipantGlance> {
  const participantId = access.participant.id;
  const now = at.toISOString();

  let network: ParticipantGlance["network"] = null;
  if (networkActions(access).read) {
    const people = await db.selectFrom("support_persons").select(["id", "name", "status", "ended_at", "first_call"])
      .where("participant_id", "=", participantId).where("ended_at", "is", null).orderBy("name").orderBy("id").execute();
    const history = await loadConsentHistory(db, access);
    const first = people.find((p) => Number(p.first_call) === 1);
    network = {
      people: people.length,
      withConsent: people.filter((p) => holdsConsent(history, { id: p.id, status: p.status as RelationshipStatus, endedAt: p.ended_at }, at)).length,
      firstCall: first ? { supportPersonId: first.id, name: first.name } : null,
    };
  }

  let nextMeeting: ParticipantGlance["nextMeeting"] = null;
  if (meetingsActions(access).read) {
    const meeting = await db.selectFrom("meetings as m")
      .leftJoin("meeting_invitees as i", "i.meeting_id", "m.id")
      .select((eb) => [
        "m.id", "m.kind", "m.title", "m.scheduled_at",
        eb.fn.count<number>("i.id").as("invited"),
        eb.fn.sum<number>(eb.case().when("i.response", "=", "yes").then(1).else(0).end()).as("coming"),
      ])
      .where("m.participant_id", "=", participantId).where("m.status", "in", ["planned", "in_progress"]).where("m.scheduled_at", ">=", now.slice(0, 10))
      .groupBy(["m.id", "m.kind", "m.title", "m.scheduled_at"])
      .orderBy("m.scheduled_at").orderBy("m.id").limit(1).executeTakeFirst();
    nextMeeting = meeting ? {
      id: meeting.id, kind: meeting.kind as MeetingKind, title: meeting.title, scheduledAt: meeting.scheduled_at,
      invited: Number(meeting.invited), coming: Number(meeting.coming ?? 0),
    } : null;
  }

  let plan: ParticipantGlance["plan"] = null;
  if (planActions(access).read) {
    const counts = await db.selectFrom("plan_items").select((eb) => [
      eb.fn.sum<number>(eb.case().when("status", "=", "done").then(0).else(1).end()).as("open"),
      eb.fn.sum<number>(eb.case().when("status", "=", "done").then(1).else(0).end()).as("done"),
    ]).where("participant_id", "=", participantId).executeTakeFirstOrThrow();
    plan = { open: Number(counts.open ?? 0), done: Number(counts.done ?? 0) };
  }

  let wins: ParticipantGlance["wins"] = null;
  if (milestoneActions(access).read) {
    const { n } = await db.selectFrom("milestones").select((eb) => eb.fn.countAll<number>().as("n")).where("participant_id", "=", participantId).executeTakeFirstOrThrow();
    const latest = await db.selectFrom("milestones").select(["id", "kind", "occurred_on"]).where("participant_id", "=", participantId)
      .orderBy("occurred_on", "desc").orderBy("created_at", "desc").orderBy("id").limit(SHOWN_ON_CARD).execute();
    wins = { total: Number(n), latest: latest.map((w) => ({ id: w.id, kind: w.kind as MilestoneKind, occurredOn: w.occurred_on })) };
  }

  let benefits: ParticipantGlance["benefits"] = null;
  if (benefitsActions(access).read) {
    const overview = await loadBenefitsOverview(db, access, at);
    const due = overview.ssiReporting.find((m) => m.status === "due" || m.status === "overdue" || m.status === "changed") ?? null;
    benefits = {
      hasSsi: overview.profile.hasSsi, hasSsdi: overview.profile.hasSsdi,
      trialWorkMonthsUsed: overview.ssdi ? overview.ssdi.monthsInWindow : null,
      nextReport: due ? { month: due.month, dueOn: due.dueOn, status: due.status } : null,
    };
  }

  let concerns: ParticipantGlance["concerns"] = null;
  if (concernActions(access).read) {
    const open = await db.selectFrom("concerns").select(["id", "type", "status", "description", "mitigation_plan"])
      .where("participant_id", "=", participantId).where("status", "!=", "resolved").orderBy("created_at", "desc").orderBy("id").execute();
    concerns = { open: open.length, latest: open.slice(0, SHOWN_ON_CARD).map((c) => ({ id: c.id, type: c.type as ConcernType, status: c.status as Concern["status"], description: c.description, mitigationPlan: c.mitigation_plan })) };
  }

  const contactNotes = await listContactNotes(db, access, LATEST_NOTES_ON_OVERVIEW);
  return { network, nextMeeting, plan, wins, benefits, concerns, contactNotes };
}
