import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { Actor, RequestMeta } from "../auth/actor.ts";
import { participantPermissions, type ParticipantAction } from "../participants/policy.ts";
import type { AuthorizedParticipant } from "./model.ts";

/** What a refused request tried to do, for its `access.refused` audit row. */
export interface RefusedAttempt {
  /** The action attempted, in policy words: `read:participant`, `update:plan_item`... */
  action: string;
  entityType: string;
  entityId: string | null;
  /** The participant the attempt was about, when such a participant exists. */
  participantId: string | null;
  /** Why it was refused: "not_found" (no such record), "not_permitted" (not within the actor's reach). */
  reason: "not_found" | "not_permitted";
}

/**
 * Writes the `access.refused` row. The caller still answers exactly as for a
 * record that does not exist; only the audit log tells a probe from a typo.
 */
export async function recordRefusal(trx: Trx, actor: Actor, attempt: RefusedAttempt, meta: RequestMeta): Promise<void> {
  await recordAudit(trx, {
    actor, action: "access.refused", entityType: attempt.entityType, entityId: attempt.entityId, participantId: attempt.participantId,
    reason: `refused: ${attempt.reason}`,
    details: { action: attempt.action, entityType: attempt.entityType, reason: attempt.reason }, meta,
  });
}

/**
 * The page's (or API call's) one authorization step: may the actor take this
 * action on this participant's record? Returns the authorized participant that
 * the areas' reads and commands take, or null for "not found": missing and
 * refused look the same to the caller, and both leave an `access.refused` row.
 *
 * The refusal row is committed in its own transaction, so it stays even though
 * the request goes on to answer "not found". That is why this takes the database
 * and not a transaction.
 */
export async function authorizeParticipant(db: Db, actor: Actor, participantId: string, action: ParticipantAction, meta: RequestMeta): Promise<AuthorizedParticipant | null> {
  if (db.isTransaction) throw new Error("authorizeParticipant runs before the request's transaction, so its refusal row is not rolled back");
  const row = await db
    .selectFrom("participants as p")
    .innerJoin("users as s", "s.id", "p.specialist_id")
    .select(["p.id", "p.first_name", "p.last_name", "p.preferred_name", "p.preferred_language", "p.specialist_id", "s.team_id", "s.name as specialist_name"])
    .where("p.id", "=", participantId)
    .executeTakeFirst();
  const permissions = row ? participantPermissions(actor, { specialistId: row.specialist_id, teamId: row.team_id }) : null;
  const reason = permissions?.read ? permissions[action] : null;
  if (!row || !permissions || !reason || actor.kind !== "staff") {
    await db.transaction().execute((trx) => recordRefusal(trx, actor, {
      action: `${action}:participant`, entityType: "participant", entityId: participantId,
      participantId: row ? row.id : null, reason: row ? "not_permitted" : "not_found",
    }, meta));
    return null;
  }
  return {
    actor,
    participant: {
      id: row.id, firstName: row.first_name, lastName: row.last_name, preferredName: row.preferred_name, preferredLanguage: row.preferred_language,
      specialistId: row.specialist_id, specialistName: row.specialist_name, teamId: row.team_id,
    },
    permissions,
    reason,
  };
}
