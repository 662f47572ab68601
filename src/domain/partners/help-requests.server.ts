import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { Db } from "../../db/index.ts";
import type { HelpRequestTable } from "../../db/schema.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { recordRefusal } from "../access/access.server.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { ParticipantActor, RequestMeta, StaffActor } from "../auth/actor.ts";
import { disclosesOf } from "../consent/disclosure.ts";
import type { SupportKind } from "../network/vocabulary.ts";
import { planActions } from "../plans/policy.ts";
import type { OwnRecord } from "../portal/model.ts";
import { recordOwnRead } from "../portal/own-record.server.ts";
import { ownRecordActions } from "../portal/policy.ts";
import type { HelpRequest, HelpRequestInput, HelpRequestStatus } from "./model.ts";
import { helpRequestActions } from "./policy.ts";

/**
 * Help requests from the specialist's side (the plan page, the API) and the
 * participant's (their own page): post a need, see who claimed it, take back one
 * nobody claimed yet, mark a claimed one done, and read the history. Support
 * persons see and claim them on their own page (support-page.server.ts), through
 * their consent and their kinds of help.
 */

interface Holder {
  participantId: string;
  actor: StaffActor | ParticipantActor;
  /** How `posted_by`, `cancelled_by` and `done_by` name them: a user id or `participant:<id>`. */
  label: string;
  /** The reason the audit row gives, or null when they may not. */
  post: string | null;
  change: string | null;
}

/** Whoever changes help requests here: staff through the participant's authorization, or the participant through their own record. */
function holderOf(by: AuthorizedParticipant | OwnRecord): Holder {
  if (by.actor.kind === "staff") {
    const access = by as AuthorizedParticipant;
    const can = planActions(access);
    return { participantId: access.participant.id, actor: access.actor, label: access.actor.userId, post: changeAllowed(access, can.addItem), change: changeAllowed(access, can.updateItem) };
  }
  const own = by as OwnRecord;
  const may = ownRecordActions(own.actor, own.participant).askForHelp ? "own record" : null;
  return { participantId: own.participant.id, actor: own.actor, label: `participant:${own.participant.id}`, post: may, change: may };
}

type Row = Selectable<HelpRequestTable> & { claimer_name: string | null };

function toHelpRequest(r: Row, mayChange: boolean): HelpRequest {
  const status = r.status as HelpRequestStatus;
  return {
    id: r.id, kind: r.kind as SupportKind, description: r.description, neededOn: r.needed_on, neededTime: r.needed_time,
    discloses: disclosesOf(r.discloses), status, postedAt: r.posted_at,
    claimedBy: r.claimed_by ? { id: r.claimed_by, name: r.claimer_name ?? "" } : null, claimedAt: r.claimed_at, planItemId: r.plan_item_id,
    doneAt: r.done_at ?? null, cancelledAt: r.cancelled_at, can: helpRequestActions(mayChange, { status }),
  };
}

/** Every request of the participant, the ones still to do first (by the day needed), then the history, newest first. */
async function requestsOf(db: Db | Trx, participantId: string, mayChange: boolean): Promise<HelpRequest[]> {
  const rows = await db.selectFrom("help_requests as h").leftJoin("support_persons as s", "s.id", "h.claimed_by")
    .selectAll("h").select("s.name as claimer_name")
    .where("h.participant_id", "=", participantId).orderBy("h.needed_on", "desc").orderBy("h.posted_at", "desc").limit(200).execute();
  const requests = rows.map((r) => toHelpRequest(r, mayChange));
  const current = requests.filter((r) => r.status === "open" || r.status === "claimed").reverse();
  return [...current, ...requests.filter((r) => r.status === "done" || r.status === "cancelled")];
}

/** For the plan page, which audits its own reading as `plan.read`. */
export async function listHelpRequests(db: Db, access: AuthorizedParticipant): Promise<HelpRequest[]> {
  if (!readAllowed(access, planActions(access).read)) return [];
  return requestsOf(db, access.participant.id, changeAllowed(access, planActions(access).updateItem) !== null);
}

/** For the API: the same list, audited as `help_request.read`. Null when the actor may not read the plan. */
export async function readHelpRequests(db: Db, access: AuthorizedParticipant, meta: RequestMeta): Promise<HelpRequest[] | null> {
  const reason = readAllowed(access, planActions(access).read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const requests = await requestsOf(trx, access.participant.id, changeAllowed(access, planActions(access).updateItem) !== null);
    await recordAudit(trx, { actor: access.actor, action: "help_request.read", entityType: "participant", entityId: access.participant.id, participantId: access.participant.id, reason, meta });
    return requests;
  });
}

/** The participant's own: every request they or the specialist posted, with who claimed it. Audited as their reading of their own record. */
export async function listMyHelpRequests(db: Db, own: OwnRecord, meta: RequestMeta): Promise<HelpRequest[] | null> {
  if (!ownRecordActions(own.actor, own.participant).read) return null;
  return db.transaction().execute(async (trx) => {
    const requests = await requestsOf(trx, own.participant.id, holderOf(own).change !== null);
    await recordOwnRead(trx, own, "help", meta);
    return requests;
  });
}

