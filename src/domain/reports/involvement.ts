import { sql } from "kysely";
import type { Db } from "../../db/index.ts";
import type { Trx } from "../audit/audit.server.ts";
import { addDays } from "../day/model.ts";

/**
 * A support person is **involved** with a participant on a day when, that day, they:
 * - attended one of the participant's meetings (marked present when it was held),
 * - answered an invitation to one (yes, no or maybe: an RSVP),
 * - marked a commitment of the plan done or not possible this week,
 * - claimed one of the participant's help requests,
 * - were named in a contact note as someone the contact was with, or
 * - left a note of encouragement.
 * This is the one definition of involvement: the reports' "participants with at
 * least one involved support" and the supervisor's list of participants without
 * any support involved in 90 days both read it. The answer is the ids of the
 * participants with any involvement between `from` and `to` (days, both
 * included; times are compared as UTC instants), as a subquery, so callers
 * filter with it in one set-based query, never a query per participant.
 */
export function participantsInvolvedBetween(db: Db | Trx, from: string, to: string) {
  const end = addDays(to, 1);
  const attended = db.selectFrom("meeting_invitees as v").innerJoin("meetings as m", "m.id", "v.meeting_id")
    .select("m.participant_id as participant_id").where("v.attended", "=", 1).where("m.held_at", ">=", from).where("m.held_at", "<", end);
  const answered = db.selectFrom("meeting_invitees as v").innerJoin("meetings as m", "m.id", "v.meeting_id")
    .select("m.participant_id as participant_id").where("v.response", "!=", "pending").where("v.responded_at", ">=", from).where("v.responded_at", "<", end);
  const marked = db.selectFrom("plan_items as i").select("i.participant_id as participant_id")
    .where("i.support_person_id", "is not", null).where("i.support_report_at", ">=", from).where("i.support_report_at", "<", end);
  const claimed = db.selectFrom("help_requests as h").select("h.participant_id as participant_id")
    .where("h.claimed_by", "is not", null).where("h.claimed_at", ">=", from).where("h.claimed_at", "<", end);
  const contacted = db.selectFrom("contact_notes as n").select("n.participant_id as participant_id")
    .where("n.support_person_ids", "!=", sql.lit("[]")).where("n.contacted_on", ">=", from).where("n.contacted_on", "<=", to);
  const encouraged = db.selectFrom("encouragement_notes as e").select("e.participant_id as participant_id")
    .where("e.support_person_id", "is not", null).where("e.created_at", ">=", from).where("e.created_at", "<", end);
  return attended.unionAll(answered).unionAll(marked).unionAll(claimed).unionAll(contacted).unionAll(encouraged);
}
