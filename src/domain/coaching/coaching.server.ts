import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta, StaffActor } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { mayCoach, mayCompleteFollowUp, mayOpenCoaching, mayReadNote, readsAllCoaching, type SpecialistFacts } from "./policy.ts";
import type { CoachedSpecialist, CoachingNote, CoachingNoteInput, CoachingTopic } from "./model.ts";

async function specialistFacts(db: Db | Trx, specialistId: string): Promise<(SpecialistFacts & { name: string }) | null> {
  const row = await db.selectFrom("users").select(["id", "name", "role", "team_id", "active"]).where("id", "=", specialistId).executeTakeFirst();
  if (!row) return null;
  return { id: row.id, name: row.name, teamId: row.team_id, isSpecialist: row.role === "specialist" };
}

function selectNotes(db: Db | Trx) {
  return db.selectFrom("coaching_notes as n").innerJoin("users as s", "s.id", "n.supervisor_id")
    .selectAll("n").select("s.name as supervisor_name");
}

type NoteRow = Awaited<ReturnType<ReturnType<typeof selectNotes>["executeTakeFirstOrThrow"]>>;

function toNote(row: NoteRow): CoachingNote {
  return {
    id: row.id, specialistId: row.specialist_id, supervisorId: row.supervisor_id, supervisorName: row.supervisor_name,
    metOn: row.met_on, topic: row.topic as CoachingTopic, note: row.note, followUpOn: row.follow_up_on,
    followUpDoneAt: row.follow_up_done_at, version: Number(row.version),
  };
}

/**
 * The specialists whose coaching the actor may open, with the follow-ups still
 * open in the notes the actor may read: a specialist sees only themselves, a
 * supervisor the specialists of their team, an administrator every specialist.
 */
export async function coachedSpecialists(db: Db, actor: StaffActor): Promise<CoachedSpecialist[]> {
  const specialists = await db.selectFrom("users").select(["id", "name", "team_id", "role"])
    .where("role", "=", "specialist").where("active", "=", 1).orderBy("name").orderBy("id").execute();
  const open = specialists.filter((s) => mayOpenCoaching(actor, { id: s.id, teamId: s.team_id, isSpecialist: true }));
  if (open.length === 0) return [];
  const notes = await db.selectFrom("coaching_notes").select(["specialist_id", "supervisor_id"])
    .where("specialist_id", "in", open.map((s) => s.id)).where("follow_up_on", "is not", null).where("follow_up_done_at", "is", null).execute();
  return open.map((s) => ({
    id: s.id, name: s.name,
    openFollowUps: notes.filter((n) => n.specialist_id === s.id && mayReadNote(actor, { specialistId: n.specialist_id, supervisorId: n.supervisor_id })).length,
  }));
}

export interface CoachingView {
  specialist: { id: string; name: string };
  notes: CoachingNote[];
  /** The reader may write notes for this specialist (their supervisor). */
  canWrite: boolean;
  /** The reader is one of the two people in the notes (an administrator only reads). */
  canCompleteFollowUps: boolean;
}

/**
 * The coaching notes about one specialist that the actor may read, newest first:
 * the specialist reads all of theirs, a supervisor only the ones they wrote, an
 * administrator all. Anyone else gets null, as for a specialist who does not exist; the refusal is audited.
 */
export async function readCoaching(db: Db, actor: StaffActor, specialistId: string, meta: RequestMeta): Promise<CoachingView | null> {
  return db.transaction().execute(async (trx) => {
    const specialist = await specialistFacts(trx, specialistId);
    if (!specialist || !mayOpenCoaching(actor, specialist)) {
      await recordRefusal(trx, actor, { action: "read:coaching", entityType: "user", entityId: specialistId, participantId: null, reason: specialist ? "not_permitted" : "not_found" }, meta);
      return null;
    }
    const rows = await selectNotes(trx).where("n.specialist_id", "=", specialistId)
      .orderBy("n.met_on", "desc").orderBy("n.created_at", "desc").orderBy("n.id").execute();
    const notes = rows.map(toNote).filter((n) => mayReadNote(actor, n));
    const reason = actor.userId === specialistId ? "own coaching" : readsAllCoaching(actor) ? "read:coaching:any" : "coach:specialist:team";
    await recordAudit(trx, { actor, action: "coaching_note.read", entityType: "user", entityId: specialistId, reason, details: { notes: notes.length }, meta });
    return {
      specialist: { id: specialist.id, name: specialist.name }, notes,
      canWrite: mayCoach(actor, specialist), canCompleteFollowUps: actor.userId === specialistId || mayCoach(actor, specialist),
    };
  });
}

export type CoachingNoteResult = { ok: true; note: CoachingNote } | { ok: false; reason: "not_found" };

/** A supervisor writes a note of a coaching session with a specialist of their team. */
export async function createCoachingNote(db: Db, actor: StaffActor, specialistId: string, input: CoachingNoteInput, meta: RequestMeta, at = new Date()): Promise<CoachingNoteResult> {
  return db.transaction().execute(async (trx) => {
    const specialist = await specialistFacts(trx, specialistId);
    if (!specialist || !mayCoach(actor, specialist)) {
      await recordRefusal(trx, actor, { action: "create:coaching_note", entityType: "user", entityId: specialistId, participantId: null, reason: specialist ? "not_permitted" : "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    const id = randomUUID();
    const now = at.toISOString();
    await trx.insertInto("coaching_notes").values({
      id, specialist_id: specialistId, supervisor_id: actor.userId, met_on: input.metOn, topic: input.topic, note: input.note,
      follow_up_on: input.followUpOn, follow_up_done_at: null, version: 1, created_at: now, updated_at: now,
    }).execute();
    await recordAudit(trx, {
      actor, action: "coaching_note.create", entityType: "coaching_note", entityId: id, reason: "coach:specialist:team",
      details: { specialistId, topic: input.topic, followUp: input.followUpOn !== null }, meta,
    });
    return { ok: true, note: toNote(await selectNotes(trx).where("n.id", "=", id).executeTakeFirstOrThrow()) };
  });
}

export type FollowUpResult = { ok: true } | { ok: false; reason: "not_found" | "conflict" };

/** One of the two people a note is between marks its follow-up done, over the version they saw. */
export async function completeFollowUp(db: Db, actor: StaffActor, noteId: string, version: number, meta: RequestMeta, at = new Date()): Promise<FollowUpResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("coaching_notes").select(["id", "specialist_id", "supervisor_id", "follow_up_on", "version"]).where("id", "=", noteId).executeTakeFirst();
    const parties = row ? { specialistId: row.specialist_id, supervisorId: row.supervisor_id } : null;
    if (!row || !parties || !mayCompleteFollowUp(actor, parties) || row.follow_up_on === null) {
      await recordRefusal(trx, actor, { action: "update:coaching_note", entityType: "coaching_note", entityId: noteId, participantId: null, reason: row ? "not_permitted" : "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    const now = at.toISOString();
    const result = await trx.updateTable("coaching_notes").set({ follow_up_done_at: now, version: version + 1, updated_at: now })
      .where("id", "=", noteId).where("version", "=", version).where("follow_up_done_at", "is", null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "conflict" };
    await recordAudit(trx, { actor, action: "coaching_note.follow_up_done", entityType: "coaching_note", entityId: noteId, reason: actor.userId === row.specialist_id ? "own coaching" : "coach:specialist:team", details: { specialistId: row.specialist_id, fromVersion: version }, meta });
    return { ok: true };
  });
}
