import type { Db } from "../../db/index.ts";
import type { Actor, RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import type { OwnRecord } from "./model.ts";
import { ownRecordActions } from "./policy.ts";

/**
 * The participant's own pages' one authorization step. The record is the signed-in
 * participant's: no page of theirs takes a participant id from the address, so
 * there is nobody else's to ask for. Anyone else (staff, a support person) is
 * refused like a missing record, and the refusal is audited.
 */
export async function authorizeOwnRecord(db: Db, actor: Actor, meta: RequestMeta): Promise<OwnRecord | null> {
  if (db.isTransaction) throw new Error("authorizeOwnRecord runs before the request's transaction, so its refusal row is not rolled back");
  const participantId = actor.kind === "participant" ? actor.participantId : null;
  const row = participantId === null ? undefined : await db
    .selectFrom("participants as p")
    .innerJoin("users as s", "s.id", "p.specialist_id")
    .select(["p.id", "p.first_name", "p.preferred_name", "p.preferred_language", "p.status", "s.name as specialist_name", "s.email as specialist_email"])
    .where("p.id", "=", participantId)
    .executeTakeFirst();
  if (actor.kind !== "participant" || !row || !ownRecordActions(actor, { id: row.id, active: row.status === "active" }).read) {
    await db.transaction().execute((trx) => recordRefusal(trx, actor, {
      action: "read:own_record", entityType: "participant", entityId: participantId, participantId: row ? row.id : null, reason: row ? "not_permitted" : "not_found",
    }, meta));
    return null;
  }
  return {
    actor,
    participant: {
      id: row.id, firstName: row.first_name, preferredName: row.preferred_name, preferredLanguage: row.preferred_language,
      active: row.status === "active", specialistName: row.specialist_name, specialistEmail: row.specialist_email,
    },
  };
}
