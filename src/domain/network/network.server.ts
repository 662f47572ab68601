import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import type { Selectable } from "kysely";
import type { SupportPersonTable } from "../../db/schema.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import { cancelQueuedMessages } from "../messages/outbox.server.ts";
import type { StaffActor, RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { holdsConsent, type ConsentHistory } from "../consent/check.ts";
import { loadConsentHistory } from "../consent/consent.server.ts";
import { networkActions, supportPersonActions } from "./policy.ts";
import type { EcomapInput } from "./ecomap-model.ts";
import type { SupportPerson, SupportPersonInput, SupportPersonUpdate } from "./model.ts";
import type { Closeness, ContactChannel, RelationshipKind, RelationshipStatus, SupportKind } from "./vocabulary.ts";

export function toSupportPerson(row: Selectable<SupportPersonTable>): SupportPerson {
  return {
    id: row.id,
    participantId: row.participant_id,
    name: row.name,
    relationshipKind: row.relationship_kind as RelationshipKind,
    relationshipOther: row.relationship_other,
    organization: row.organization,
    closeness: row.closeness as Closeness,
    status: row.status as RelationshipStatus,
    phone: row.phone,
    email: row.email,
    preferredChannel: row.preferred_channel as ContactChannel | null,
    helpKinds: JSON.parse(row.help_kinds) as SupportKind[],
    helpOther: row.help_other ?? null,
    notes: row.notes,
    firstCall: row.first_call === 1,
    discoveredFrom: row.discovered_from,
    endedAt: row.ended_at,
    endedReason: row.ended_reason,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const EDITABLE = [
  "name", "relationshipKind", "relationshipOther", "organization", "closeness", "status", "phone", "email", "preferredChannel", "helpKinds", "helpOther", "notes", "firstCall",
] as const satisfies readonly (keyof SupportPersonInput & keyof SupportPerson)[];

function toColumns(input: SupportPersonInput) {
  return {
    name: input.name,
    relationship_kind: input.relationshipKind,
    relationship_other: input.relationshipKind === "other" ? input.relationshipOther : null,
    organization: input.organization,
    closeness: input.closeness,
    status: input.status,
    phone: input.phone,
    email: input.email,
    preferred_channel: input.preferredChannel,
    help_kinds: JSON.stringify(input.helpKinds),
    help_other: input.helpOther,
    notes: input.notes,
    first_call: input.firstCall ? 1 : 0,
    discovered_from: input.discoveredFrom,
  };
}

async function snapshot(trx: Trx, person: SupportPerson, change: "create" | "update" | "end", actor: StaffActor) {
  await trx.insertInto("support_person_versions").values({
    id: randomUUID(), support_person_id: person.id, version: person.version, change,
    snapshot: JSON.stringify(person), changed_by: actor.userId, changed_at: new Date().toISOString(),
  }).execute();
}

/** Only one person is "the first I'll call when I get a job". */
async function clearOtherFirstCall(trx: Trx, participantId: string, keepId: string, now: string) {
  await trx.updateTable("support_persons")
    .set((eb) => ({ first_call: 0, version: eb("version", "+", 1), updated_at: now }))
    .where("participant_id", "=", participantId).where("id", "!=", keepId).where("first_call", "=", 1)
    .execute();
}

export interface NetworkView {
  participant: { id: string; firstName: string; lastName: string; preferredName: string | null; preferredLanguage: string; specialistName: string };
  current: SupportPerson[];
  ended: SupportPerson[];
  consent: ConsentHistory;
  /** Who holds an active consent right now (the consent mark). */
  withConsent: string[];
  can: { update: boolean };
}

/** The participant's network with its consent history, read and audited in one go. */
export async function getNetwork(db: Db, access: AuthorizedParticipant, meta: RequestMeta, at = new Date()): Promise<NetworkView | null> {
  const { actor, participant: { id: participantId } } = access;
  const can = networkActions(access);
  const reason = readAllowed(access, can.read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("support_persons").selectAll().where("participant_id", "=", participantId).orderBy("name").orderBy("id").execute();
    const people = rows.map(toSupportPerson);
    const consent = await loadConsentHistory(trx, access);
    await recordAudit(trx, { actor, action: "network.read", entityType: "participant", entityId: participantId, participantId, reason, meta });
    const current = people.filter((p) => !p.endedAt);
    return {
      participant: access.participant,
      current,
      ended: people.filter((p) => p.endedAt),
      consent,
      withConsent: current.filter((p) => holdsConsent(consent, p, at)).map((p) => p.id),
      can: { update: can.addSupport },
    };
  });
}

export function ecomapInputOf(view: NetworkView, relationshipLabel: (p: SupportPerson) => string): EcomapInput {
  const name = view.participant.preferredName ?? view.participant.firstName;
  return {
    participantName: name,
    people: view.current.map((p) => ({
      id: p.id, name: p.name, relationshipKind: p.relationshipKind, relationshipLabel: relationshipLabel(p),
      closeness: p.closeness, status: p.status, hasConsent: view.withConsent.includes(p.id), firstCall: p.firstCall,
    })),
  };
}

export type SupportSaveResult =
  | { ok: true; person: SupportPerson }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "conflict"; current: SupportPerson };

export async function createSupportPerson(db: Db, access: AuthorizedParticipant, input: SupportPersonInput, meta: RequestMeta): Promise<SupportSaveResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, networkActions(access).addSupport);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => ({ ok: true, person: await insertSupportPerson(trx, actor, participantId, input, reason, meta) }));
}

