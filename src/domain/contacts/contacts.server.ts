import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { Db } from "../../db/index.ts";
import type { ContactNoteTable } from "../../db/schema.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { disclosesOf } from "../consent/disclosure.ts";
import { loadConsentHistory } from "../consent/consent.server.ts";
import type { ConsentCategory } from "../consent/model.ts";
import type { RelationshipStatus } from "../network/vocabulary.ts";
import { contactNoteActions, namedOutsideConsent, type OutsideConsent } from "./policy.ts";
import type { ContactMethod, ContactNote, ContactNoteInput, ContactNoteUpdate } from "./model.ts";

type NoteRow = Selectable<ContactNoteTable> & { created_by_name: string; updated_by_name: string };

function selectNotes(db: Db | Trx) {
  return db.selectFrom("contact_notes as n")
    .innerJoin("users as c", "c.id", "n.created_by")
    .innerJoin("users as u", "u.id", "n.updated_by")
    .selectAll("n").select(["c.name as created_by_name", "u.name as updated_by_name"]);
}

/** Names of the support persons the notes name, read in one query for all of them. */
async function namesOf(db: Db | Trx, participantId: string, rows: readonly NoteRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => JSON.parse(r.support_person_ids) as string[]))];
  if (ids.length === 0) return new Map();
  const people = await db.selectFrom("support_persons").select(["id", "name"]).where("participant_id", "=", participantId).where("id", "in", ids).execute();
  return new Map(people.map((p) => [p.id, p.name]));
}

async function toNotes(db: Db | Trx, participantId: string, rows: NoteRow[]): Promise<ContactNote[]> {
  const names = await namesOf(db, participantId, rows);
  return rows.map((row) => ({
    id: row.id, participantId: row.participant_id, contactedOn: row.contacted_on, method: row.method as ContactMethod,
    withParticipant: Number(row.with_participant) === 1,
    people: (JSON.parse(row.support_person_ids) as string[]).map((id) => ({ supportPersonId: id, name: names.get(id) ?? "" })),
    summary: row.summary, discloses: disclosesOf(row.discloses), version: Number(row.version),
    createdBy: row.created_by_name, updatedBy: row.updated_by_name, createdAt: row.created_at, updatedAt: row.updated_at,
  }));
}

/**
 * The participant's contact notes, newest contact first, `limit` of them when given:
 * for a page that already audited its read of the record.
 */
export async function listContactNotes(db: Db | Trx, access: AuthorizedParticipant, limit?: number): Promise<ContactNote[]> {
  if (!contactNoteActions(access).read) return [];
  const participantId = access.participant.id;
  let query = selectNotes(db).where("n.participant_id", "=", participantId).orderBy("n.contacted_on", "desc").orderBy("n.created_at", "desc").orderBy("n.id");
  if (limit !== undefined) query = query.limit(limit);
  return toNotes(db, participantId, await query.execute());
}

/** A support person a note may name: someone on the network now. */
export interface NameableSupport { supportPersonId: string; name: string }

async function currentSupports(db: Db | Trx, participantId: string): Promise<NameableSupport[]> {
  const people = await db.selectFrom("support_persons").select(["id", "name"])
    .where("participant_id", "=", participantId).where("ended_at", "is", null).orderBy("name").orderBy("id").execute();
  return people.map((p) => ({ supportPersonId: p.id, name: p.name }));
}

/** The contact notes and the people a new one may name, for the contact notes page or the API: authorized and audited. */
export async function readContactNotes(db: Db, access: AuthorizedParticipant, meta: RequestMeta): Promise<{ notes: ContactNote[]; people: NameableSupport[]; canWrite: boolean } | null> {
  const { actor, participant: { id: participantId } } = access;
  const can = contactNoteActions(access);
  const reason = readAllowed(access, can.read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const notes = await listContactNotes(trx, access);
    const people = await currentSupports(trx, participantId);
    await recordAudit(trx, { actor, action: "contact_note.read", entityType: "participant", entityId: participantId, participantId, reason, details: { notes: notes.length }, meta });
    return { notes, people, canWrite: can.write };
  });
}

