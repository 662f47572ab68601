import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { recordRefusal } from "../access/access.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { ParticipantActor, RequestMeta } from "../auth/actor.ts";
import { disclosesOf } from "../consent/disclosure.ts";
import type { SupportKind } from "../network/vocabulary.ts";
import { planActions } from "../plans/policy.ts";
import { queueHelpRequested } from "../messages/outbox.server.ts";
import type { HelpRequest, HelpRequestInput, HelpRequestStatus } from "./model.ts";

/**
 * Help requests, staff side: the specialist posts a need on the plan page,
 * sees who claimed it, and can cancel one still open. Support persons see and
 * claim them on their own page (support-page.server.ts).
 */

export async function listHelpRequests(db: Db, access: AuthorizedParticipant): Promise<HelpRequest[]> {
  if (!readAllowed(access, planActions(access).read)) return [];
  const rows = await db.selectFrom("help_requests as h").leftJoin("support_persons as s", "s.id", "h.claimed_by")
    .selectAll("h").select("s.name as claimer_name")
    .where("h.participant_id", "=", access.participant.id).where("h.status", "!=", "cancelled")
    .orderBy("h.needed_on", "desc").limit(50).execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind as SupportKind, description: r.description, neededOn: r.needed_on, neededTime: r.needed_time,
    discloses: disclosesOf(r.discloses), status: r.status as HelpRequestStatus, postedAt: r.posted_at,
    claimedBy: r.claimed_by ? { id: r.claimed_by, name: r.claimer_name ?? "" } : null, claimedAt: r.claimed_at, planItemId: r.plan_item_id,
  }));
}

/**
 * Posts a need: by the specialist (an `AuthorizedParticipant` that may add to the
 * plan), or by the participant on their own page (a `ParticipantActor`, for
 * their own record only). `posted_by` is the user id or `participant:<id>`.
 */
export async function postHelpRequest(db: Db, by: AuthorizedParticipant | ParticipantActor, input: HelpRequestInput, meta: RequestMeta): Promise<{ ok: true; id: string } | { ok: false }> {
  const staff = "participant" in by;
  const reason = staff ? changeAllowed(by, planActions(by).addItem) : "own record";
  if (!reason) return { ok: false };
  const participantId = staff ? by.participant.id : by.participantId;
  const actor = staff ? by.actor : by;
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("help_requests").values({
      id, participant_id: participantId, kind: input.kind, description: input.description, needed_on: input.neededOn, needed_time: input.neededTime,
      discloses: JSON.stringify(input.discloses), status: "open", posted_by: staff ? by.actor.userId : `participant:${by.participantId}`, posted_at: new Date().toISOString(),
      claimed_by: null, claimed_at: null, plan_item_id: null, cancelled_at: null, cancelled_by: null,
    }).execute();
    await recordAudit(trx, {
      actor, action: "help_request.create", entityType: "help_request", entityId: id, participantId, reason,
      details: { kind: input.kind, neededOn: input.neededOn, discloses: input.discloses }, meta,
    });
    await queueHelpRequested(trx, participantId, id);
  });
  return { ok: true, id };
}

/** Only an open request can be cancelled; a claimed one is a plan item now, changed on the plan. */
export async function cancelHelpRequest(db: Db, access: AuthorizedParticipant, requestId: string, meta: RequestMeta): Promise<{ ok: boolean }> {
  const reason = changeAllowed(access, planActions(access).updateItem);
  if (!reason) return { ok: false };
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable("help_requests").set({ status: "cancelled", cancelled_at: new Date().toISOString(), cancelled_by: access.actor.userId })
      .where("id", "=", requestId).where("participant_id", "=", access.participant.id).where("status", "=", "open").executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      await recordRefusal(trx, access.actor, { action: "cancel:help_request", entityType: "help_request", entityId: requestId, participantId: access.participant.id, reason: "not_found" }, meta);
      return { ok: false };
    }
    await recordAudit(trx, { actor: access.actor, action: "help_request.cancel", entityType: "help_request", entityId: requestId, participantId: access.participant.id, reason, meta });
    return { ok: true };
  });
}
