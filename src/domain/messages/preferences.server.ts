import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import type { ParticipantTable, SupportPersonTable } from "../../db/schema.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { Actor, RequestMeta, SupportPersonActor } from "../auth/actor.ts";
import type { ContactChannel } from "../network/vocabulary.ts";
import { LANGUAGES } from "../participants/vocabulary.ts";
import type { OwnRecord } from "../portal/model.ts";
import {
  channelProblem, messageChannelOfParticipant, messageChannelOfSupportPerson,
  type MessagePreferences, type ParticipantPreferencesInput, type PreferencesProblem, type SupportPersonPreferencesInput,
} from "./model.ts";
import { textableNumber } from "./phone.ts";
import { ownPreferenceActions, staffPreferenceActions, type PreferenceActions } from "./policy.ts";
import { textOptOutOf } from "./text-replies.server.ts";

/**
 * Each person's message preferences (decision 0026): read and changed by the
 * person on their own page, and by their specialist with the record. Every change
 * is audited against the person, so the specialist sees who changed what and when.
 */

export type PreferencesResult =
  | { ok: true }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; errors: { channel: PreferencesProblem } };

type Language = (typeof LANGUAGES)[number];
const languageOf = (value: string | null): Language => (LANGUAGES as readonly string[]).includes(value ?? "") ? value as Language : "en";

async function lastChangeOf(db: Db | Trx, personKind: "support_person" | "participant", id: string): Promise<MessagePreferences["lastChange"]> {
  const row = await db.selectFrom("audit_log").select(["occurred_at", "actor_id", "actor_label"])
    .where("action", "=", "message_preferences.update").where("entity_type", "=", personKind).where("entity_id", "=", id)
    .orderBy("seq", "desc").limit(1).executeTakeFirst();
  return row ? { at: row.occurred_at, bySelf: row.actor_id === `${personKind}:${id}`, by: row.actor_label } : null;
}

async function supportPreferencesOf(db: Db | Trx, row: SupportPersonTable): Promise<MessagePreferences> {
  return {
    personKind: "support_person",
    name: row.name,
    channel: messageChannelOfSupportPerson(row.preferred_channel) ?? "none",
    language: languageOf(row.preferred_language),
    remindMeetings: row.remind_meetings === 1,
    remindCommitments: row.remind_commitments === 1,
    remindSsiReport: null,
    phone: row.phone,
    email: row.email,
    textsStoppedAt: await textOptOutOf(db, row.phone),
    lastChange: await lastChangeOf(db, "support_person", row.id),
    contactChannel: row.preferred_channel as ContactChannel | null,
  };
}

async function participantPreferencesOf(db: Db | Trx, row: ParticipantTable): Promise<MessagePreferences> {
  return {
    personKind: "participant",
    name: row.preferred_name ?? row.first_name,
    channel: messageChannelOfParticipant(row.message_channel) ?? "none",
    language: languageOf(row.preferred_language),
    remindMeetings: row.remind_meetings === 1,
    remindCommitments: row.remind_commitments === 1,
    remindSsiReport: row.remind_ssi_report === 1,
    phone: row.phone,
    email: row.email,
    textsStoppedAt: await textOptOutOf(db, row.phone),
    lastChange: await lastChangeOf(db, "participant", row.id),
    contactChannel: null,
  };
}

const supportRow = (db: Db | Trx, participantId: string, supportPersonId: string) =>
  db.selectFrom("support_persons").selectAll().where("id", "=", supportPersonId).where("participant_id", "=", participantId).executeTakeFirst();
const participantRow = (db: Db | Trx, participantId: string) =>
  db.selectFrom("participants").selectAll().where("id", "=", participantId).executeTakeFirst();

/** The fields of the choices that differ, by the names the forms use. */
function changedFields(before: MessagePreferences, input: SupportPersonPreferencesInput & { remindSsiReport?: boolean }): string[] {
  const fields: string[] = [];
  if (before.channel !== input.channel) fields.push("channel");
  if (before.language !== input.language) fields.push("language");
  if (before.remindMeetings !== input.remindMeetings) fields.push("remindMeetings");
  if (before.remindCommitments !== input.remindCommitments) fields.push("remindCommitments");
  if (input.remindSsiReport !== undefined && before.remindSsiReport !== input.remindSsiReport) fields.push("remindSsiReport");
  return fields;
}

/**
 * Writes a support person's choices. Their channel is their preferred way of
 * contact: choosing none clears text or email, but keeps a call or a visit.
 */
async function writeSupportPreferences(trx: Trx, actor: Actor, reason: string, row: SupportPersonTable, input: SupportPersonPreferencesInput, meta: RequestMeta): Promise<PreferencesResult> {
  const problem = channelProblem(input.channel, { textable: textableNumber(row.phone) !== null, email: row.email });
  if (problem) return { ok: false, reason: "invalid", errors: { channel: problem } };
  const before = await supportPreferencesOf(trx, row);
  const fields = changedFields(before, input);
  if (fields.length === 0) return { ok: true };
  const preferredChannel = input.channel === "none" ? (messageChannelOfSupportPerson(row.preferred_channel) ? null : row.preferred_channel) : input.channel;
  const now = new Date().toISOString();
  await trx.updateTable("support_persons").set({
    preferred_channel: preferredChannel, preferred_language: input.language,
    remind_meetings: input.remindMeetings ? 1 : 0, remind_commitments: input.remindCommitments ? 1 : 0,
    version: row.version + 1, updated_at: now,
  }).where("id", "=", row.id).execute();
  const after = await trx.selectFrom("support_persons").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
  await trx.insertInto("support_person_versions").values({
    id: randomUUID(), support_person_id: row.id, version: after.version, change: "update", snapshot: JSON.stringify(after),
    changed_by: actor.kind === "staff" ? actor.userId : `support_person:${row.id}`, changed_at: now,
  }).execute();
  await recordAudit(trx, {
    actor, meta, reason, action: "message_preferences.update", entityType: "support_person", entityId: row.id, participantId: row.participant_id,
    details: { personKind: "support_person", fields },
  });
  return { ok: true };
}

