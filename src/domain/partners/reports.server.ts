import type { Db } from "../../db/index.ts";
import { readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { networkActions } from "../network/policy.ts";
import { planActions } from "../plans/policy.ts";
import { STEPPED_OUT, type CommitmentReport, type PartnerActions } from "./model.ts";

/** What support persons said on their own page about their commitments, for the plan page: by plan item. */
export async function listSupportReports(db: Db, access: AuthorizedParticipant): Promise<Record<string, { report: CommitmentReport; at: string; name: string }>> {
  if (!readAllowed(access, planActions(access).read)) return {};
  const rows = await db.selectFrom("plan_items as i").innerJoin("support_persons as s", "s.id", "i.support_person_id")
    .select(["i.id", "i.support_report", "i.support_report_at", "s.name"])
    .where("i.participant_id", "=", access.participant.id).where("i.support_report", "is not", null).execute();
  return Object.fromEntries(rows.filter((r) => r.support_report && r.support_report_at)
    .map((r) => [r.id, { report: r.support_report as CommitmentReport, at: r.support_report_at!, name: r.name }]));
}

/**
 * Everything support persons did on their own pages, in one answer for the
 * specialist (the API): answers to invitations, their word on commitments, the
 * notes of encouragement they sent (waiting to be passed on) and who stepped out
 * of the network. Each part is what the staff pages already show (meeting, plan,
 * wins, network). Audited as `partner_actions.read`; null when the actor may not
 * read the plan and the network.
 */
export async function listPartnerActions(db: Db, access: AuthorizedParticipant, meta: RequestMeta): Promise<PartnerActions | null> {
  const reason = readAllowed(access, planActions(access).read && networkActions(access).read);
  if (!reason) return null;
  const participantId = access.participant.id;
  return db.transaction().execute(async (trx) => {
    const rsvps = await trx.selectFrom("meeting_invitees as i").innerJoin("meetings as m", "m.id", "i.meeting_id").innerJoin("support_persons as s", "s.id", "i.support_person_id")
      .select(["m.id as meeting_id", "m.title", "m.scheduled_at", "s.id as person_id", "s.name", "i.response", "i.response_note", "i.responded_at"])
      .where("m.participant_id", "=", participantId).where("i.response", "in", ["yes", "no", "maybe"]).where("i.responded_at", "is not", null)
      .orderBy("i.responded_at", "desc").limit(200).execute();
    const marks = await trx.selectFrom("plan_items as i").innerJoin("support_persons as s", "s.id", "i.support_person_id")
      .select(["i.id", "i.description", "s.id as person_id", "s.name", "i.support_report", "i.support_report_at"])
      .where("i.participant_id", "=", participantId).where("i.support_report", "is not", null).where("i.support_report_at", "is not", null)
      .orderBy("i.support_report_at", "desc").limit(200).execute();
    const notes = await trx.selectFrom("encouragement_notes as n").innerJoin("support_persons as s", "s.id", "n.support_person_id")
      .select(["n.id", "s.id as person_id", "s.name", "n.text", "n.created_at"])
      // Sent from their own page (created_by `support_person:<id>`), not a note the specialist wrote down for them.
      .where("n.participant_id", "=", participantId).where("n.created_by", "like", "support_person:%")
      .orderBy("n.created_at", "desc").limit(200).execute();
    const stepOuts = await trx.selectFrom("support_persons").select(["id", "name", "ended_at"])
      .where("participant_id", "=", participantId).where("ended_reason", "=", STEPPED_OUT).where("ended_at", "is not", null)
      .orderBy("ended_at", "desc").execute();
    await recordAudit(trx, { actor: access.actor, action: "partner_actions.read", entityType: "participant", entityId: participantId, participantId, reason, meta });
    return {
      rsvps: rsvps.map((r) => ({
        meetingId: r.meeting_id, meetingTitle: r.title, scheduledAt: r.scheduled_at, supportPersonId: r.person_id, name: r.name,
        response: r.response as "yes" | "no" | "maybe", note: r.response_note, respondedAt: r.responded_at!,
      })),
      commitmentMarks: marks.map((m) => ({
        planItemId: m.id, description: m.description, supportPersonId: m.person_id, name: m.name, report: m.support_report as CommitmentReport, at: m.support_report_at!,
      })),
      encouragement: notes.map((n) => ({ id: n.id, supportPersonId: n.person_id, name: n.name, text: n.text, createdAt: n.created_at })),
      stepOuts: stepOuts.map((p) => ({ supportPersonId: p.id, name: p.name, at: p.ended_at! })),
    };
  });
}