/**
 * Writes a new support person inside the caller's transaction, with its history
 * snapshot and audit row; the caller has checked the actor may add to this network.
 * The page, the API and the caseload import all use it.
 */
export async function insertSupportPerson(trx: Trx, actor: StaffActor, participantId: string, input: SupportPersonInput, reason: string, meta: RequestMeta): Promise<SupportPerson> {
  const now = new Date().toISOString();
  const id = randomUUID();
  await trx.insertInto("support_persons").values({
    id, participant_id: participantId, ...toColumns(input), ended_at: null, ended_reason: null, version: 1,
    preferred_language: null, remind_meetings: 1, remind_commitments: 1,
    created_by: actor.userId, created_at: now, updated_at: now,
  }).execute();
  if (input.firstCall) await clearOtherFirstCall(trx, participantId, id, now);
  const person = toSupportPerson(await trx.selectFrom("support_persons").selectAll().where("id", "=", id).executeTakeFirstOrThrow());
  await snapshot(trx, person, "create", actor);
  await recordAudit(trx, {
    actor, action: "support_person.create", entityType: "support_person", entityId: id, participantId, reason,
    details: { discoveredFrom: input.discoveredFrom, status: input.status }, meta,
  });
  return person;
}

async function loadPerson(trx: Trx, participantId: string, personId: string) {
  const row = await trx.selectFrom("support_persons").selectAll().where("id", "=", personId).where("participant_id", "=", participantId).executeTakeFirst();
  return row ? toSupportPerson(row) : null;
}

export async function updateSupportPerson(db: Db, access: AuthorizedParticipant, personId: string, input: SupportPersonUpdate, meta: RequestMeta): Promise<SupportSaveResult> {
  const { actor, participant: { id: participantId } } = access;
  if (!networkActions(access).read) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const before = await loadPerson(trx, participantId, personId);
    if (!before) {
      await recordRefusal(trx, actor, { action: "update:support_person", entityType: "support_person", entityId: personId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    // Someone taken off the network in the meantime is a conflict to show, not a refusal.
    const reason = before.endedAt ? null : changeAllowed(access, supportPersonActions(access, before).update);
    if (!before.endedAt && !reason) return { ok: false, reason: "not_found" };
    if (!reason || before.version !== input.version) return { ok: false, reason: "conflict", current: before };
    const now = new Date().toISOString();
    const result = await trx.updateTable("support_persons")
      // Where a person came from (the discovery prompt) is history, not an editable field.
      .set({ ...toColumns(input), discovered_from: before.discoveredFrom, version: input.version + 1, updated_at: now })
      .where("id", "=", personId).where("version", "=", input.version).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: before };
    if (input.firstCall) await clearOtherFirstCall(trx, participantId, personId, now);
    const person = (await loadPerson(trx, participantId, personId))!;
    await snapshot(trx, person, "update", actor);
    const fields = EDITABLE.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input[k]));
    await recordAudit(trx, {
      actor, action: "support_person.update", entityType: "support_person", entityId: personId, participantId, reason,
      details: { fields, status: person.status }, meta,
    });
    return { ok: true, person };
  });
}