async function writeParticipantPreferences(trx: Trx, actor: Actor, reason: string, row: ParticipantTable, input: ParticipantPreferencesInput, meta: RequestMeta): Promise<PreferencesResult> {
  const problem = channelProblem(input.channel, { textable: textableNumber(row.phone) !== null, email: row.email });
  if (problem) return { ok: false, reason: "invalid", errors: { channel: problem } };
  const before = await participantPreferencesOf(trx, row);
  const fields = changedFields(before, input);
  if (fields.length === 0) return { ok: true };
  await trx.updateTable("participants").set({
    message_channel: input.channel === "none" ? null : input.channel, preferred_language: input.language,
    remind_meetings: input.remindMeetings ? 1 : 0, remind_commitments: input.remindCommitments ? 1 : 0, remind_ssi_report: input.remindSsiReport ? 1 : 0,
    version: row.version + 1, updated_at: new Date().toISOString(),
  }).where("id", "=", row.id).execute();
  await recordAudit(trx, {
    actor, meta, reason, action: "message_preferences.update", entityType: "participant", entityId: row.id, participantId: row.id,
    details: { personKind: "participant", fields },
  });
  return { ok: true };
}

/** A support person's own choices, for their page. */
export async function supportPersonOwnPreferences(db: Db, actor: SupportPersonActor): Promise<MessagePreferences | null> {
  if (!ownPreferenceActions(actor, { kind: "support_person", id: actor.supportPersonId }).read) return null;
  const row = await supportRow(db, actor.participantId, actor.supportPersonId);
  return row ? supportPreferencesOf(db, row) : null;
}

export async function updateSupportPersonOwnPreferences(db: Db, actor: SupportPersonActor, input: SupportPersonPreferencesInput, meta: RequestMeta): Promise<PreferencesResult> {
  if (!ownPreferenceActions(actor, { kind: "support_person", id: actor.supportPersonId }).change) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const row = await supportRow(trx, actor.participantId, actor.supportPersonId);
    if (!row || row.ended_at !== null) return { ok: false, reason: "not_found" } as const;
    return writeSupportPreferences(trx, actor, "own_preferences", row, input, meta);
  });
}

/** The participant's own choices, for their page. */
export async function participantOwnPreferences(db: Db, own: OwnRecord): Promise<MessagePreferences | null> {
  if (!ownPreferenceActions(own.actor, { kind: "participant", id: own.participant.id }).read) return null;
  const row = await participantRow(db, own.participant.id);
  return row ? participantPreferencesOf(db, row) : null;
}

export async function updateParticipantOwnPreferences(db: Db, own: OwnRecord, input: ParticipantPreferencesInput, meta: RequestMeta): Promise<PreferencesResult> {
  if (!ownPreferenceActions(own.actor, { kind: "participant", id: own.participant.id }).change) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const row = await participantRow(trx, own.participant.id);
    if (!row) return { ok: false, reason: "not_found" } as const;
    return writeParticipantPreferences(trx, own.actor, "own_preferences", row, input, meta);
  });
}

/** A support person's choices as their specialist sees them, with what the specialist may do. */
export async function supportPersonPreferences(db: Db, access: AuthorizedParticipant, supportPersonId: string): Promise<{ preferences: MessagePreferences; actions: PreferenceActions } | null> {
  const row = await supportRow(db, access.participant.id, supportPersonId);
  if (!row) return null;
  const actions = staffPreferenceActions(access, { endedAt: row.ended_at });
  if (!readAllowed(access, actions.read)) return null;
  return { preferences: await supportPreferencesOf(db, row), actions };
}

export async function updateSupportPersonPreferences(db: Db, access: AuthorizedParticipant, supportPersonId: string, input: SupportPersonPreferencesInput, meta: RequestMeta): Promise<PreferencesResult> {
  return db.transaction().execute(async (trx) => {
    const row = await supportRow(trx, access.participant.id, supportPersonId);
    const reason = row ? changeAllowed(access, staffPreferenceActions(access, { endedAt: row.ended_at }).change) : null;
    if (!row || !reason) return { ok: false, reason: "not_found" } as const;
    return writeSupportPreferences(trx, access.actor, reason, row, input, meta);
  });
}

/** The participant's choices as their specialist sees them. */
export async function participantPreferences(db: Db, access: AuthorizedParticipant): Promise<{ preferences: MessagePreferences; actions: PreferenceActions } | null> {
  const actions = staffPreferenceActions(access, null);
  if (!readAllowed(access, actions.read)) return null;
  const row = await participantRow(db, access.participant.id);
  return row ? { preferences: await participantPreferencesOf(db, row), actions } : null;
}

export async function updateParticipantPreferences(db: Db, access: AuthorizedParticipant, input: ParticipantPreferencesInput, meta: RequestMeta): Promise<PreferencesResult> {
  const reason = changeAllowed(access, staffPreferenceActions(access, null).change);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const row = await participantRow(trx, access.participant.id);
    if (!row) return { ok: false, reason: "not_found" } as const;
    return writeParticipantPreferences(trx, access.actor, reason, row, input, meta);
  });
}
