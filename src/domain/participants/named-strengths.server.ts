import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, type AuthorizedParticipant } from "../access/model.ts";
import type { NamedStrength, NamedStrengthDecision } from "./model.ts";
import { participantReach } from "./policy.ts";

const SPEAKERS = ["participant", "specialist", "support_person", "other"] as const;

/**
 * The strengths people named at the participant's meetings (entries of kind
 * "strength"), for the career profile: each with who named it and at which
 * meeting, oldest first. Those the specialist removed are left out; a cancelled
 * meeting's entries too. For a page that already read (and audited) the participant.
 */
export async function listNamedStrengths(db: Db | Trx, access: AuthorizedParticipant): Promise<NamedStrength[]> {
  if (!participantReach(access.actor, access.participant).read) return [];
  const rows = await db.selectFrom("meeting_entries as e")
    .innerJoin("meetings as m", "m.id", "e.meeting_id")
    .leftJoin("support_persons as s", "s.id", "e.support_person_id")
    .select(["e.id", "e.text", "e.speaker", "s.name as speaker_name", "e.profile_review", "m.id as meeting_id", "m.title", "m.scheduled_at", "m.held_at"])
    .where("m.participant_id", "=", access.participant.id)
    .where("e.kind", "=", "strength")
    .where("m.status", "!=", "cancelled")
    .where((eb) => eb.or([eb("e.profile_review", "is", null), eb("e.profile_review", "=", "kept")]))
    .orderBy("m.scheduled_at").orderBy("e.created_at").orderBy("e.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    text: row.text,
    speaker: SPEAKERS.find((s) => s === row.speaker) ?? "other",
    speakerName: row.speaker_name,
    meetingId: row.meeting_id,
    meetingTitle: row.title,
    meetingOn: (row.held_at ?? row.scheduled_at).slice(0, 10),
    review: row.profile_review === "kept" ? "kept" : null,
  }));
}

export type NamedStrengthResult = { ok: true } | { ok: false; reason: "not_found" };

/**
 * Keeps a strength named at a meeting in the career profile, or removes it from
 * there. Only the profile changes: the meeting's record and minutes keep the words.
 * A strength of another participant's meeting answers "not found" and is audited.
 */
export async function reviewNamedStrength(db: Db, access: AuthorizedParticipant, entryId: string, decision: NamedStrengthDecision, meta: RequestMeta): Promise<NamedStrengthResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, participantReach(actor, access.participant).update);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom("meeting_entries as e").innerJoin("meetings as m", "m.id", "e.meeting_id")
      .select(["e.id", "m.id as meeting_id"])
      .where("e.id", "=", entryId).where("e.kind", "=", "strength").where("m.participant_id", "=", participantId)
      .executeTakeFirst();
    if (!entry) {
      await recordRefusal(trx, actor, { action: "update:career_strength", entityType: "meeting_entry", entityId: entryId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    await trx.updateTable("meeting_entries").set({ profile_review: decision }).where("id", "=", entry.id).execute();
    await recordAudit(trx, { actor, action: "career_strength.review", entityType: "meeting_entry", entityId: entry.id, participantId, reason, details: { meetingId: entry.meeting_id, decision }, meta });
    return { ok: true };
  });
}
