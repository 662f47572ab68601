import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import type { Selectable } from "kysely";
import { localeFor, type Locale } from "../../i18n/index.ts";
import type { PlanItemTable } from "../../db/schema.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { StaffActor, RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { mayInvolve } from "../consent/check.ts";
import { disclosesOf } from "../consent/disclosure.ts";
import { loadConsentHistory } from "../consent/consent.server.ts";
import { planActions } from "./policy.ts";
import type { SupportKind } from "../network/vocabulary.ts";
import { supportPersonLocales } from "../network/language.server.ts";
import { EDITABLE_PLAN_FIELDS, type PlanItem, type PlanItemInput, type PlanItemUpdate, type PlanStatus, type Provider } from "./model.ts";
import { buildTakeHomePlan, type Audience, type TakeHomePlan } from "./take-home.ts";

function toPlanItem(row: Selectable<PlanItemTable> & { provider_name: string | null }): PlanItem {
  return {
    id: row.id,
    participantId: row.participant_id,
    kind: row.kind as SupportKind,
    description: row.description,
    provider: row.provider as Provider,
    supportPersonId: row.support_person_id,
    providerName: row.provider_name,
    frequency: row.frequency,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status as PlanStatus,
    notes: row.notes,
    sharedWithSupports: row.shared_with_supports === 1,
    reminderAt: row.reminder_at,
    discloses: disclosesOf(row.discloses),
    sourceEntryId: row.source_entry_id,
    dismissedAt: row.dismissed_at,
    dismissedReason: row.dismissed_reason,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectItems(db: Db | Trx) {
  return db.selectFrom("plan_items as i").leftJoin("support_persons as s", "s.id", "i.support_person_id").selectAll("i").select("s.name as provider_name");
}

function toColumns(input: PlanItemInput) {
  return {
    kind: input.kind,
    description: input.description,
    provider: input.provider,
    support_person_id: input.provider === "support_person" ? input.supportPersonId : null,
    frequency: input.frequency,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    status: input.status,
    notes: input.notes,
    shared_with_supports: input.sharedWithSupports ? 1 : 0,
    discloses: JSON.stringify(input.discloses),
    // The one who does it is reminded by message: the support person who helps, or the participant.
    reminder_at: input.provider === "support_person" || input.provider === "participant" ? input.reminderAt : null,
  };
}

export type PlanSaveResult =
  | { ok: true; item: PlanItem }
  | { ok: false; reason: "not_found" | "invalid_support_person" }
  | { ok: false; reason: "conflict"; current: PlanItem };

/** A support person named as provider must be on this participant's current network. */
async function supportPersonIsCurrent(trx: Trx, participantId: string, supportPersonId: string | null): Promise<boolean> {
  if (!supportPersonId) return true;
  const person = await trx.selectFrom("support_persons").select(["id", "status"]).where("id", "=", supportPersonId)
    .where("participant_id", "=", participantId).where("ended_at", "is", null).executeTakeFirst();
  return !!person && person.status !== "do_not_contact";
}

async function writeVersion(trx: Trx, item: PlanItem, fields: string[], actor: StaffActor) {
  await trx.insertInto("plan_item_versions").values({
    id: randomUUID(), plan_item_id: item.id, version: item.version, changed_fields: JSON.stringify(fields),
    snapshot: JSON.stringify(item), changed_by: actor.userId, changed_at: new Date().toISOString(),
  }).execute();
}

/**
 * Marks a plan item dismissed (or, with null, restores it) inside the caller's
 * transaction, as its meeting commitment is: a new version, so the plan history
 * shows when it was set aside and brought back.
 */
export async function setPlanItemDismissed(trx: Trx, actor: StaffActor, participantId: string, itemId: string, dismissal: { at: string; reason: string | null } | null): Promise<void> {
  const before = await selectItems(trx).where("i.id", "=", itemId).where("i.participant_id", "=", participantId).executeTakeFirst();
  if (!before) return;
  await trx.updateTable("plan_items").set({
    dismissed_at: dismissal?.at ?? null, dismissed_by: dismissal ? actor.userId : null, dismissed_reason: dismissal?.reason ?? null,
    version: Number(before.version) + 1, updated_at: new Date().toISOString(),
  }).where("id", "=", itemId).execute();
  const after = await selectItems(trx).where("i.id", "=", itemId).executeTakeFirstOrThrow();
  await writeVersion(trx, toPlanItem(after), ["dismissed"], actor);
}

/**
 * Adds a plan item, inside the caller's transaction when a meeting commitment
 * becomes one. `reason` is the permission the caller's policy check rested on.
 */
export async function insertPlanItem(trx: Trx, access: AuthorizedParticipant, input: PlanItemInput, sourceEntryId: string | null, reason: string, meta: RequestMeta): Promise<PlanItem | null> {
  const { actor, participant: { id: participantId } } = access;
  if (!(await supportPersonIsCurrent(trx, participantId, input.provider === "support_person" ? input.supportPersonId : null))) return null;
  const now = new Date().toISOString();
  const id = randomUUID();
  await trx.insertInto("plan_items").values({
    id, participant_id: participantId, ...toColumns(input), source_entry_id: sourceEntryId, version: 1, created_by: actor.userId, created_at: now, updated_at: now,
  }).execute();
  const item = toPlanItem(await selectItems(trx).where("i.id", "=", id).executeTakeFirstOrThrow());
  await writeVersion(trx, item, ["created"], actor);
  await recordAudit(trx, { actor, action: "plan_item.create", entityType: "plan_item", entityId: id, participantId, reason, details: { kind: input.kind, provider: input.provider, sourceEntryId }, meta });
  return item;
}

export async function createPlanItem(db: Db, access: AuthorizedParticipant, input: PlanItemInput, meta: RequestMeta): Promise<PlanSaveResult> {
  const reason = changeAllowed(access, planActions(access).addItem);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const item = await insertPlanItem(trx, access, input, null, reason, meta);
    return item ? { ok: true, item } : { ok: false, reason: "invalid_support_person" };
  });
}