/**
 * Changes a support person inside the caller's transaction over the version the
 * caller read (false when someone changed them since), with the history snapshot
 * and audit row. The caseload import uses it for the contact details a file gives.
 */
export async function reviseSupportPerson(
  trx: Trx, actor: StaffActor, before: SupportPerson, input: SupportPersonInput, fields: string[], reason: string, meta: RequestMeta,
): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await trx.updateTable("support_persons")
    .set({ ...toColumns(input), discovered_from: before.discoveredFrom, version: before.version + 1, updated_at: now })
    .where("id", "=", before.id).where("version", "=", before.version).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  const person = (await loadPerson(trx, before.participantId, before.id))!;
  await snapshot(trx, person, "update", actor);
  await recordAudit(trx, {
    actor, action: "support_person.update", entityType: "support_person", entityId: before.id, participantId: before.participantId, reason,
    details: { fields, status: person.status }, meta,
  });
  return true;
}

/** Ending takes a person off the current network; the record stays in history. */
export async function endSupportPerson(db: Db, access: AuthorizedParticipant, personId: string, version: number, reason: string | null, meta: RequestMeta): Promise<SupportSaveResult> {
  const { actor, participant: { id: participantId } } = access;
  if (!networkActions(access).read) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const before = await loadPerson(trx, participantId, personId);
    if (!before) {
      await recordRefusal(trx, actor, { action: "end:support_person", entityType: "support_person", entityId: personId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    const permission = before.endedAt ? null : changeAllowed(access, supportPersonActions(access, before).end);
    if (!before.endedAt && !permission) return { ok: false, reason: "not_found" };
    if (!permission || before.version !== version) return { ok: false, reason: "conflict", current: before };
    const now = new Date().toISOString();
    const result = await trx.updateTable("support_persons")
      .set({ ended_at: now, ended_reason: reason, first_call: 0, version: version + 1, updated_at: now })
      .where("id", "=", personId).where("version", "=", version).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: before };
    const person = (await loadPerson(trx, participantId, personId))!;
    await snapshot(trx, person, "end", actor);
    await recordAudit(trx, { actor, action: "support_person.end", entityType: "support_person", entityId: personId, participantId, reason: permission, meta });
    // Someone no longer in the network is sent nothing more, even what was queued before.
    await cancelQueuedMessages(trx, { supportPersonId: personId });
    return { ok: true, person };
  });
}

export async function supportPersonHistory(db: Db, access: AuthorizedParticipant, personId: string) {
  if (!networkActions(access).read) return null;
  const participantId = access.participant.id;
  // Joined to the person so a person id from another participant's network gives nothing.
  const rows = await db.selectFrom("support_person_versions as v").innerJoin("users as u", "u.id", "v.changed_by")
    .innerJoin("support_persons as sp", "sp.id", "v.support_person_id")
    .select(["v.version", "v.change", "v.snapshot", "v.changed_at", "u.name as changed_by_name"])
    .where("v.support_person_id", "=", personId).where("sp.participant_id", "=", participantId).orderBy("v.version").execute();
  return rows.map((r) => ({ version: Number(r.version), change: r.change, person: JSON.parse(r.snapshot) as SupportPerson, changedAt: r.changed_at, changedBy: r.changed_by_name }));
}