/**
 * Posts a need: by the specialist (who may add to the plan), or by the participant
 * on their own page. Nobody is told by message here: supports whose consent and
 * kinds of help fit see it on their page.
 */
export async function postHelpRequest(db: Db, by: AuthorizedParticipant | OwnRecord, input: HelpRequestInput, meta: RequestMeta): Promise<{ ok: true; id: string } | { ok: false }> {
  const holder = holderOf(by);
  if (!holder.post) return { ok: false };
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("help_requests").values({
      id, participant_id: holder.participantId, kind: input.kind, description: input.description, needed_on: input.neededOn, needed_time: input.neededTime,
      discloses: JSON.stringify(input.discloses), status: "open", posted_by: holder.label, posted_at: new Date().toISOString(),
      claimed_by: null, claimed_at: null, plan_item_id: null, cancelled_at: null, cancelled_by: null,
    }).execute();
    await recordAudit(trx, {
      actor: holder.actor, action: "help_request.create", entityType: "help_request", entityId: id, participantId: holder.participantId, reason: holder.post!,
      details: { kind: input.kind, neededOn: input.neededOn, discloses: input.discloses }, meta,
    });
  });
  return { ok: true, id };
}

type ChangeResult = { ok: true } | { ok: false; reason: "not_found" | "not_changeable" };

/** One request of this participant that the holder may change, or a refusal (audited) that looks like a missing record. */
async function changeable(trx: Trx, holder: Holder, requestId: string, action: string, meta: RequestMeta) {
  const row = holder.change === null ? undefined
    : await trx.selectFrom("help_requests").selectAll().where("id", "=", requestId).where("participant_id", "=", holder.participantId).executeTakeFirst();
  if (!row) {
    await recordRefusal(trx, holder.actor, { action, entityType: "help_request", entityId: requestId, participantId: holder.participantId, reason: "not_found" }, meta);
    return null;
  }
  return { row, can: helpRequestActions(true, { status: row.status as HelpRequestStatus }) };
}

/** Takes back a request nobody claimed yet. A claimed one is a plan item with someone now: it is marked done, or changed on the plan. */
export async function withdrawHelpRequest(db: Db, by: AuthorizedParticipant | OwnRecord, requestId: string, meta: RequestMeta, at = new Date()): Promise<ChangeResult> {
  const holder = holderOf(by);
  return db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const found = await changeable(trx, holder, requestId, "cancel:help_request", meta);
    if (!found) return { ok: false, reason: "not_found" };
    if (!found.can.withdraw) return { ok: false, reason: "not_changeable" };
    const result = await trx.updateTable("help_requests").set({ status: "cancelled", cancelled_at: at.toISOString(), cancelled_by: holder.label })
      .where("id", "=", requestId).where("status", "=", "open").executeTakeFirst();
    // Claimed between the read and the write: the claim stands.
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "not_changeable" };
    await recordAudit(trx, { actor: holder.actor, action: "help_request.cancel", entityType: "help_request", entityId: requestId, participantId: holder.participantId, reason: holder.change!, meta });
    return { ok: true };
  });
}

/**
 * The help was given: the request goes to the history, and the plan item the
 * claim made is done too, so it leaves the helper's page (a new version of the
 * item records who said so).
 */
export async function markHelpRequestDone(db: Db, by: AuthorizedParticipant | OwnRecord, requestId: string, meta: RequestMeta, at = new Date()): Promise<ChangeResult> {
  const holder = holderOf(by);
  return db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const found = await changeable(trx, holder, requestId, "done:help_request", meta);
    if (!found) return { ok: false, reason: "not_found" };
    if (!found.can.markDone) return { ok: false, reason: "not_changeable" };
    const now = at.toISOString();
    const result = await trx.updateTable("help_requests").set({ status: "done", done_at: now, done_by: holder.label })
      .where("id", "=", requestId).where("status", "=", "claimed").executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "not_changeable" };
    const itemId = found.row.plan_item_id;
    const item = itemId ? await trx.selectFrom("plan_items").selectAll().where("id", "=", itemId).executeTakeFirst() : undefined;
    if (item && item.status !== "done") {
      await trx.updateTable("plan_items").set({ status: "done", version: item.version + 1, updated_at: now }).where("id", "=", item.id).execute();
      const after = await trx.selectFrom("plan_items").selectAll().where("id", "=", item.id).executeTakeFirstOrThrow();
      await trx.insertInto("plan_item_versions").values({
        id: randomUUID(), plan_item_id: item.id, version: after.version, changed_fields: JSON.stringify(["status"]), snapshot: JSON.stringify(after), changed_by: holder.label, changed_at: now,
      }).execute();
    }
    await recordAudit(trx, {
      actor: holder.actor, action: "help_request.done", entityType: "help_request", entityId: requestId, participantId: holder.participantId, reason: holder.change!,
      details: { planItemId: item ? item.id : null }, meta,
    });
    return { ok: true };
  });
}