export async function updatePlanItem(db: Db, access: AuthorizedParticipant, itemId: string, input: PlanItemUpdate, meta: RequestMeta): Promise<PlanSaveResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, planActions(access).updateItem);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const row = await selectItems(trx).where("i.id", "=", itemId).where("i.participant_id", "=", participantId).executeTakeFirst();
    if (!row) {
      await recordRefusal(trx, actor, { action: "update:plan_item", entityType: "plan_item", entityId: itemId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    const before = toPlanItem(row);
    if (before.version !== input.version) return { ok: false, reason: "conflict", current: before };
    if (!(await supportPersonIsCurrent(trx, participantId, input.provider === "support_person" ? input.supportPersonId : null))) return { ok: false, reason: "invalid_support_person" };
    const result = await trx.updateTable("plan_items").set({ ...toColumns(input), version: input.version + 1, updated_at: new Date().toISOString() })
      .where("id", "=", itemId).where("version", "=", input.version).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: before };
    const item = toPlanItem(await selectItems(trx).where("i.id", "=", itemId).executeTakeFirstOrThrow());
    const fields = EDITABLE_PLAN_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(item[f]));
    await writeVersion(trx, item, fields, actor);
    await recordAudit(trx, { actor, action: "plan_item.update", entityType: "plan_item", entityId: itemId, participantId, reason, details: { fields }, meta });
    return { ok: true, item };
  });
}

export async function listPlanItems(db: Db, access: AuthorizedParticipant, meta: RequestMeta): Promise<PlanItem[] | null> {
  const { actor, participant: { id: participantId } } = access;
  const reason = readAllowed(access, planActions(access).read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const rows = await selectItems(trx).where("i.participant_id", "=", participantId).orderBy("i.created_at").orderBy("i.id").execute();
    await recordAudit(trx, { actor, action: "plan.read", entityType: "participant", entityId: participantId, participantId, reason, meta });
    return rows.map(toPlanItem);
  });
}

export interface PlanItemVersion {
  version: number;
  changedFields: string[];
  item: PlanItem;
  changedAt: string;
  changedBy: string;
}

/**
 * Every saved version of one plan item: what changed, who changed it, when.
 * Audited when `meta` is given; a page that already audited its plan read passes none.
 */
export async function planItemHistory(db: Db, access: AuthorizedParticipant, itemId: string, meta?: RequestMeta): Promise<PlanItemVersion[] | null> {
  const reason = readAllowed(access, planActions(access).read);
  if (!reason) return null;
  const histories = await planHistories(db, access, [itemId]);
  const versions = histories.get(itemId) ?? [];
  if (meta && versions.length) {
    const { actor, participant: { id: participantId } } = access;
    await db.transaction().execute((trx) => recordAudit(trx, { actor, action: "plan.read", entityType: "plan_item", entityId: itemId, participantId, reason, details: { history: true }, meta }));
  }
  return versions;
}

