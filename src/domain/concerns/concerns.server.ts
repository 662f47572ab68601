import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { onceMoreOnUniqueViolation } from "../../db/unique-violation.ts";
import type { Selectable } from "kysely";
import type { ConcernTable } from "../../db/schema.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { disclosesOf } from "../consent/disclosure.ts";
import { concernActions } from "./policy.ts";
import type { Concern, ConcernInput, ConcernType, ConcernUpdate } from "./model.ts";

function toConcern(row: Selectable<ConcernTable> & { person_name: string | null }): Concern {
  return {
    id: row.id, participantId: row.participant_id, meetingId: row.meeting_id, type: row.type as ConcernType, description: row.description,
    raisedBy: row.raised_by as Concern["raisedBy"], supportPersonId: row.support_person_id, raisedByName: row.person_name,
    status: row.status as Concern["status"], mitigationPlan: row.mitigation_plan, discloses: disclosesOf(row.discloses), version: Number(row.version), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function selectConcerns(db: Db | Trx) {
  return db.selectFrom("concerns as c").leftJoin("support_persons as s", "s.id", "c.support_person_id").selectAll("c").select("s.name as person_name");
}

export type ConcernResult = { ok: true; concern: Concern } | { ok: false; reason: "not_found" } | { ok: false; reason: "conflict"; current: Concern };

/**
 * Logs a concern, from a meeting or not. The same clientKey twice records it once,
 * also when both arrive at once: the unique key stops the second insert and the
 * second try finds the first concern.
 */
export async function createConcern(db: Db, access: AuthorizedParticipant, input: ConcernInput, meta: RequestMeta): Promise<ConcernResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, concernActions(access).raise);
  if (!reason) return { ok: false, reason: "not_found" };
  return onceMoreOnUniqueViolation(() => db.transaction().execute(async (trx) => {
    if (input.clientKey) {
      const existing = await selectConcerns(trx).where("c.client_key", "=", input.clientKey).where("c.participant_id", "=", participantId).executeTakeFirst();
      if (existing) return { ok: true, concern: toConcern(existing) };
    }
    if (input.meetingId) {
      const meeting = await trx.selectFrom("meetings").select("id").where("id", "=", input.meetingId).where("participant_id", "=", participantId).executeTakeFirst();
      if (!meeting) {
        await recordRefusal(trx, actor, { action: "create:concern", entityType: "meeting", entityId: input.meetingId, participantId, reason: "not_found" }, meta);
        return { ok: false, reason: "not_found" };
      }
    }
    if (input.supportPersonId) {
      const person = await trx.selectFrom("support_persons").select("id").where("id", "=", input.supportPersonId).where("participant_id", "=", participantId).executeTakeFirst();
      if (!person) {
        await recordRefusal(trx, actor, { action: "create:concern", entityType: "support_person", entityId: input.supportPersonId, participantId, reason: "not_found" }, meta);
        return { ok: false, reason: "not_found" };
      }
    }
    const now = new Date().toISOString();
    const id = randomUUID();
    await trx.insertInto("concerns").values({
      id, participant_id: participantId, meeting_id: input.meetingId, type: input.type, description: input.description,
      raised_by: input.supportPersonId ? "support_person" : input.raisedBy, support_person_id: input.supportPersonId,
      status: "open", mitigation_plan: input.mitigationPlan, client_key: input.clientKey, discloses: JSON.stringify(input.discloses), version: 1, created_by: actor.userId, created_at: now, updated_at: now,
    }).execute();
    await recordAudit(trx, { actor, action: "concern.create", entityType: "concern", entityId: id, participantId, reason, details: { type: input.type, meetingId: input.meetingId }, meta });
    return { ok: true, concern: toConcern(await selectConcerns(trx).where("c.id", "=", id).executeTakeFirstOrThrow()) };
  }));
}

export async function updateConcern(db: Db, access: AuthorizedParticipant, concernId: string, input: ConcernUpdate, meta: RequestMeta): Promise<ConcernResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, concernActions(access).update);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const row = await selectConcerns(trx).where("c.id", "=", concernId).where("c.participant_id", "=", participantId).executeTakeFirst();
    if (!row) {
      await recordRefusal(trx, actor, { action: "update:concern", entityType: "concern", entityId: concernId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    const before = toConcern(row);
    const result = await trx.updateTable("concerns").set({
      status: input.status, mitigation_plan: input.mitigationPlan, version: input.version + 1, updated_at: new Date().toISOString(),
      ...(input.discloses ? { discloses: JSON.stringify(input.discloses) } : {}),
    })
      .where("id", "=", concernId).where("version", "=", input.version).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: before };
    await recordAudit(trx, { actor, action: "concern.update", entityType: "concern", entityId: concernId, participantId, reason, details: { status: input.status }, meta });
    return { ok: true, concern: toConcern(await selectConcerns(trx).where("c.id", "=", concernId).executeTakeFirstOrThrow()) };
  });
}

/** Concerns on the participant's record (read as part of a page that already audited its read). */
export async function listConcerns(db: Db | Trx, access: AuthorizedParticipant, meetingId?: string): Promise<Concern[]> {
  if (!concernActions(access).read) return [];
  const participantId = access.participant.id;
  let query = selectConcerns(db).where("c.participant_id", "=", participantId);
  if (meetingId) query = query.where("c.meeting_id", "=", meetingId);
  return (await query.orderBy("c.created_at").orderBy("c.id").execute()).map(toConcern);
}

/** Concerns on the participant's record, for a caller that has not read anything else: authorized and audited. */
export async function readConcerns(db: Db, access: AuthorizedParticipant, meta: RequestMeta): Promise<Concern[] | null> {
  const { actor, participant: { id: participantId } } = access;
  const reason = readAllowed(access, concernActions(access).read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const concerns = await listConcerns(trx, access);
    await recordAudit(trx, { actor, action: "meeting.read", entityType: "participant", entityId: participantId, participantId, reason, details: { concerns: concerns.length }, meta });
    return concerns;
  });
}

export interface ConcernRecord {
  participant: { id: string; firstName: string; lastName: string; preferredName: string | null };
  concerns: Concern[];
  /** The participant's current supports, who may have raised a concern. */
  people: { supportPersonId: string; name: string }[];
  canUpdate: boolean;
}

/** Every concern on the participant's record, from meetings or not, for the concerns page: authorized and audited. */
export async function getConcernRecord(db: Db, access: AuthorizedParticipant, meta: RequestMeta): Promise<ConcernRecord | null> {
  const { actor, participant: { id: participantId } } = access;
  const can = concernActions(access);
  const reason = readAllowed(access, can.read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const canUpdate = can.update;
    const concerns = await listConcerns(trx, access);
    const people = await trx.selectFrom("support_persons").select(["id", "name"])
      .where("participant_id", "=", participantId).where("ended_at", "is", null).orderBy("name").orderBy("id").execute();
    await recordAudit(trx, { actor, action: "meeting.read", entityType: "participant", entityId: participantId, participantId, reason, details: { concerns: concerns.length }, meta });
    const { id, firstName, lastName, preferredName } = access.participant;
    return { participant: { id, firstName, lastName, preferredName }, concerns, people: people.map((p) => ({ supportPersonId: p.id, name: p.name })), canUpdate };
  });
}
