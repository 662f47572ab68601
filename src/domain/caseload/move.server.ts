import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import { recordRefusal } from "../access/access.server.ts";
import type { Actor, RequestMeta } from "../auth/actor.ts";
import type { CaseloadMove, MoveResult, SpecialistPlace } from "./model.ts";
import { caseloadMovePermission, mayReceiveCaseload } from "./policy.ts";

async function placeOf(db: Db | Trx, userId: string): Promise<(SpecialistPlace & { name: string }) | null> {
  const row = await db.selectFrom("users").select(["id", "name", "team_id", "role", "active"]).where("id", "=", userId).executeTakeFirst();
  return row ? { id: row.id, name: row.name, teamId: row.team_id, role: row.role, active: Number(row.active) === 1 } : null;
}

/** What the move page shows: the specialist leaving, their participants, and who may receive them. */
export interface CaseloadToMove {
  from: { id: string; name: string; active: boolean };
  participants: { id: string; firstName: string; lastName: string; preferredName: string | null; status: "active" | "archived" }[];
  receivers: { id: string; name: string }[];
}

/**
 * The caseload the actor may move off this specialist, or null (missing, or not
 * the actor's to move: both answer "not found", and the refusal is audited).
 * Reading it lists names only, like the caseload list, and is audited the same way.
 */
export async function caseloadToMove(db: Db, actor: Actor, fromId: string, meta: RequestMeta): Promise<CaseloadToMove | null> {
  return db.transaction().execute(async (trx) => {
    const from = await placeOf(trx, fromId);
    const permission = from ? caseloadMovePermission(actor, from) : null;
    if (!from || !permission) {
      await recordRefusal(trx, actor, { action: "move:caseload", entityType: "user", entityId: fromId, participantId: null, reason: from ? "not_permitted" : "not_found" }, meta);
      return null;
    }
    const rows = await trx.selectFrom("participants").select(["id", "first_name", "last_name", "preferred_name", "status"])
      .where("specialist_id", "=", fromId).orderBy("last_name").orderBy("first_name").orderBy("id").execute();
    const users = await trx.selectFrom("users").select(["id", "name", "team_id", "role", "active"]).where("role", "=", "specialist").where("active", "=", 1).orderBy("name").execute();
    await recordAudit(trx, {
      actor, action: "participant.list", entityType: "participant", reason: permission,
      details: { search: "no", status: "active", page: 1, shown: rows.map((r) => r.id) }, meta,
    });
    return {
      from: { id: from.id, name: from.name, active: from.active },
      participants: rows.map((r) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name, preferredName: r.preferred_name, status: r.status === "archived" ? "archived" : "active" })),
      receivers: users.filter((u) => mayReceiveCaseload(actor, from, { id: u.id, teamId: u.team_id, role: u.role, active: true })).map((u) => ({ id: u.id, name: u.name })),
    };
  });
}

/**
 * Moves participants from one specialist to another in one transaction: each
 * participant's specialist, and the messages still waiting to reach the specialist
 * leaving about them (they now go to the one taking over). What follows the
 * specialist by itself is left as it is: the reply-to address and sender name of
 * messages to the participant and their supports, a meeting's organizer in its
 * invitations and calendar files, the contact shown behind personal links, and the
 * reminders, are all read from the participant's specialist when used. Personal
 * links stay valid. One `participant.move` audit row per participant.
 */
export async function moveCaseload(db: Db, actor: Actor, fromId: string, move: CaseloadMove, meta: RequestMeta, now = new Date()): Promise<MoveResult> {
  return db.transaction().execute(async (trx) => {
    const from = await placeOf(trx, fromId);
    const permission = from ? caseloadMovePermission(actor, from) : null;
    if (!from || !permission) {
      await recordRefusal(trx, actor, { action: "move:caseload", entityType: "user", entityId: fromId, participantId: null, reason: from ? "not_permitted" : "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    const to = await placeOf(trx, move.toSpecialistId);
    if (!to || !mayReceiveCaseload(actor, from, to)) return { ok: false, reason: "invalid_target" };

    let query = trx.selectFrom("participants").select(["id", "version"]).where("specialist_id", "=", from.id);
    if (move.which === "chosen") query = query.where("id", "in", move.participantIds);
    const rows = await query.orderBy("id").execute();
    // A chosen participant no longer (or never) on this caseload: nothing moves, so the person sees the list again.
    if (rows.length === 0 || (move.which === "chosen" && rows.length !== new Set(move.participantIds).size)) return { ok: false, reason: "nothing_to_move" };

    const at = now.toISOString();
    let messagesReaddressed = 0;
    for (const row of rows) {
      await trx.updateTable("participants").set({ specialist_id: to.id, version: Number(row.version) + 1, updated_at: at }).where("id", "=", row.id).execute();
      const readdressed = await trx.updateTable("outbox_messages").set({ reader_id: to.id })
        .where("participant_id", "=", row.id).where("reader_kind", "=", "staff").where("reader_id", "=", from.id).where("status", "=", "queued")
        .executeTakeFirst();
      const count = Number(readdressed.numUpdatedRows);
      messagesReaddressed += count;
      await recordAudit(trx, {
        actor, action: "participant.move", entityType: "participant", entityId: row.id, participantId: row.id, reason: permission,
        details: { fromSpecialistId: from.id, toSpecialistId: to.id, messagesReaddressed: count }, meta,
      });
    }
    return { ok: true, moved: rows.map((r) => r.id), messagesReaddressed };
  });
}

/** How many participants the actor could move off this specialist, or null when the move is not theirs to make. No names, no audit row. */
export async function movableCaseloadSize(db: Db, actor: Actor, specialistId: string): Promise<number | null> {
  const from = await placeOf(db, specialistId);
  if (!from || !caseloadMovePermission(actor, from)) return null;
  const { n } = await db.selectFrom("participants").select((eb) => eb.fn.countAll<number>().as("n")).where("specialist_id", "=", specialistId).executeTakeFirstOrThrow();
  return Number(n);
}