/** One note, for its edit page: authorized and audited. */
export async function readContactNote(db: Db, access: AuthorizedParticipant, noteId: string, meta: RequestMeta): Promise<{ note: ContactNote; people: NameableSupport[]; canWrite: boolean } | null> {
  const { actor, participant: { id: participantId } } = access;
  const can = contactNoteActions(access);
  const reason = readAllowed(access, can.read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const row = await selectNotes(trx).where("n.id", "=", noteId).where("n.participant_id", "=", participantId).executeTakeFirst();
    if (!row) {
      await recordRefusal(trx, actor, { action: "read:contact_note", entityType: "contact_note", entityId: noteId, participantId, reason: "not_found" }, meta);
      return null;
    }
    await recordAudit(trx, { actor, action: "contact_note.read", entityType: "contact_note", entityId: noteId, participantId, reason, details: { notes: 1 }, meta });
    return { note: (await toNotes(trx, participantId, [row]))[0]!, people: await currentSupports(trx, participantId), canWrite: can.write };
  });
}

export type ContactNoteResult =
  | { ok: true; note: ContactNote }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "outside_consent"; outside: (OutsideConsent & { name: string })[] }
  | { ok: false; reason: "conflict"; current: ContactNote };

/**
 * Checks the people a note names against the network and their consent. Answers
 * null when a named person is not on this participant's network (refused as not
 * found), else those the note may not name with the categories it touched.
 */
async function checkNamed(
  trx: Trx, access: AuthorizedParticipant, people: readonly string[], touched: readonly ConsentCategory[], action: string, meta: RequestMeta, at: Date,
): Promise<(OutsideConsent & { name: string })[] | null> {
  if (people.length === 0) return [];
  const participantId = access.participant.id;
  const rows = await trx.selectFrom("support_persons").select(["id", "name", "status", "ended_at"])
    .where("participant_id", "=", participantId).where("id", "in", [...people]).execute();
  const unknown = people.find((id) => !rows.some((r) => r.id === id));
  if (unknown) {
    await recordRefusal(trx, access.actor, { action, entityType: "support_person", entityId: unknown, participantId, reason: "not_found" }, meta);
    return null;
  }
  const history = await loadConsentHistory(trx, access);
  const facts = rows.map((r) => ({ id: r.id, status: r.status as RelationshipStatus, endedAt: r.ended_at }));
  return namedOutsideConsent(history, facts, touched, at).map((o) => ({ ...o, name: rows.find((r) => r.id === o.supportPersonId)!.name }));
}

/** Logs a contact. A note naming a support person is refused unless their consent covers what the contact touched. */
export async function createContactNote(db: Db, access: AuthorizedParticipant, input: ContactNoteInput, meta: RequestMeta, at = new Date()): Promise<ContactNoteResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, contactNoteActions(access).write);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const outside = await checkNamed(trx, access, input.supportPersonIds, input.discloses, "create:contact_note", meta, at);
    if (!outside) return { ok: false, reason: "not_found" };
    if (outside.length > 0) return { ok: false, reason: "outside_consent", outside };
    const id = randomUUID();
    const now = at.toISOString();
    await trx.insertInto("contact_notes").values({
      id, participant_id: participantId, contacted_on: input.contactedOn, method: input.method, with_participant: input.withParticipant ? 1 : 0,
      support_person_ids: JSON.stringify(input.supportPersonIds), summary: input.summary, discloses: JSON.stringify(input.discloses),
      version: 1, created_by: actor.userId, created_at: now, updated_by: actor.userId, updated_at: now,
    }).execute();
    await recordAudit(trx, {
      actor, action: "contact_note.create", entityType: "contact_note", entityId: id, participantId, reason,
      details: { method: input.method, supportPersonIds: input.supportPersonIds, discloses: input.discloses }, meta,
    });
    const row = await selectNotes(trx).where("n.id", "=", id).executeTakeFirstOrThrow();
    return { ok: true, note: (await toNotes(trx, participantId, [row]))[0]! };
  });
}