/** The versions of many plan items in one query, by item: for the plan page, read within its audited plan read. */
export async function planHistories(db: Db | Trx, access: AuthorizedParticipant, itemIds: readonly string[]): Promise<Map<string, PlanItemVersion[]>> {
  const byItem = new Map<string, PlanItemVersion[]>();
  if (!planActions(access).read || itemIds.length === 0) return byItem;
  const rows = await db.selectFrom("plan_item_versions as v").innerJoin("plan_items as i", "i.id", "v.plan_item_id").innerJoin("users as u", "u.id", "v.changed_by")
    .select(["v.plan_item_id", "v.version", "v.changed_fields", "v.snapshot", "v.changed_at", "u.name as changed_by_name"])
    .where("v.plan_item_id", "in", [...itemIds]).where("i.participant_id", "=", access.participant.id).orderBy("v.plan_item_id").orderBy("v.version").execute();
  for (const r of rows) {
    const versions = byItem.get(r.plan_item_id) ?? [];
    versions.push({ version: Number(r.version), changedFields: JSON.parse(r.changed_fields) as string[], item: JSON.parse(r.snapshot) as PlanItem, changedAt: r.changed_at, changedBy: r.changed_by_name });
    byItem.set(r.plan_item_id, versions);
  }
  return byItem;
}

/** Current supports whose consent lets them receive the plan right now: the copies that may be printed. */
export async function planRecipients(db: Db | Trx, access: AuthorizedParticipant, at = new Date()): Promise<{ id: string; name: string }[]> {
  if (!planActions(access).read) return [];
  const participantId = access.participant.id;
  const people = await db.selectFrom("support_persons").select(["id", "name", "status", "ended_at"]).where("participant_id", "=", participantId)
    .where("ended_at", "is", null).orderBy("name").execute();
  const consent = await loadConsentHistory(db, access);
  return people.filter((p) => mayInvolve(consent, { id: p.id, status: p.status as never, endedAt: p.ended_at }, "receivePlan", at)).map((p) => ({ id: p.id, name: p.name }));
}

/**
 * The take-home plan for the participant, or a support person's copy, built at
 * this moment through the consent check. Audited as a read. It comes with the
 * language to write it in: its reader's.
 */
export async function getTakeHomePlan(db: Db, access: AuthorizedParticipant, audience: Audience, meta: RequestMeta, at = new Date()): Promise<{ plan: TakeHomePlan; locale: Locale } | null> {
  const { actor, participant: { id: participantId } } = access;
  const reason = readAllowed(access, planActions(access).read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const participant = await trx.selectFrom("participants as p").innerJoin("users as u", "u.id", "p.specialist_id")
      .select(["p.first_name", "p.last_name", "p.preferred_name", "p.preferred_language", "p.work_goal", "p.school_goal", "u.name as specialist_name", "u.email as specialist_email"])
      .where("p.id", "=", participantId).executeTakeFirstOrThrow();
    const items = (await selectItems(trx).where("i.participant_id", "=", participantId).orderBy("i.created_at").orderBy("i.id").execute()).map(toPlanItem);
    const people = await trx.selectFrom("support_persons").select(["id", "name", "phone", "status", "ended_at"]).where("participant_id", "=", participantId).orderBy("name").execute();
    const consent = await loadConsentHistory(trx, access);
    const plan = buildTakeHomePlan({
      participant: { firstName: participant.first_name, lastName: participant.last_name, preferredName: participant.preferred_name, workGoal: participant.work_goal, schoolGoal: participant.school_goal },
      specialist: { name: participant.specialist_name, email: participant.specialist_email },
      items,
      people: people.map((p) => ({ id: p.id, name: p.name, phone: p.phone, status: p.status as never, endedAt: p.ended_at })),
      consent,
      at,
    }, audience);
    await recordAudit(trx, {
      actor, action: "plan.read", entityType: "participant", entityId: participantId, participantId, reason,
      details: {
        takeHome: audience.kind === "participant" ? "participant" : `support:${audience.supportPersonId}`, allowed: plan.allowed,
        // Who read what: the participant's "who has seen what" reads this.
        disclosure: audience.kind === "participant"
          ? { readerKind: "participant", readerId: participantId, categories: plan.discloses }
          : { readerKind: "support_person", readerId: audience.supportPersonId, categories: plan.discloses },
      }, meta,
    });
    const locale = audience.kind === "participant" ? localeFor(participant.preferred_language) : (await supportPersonLocales(trx, access, [audience.supportPersonId]))(audience.supportPersonId);
    return { plan, locale };
  });
}