/** The note, when it belongs to this participant; otherwise the refusal is audited and nothing is returned. */
async function noteOfParticipant(trx: Trx, access: AuthorizedParticipant, noteId: string, action: "update:contact_note" | "delete:contact_note", meta: RequestMeta) {
  const participantId = access.participant.id;
  const row = await selectNotes(trx).where("n.id", "=", noteId).where("n.participant_id", "=", participantId).executeTakeFirst();
  if (!row) await recordRefusal(trx, access.actor, { action, entityType: "contact_note", entityId: noteId, participantId, reason: "not_found" }, meta);
  return row;
}

/**
 * Saves an edit over the version the person started from; when someone saved in
 * between, nothing is written and the current note comes back. Consent is checked
 * for what the edit adds: a person newly named, or a category newly touched.
 */
export async function updateContactNote(db: Db, access: AuthorizedParticipant, noteId: string, input: ContactNoteUpdate, meta: RequestMeta, at = new Date()): Promise<ContactNoteResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, contactNoteActions(access).write);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const row = await noteOfParticipant(trx, access, noteId, "update:contact_note", meta);
    if (!row) return { ok: false, reason: "not_found" };
    const before = (await toNotes(trx, participantId, [row]))[0]!;
    if (before.version !== input.version) return { ok: false, reason: "conflict", current: before };
    const wasNamed = new Set(before.people.map((p) => p.supportPersonId));
    const wasTouched = new Set(before.discloses);
    const added = input.discloses.filter((c) => !wasTouched.has(c));
    const newlyNamed = input.supportPersonIds.filter((id) => !wasNamed.has(id));
    const stillNamed = input.supportPersonIds.filter((id) => wasNamed.has(id));
    const outsideNew = await checkNamed(trx, access, newlyNamed, input.discloses, "update:contact_note", meta, at);
    const outsideOld = await checkNamed(trx, access, stillNamed, added, "update:contact_note", meta, at);
    if (!outsideNew || !outsideOld) return { ok: false, reason: "not_found" };
    // Someone named before, whose consent has since ended, stays on the note as long as it touches nothing new.
    const outside = [...outsideNew, ...outsideOld.filter((o) => o.missing.length > 0)];
    if (outside.length > 0) return { ok: false, reason: "outside_consent", outside };
    const result = await trx.updateTable("contact_notes").set({
      contacted_on: input.contactedOn, method: input.method, with_participant: input.withParticipant ? 1 : 0,
      support_person_ids: JSON.stringify(input.supportPersonIds), summary: input.summary, discloses: JSON.stringify(input.discloses),
      version: input.version + 1, updated_by: actor.userId, updated_at: at.toISOString(),
    }).where("id", "=", noteId).where("version", "=", input.version).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: before };
    await recordAudit(trx, {
      actor, action: "contact_note.update", entityType: "contact_note", entityId: noteId, participantId, reason,
      details: { fromVersion: input.version, supportPersonIds: input.supportPersonIds, discloses: input.discloses }, meta,
    });
    const saved = await selectNotes(trx).where("n.id", "=", noteId).executeTakeFirstOrThrow();
    return { ok: true, note: (await toNotes(trx, participantId, [saved]))[0]! };
  });
}

export type DeleteNoteResult = { ok: true } | { ok: false; reason: "not_found" } | { ok: false; reason: "conflict"; current: ContactNote };

/** Deletes a note, only over the version the person confirmed; its audit row stays. */
export async function deleteContactNote(db: Db, access: AuthorizedParticipant, noteId: string, version: number, meta: RequestMeta): Promise<DeleteNoteResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, contactNoteActions(access).write);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const row = await noteOfParticipant(trx, access, noteId, "delete:contact_note", meta);
    if (!row) return { ok: false, reason: "not_found" };
    const result = await trx.deleteFrom("contact_notes").where("id", "=", noteId).where("version", "=", version).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return { ok: false, reason: "conflict", current: (await toNotes(trx, participantId, [row]))[0]! };
    await recordAudit(trx, { actor, action: "contact_note.delete", entityType: "contact_note", entityId: noteId, participantId, reason, details: { version }, meta });
    return { ok: true };
  });
}
