import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { onceMoreOnUniqueViolation } from "../../db/unique-violation.ts";
import type { MeetingTable } from "../../db/schema.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { loadConsentHistory } from "../consent/consent.server.ts";
import { mayInvolve, type ConsentHistory, type PersonFacts } from "../consent/check.ts";
import { disclosesOf, mayDisclose, type DisclosurePiece, type Reader } from "../consent/disclosure.ts";
import { listConcerns } from "../concerns/concerns.server.ts";
import { meetingMinutes } from "./minutes.ts";
import { CONSENT_CATEGORIES, type ConsentCategory } from "../consent/model.ts";
import { meetingActions, meetingsActions } from "./policy.ts";
import { insertPlanItem, setPlanItemDismissed } from "../plans/plans.server.ts";
import type { PlanItem, PlanItemInput } from "../plans/model.ts";
import type { RelationshipKind } from "../network/vocabulary.ts";
import { invitablePeople, invitationsToSend, type InvitationSender } from "./invitations.ts";
import { getProgramSettings } from "../program/program.server.ts";
import { wallClockAt } from "../program/time-zone.ts";
import { supportPersonLocales } from "../network/language.server.ts";
import { queueMeetingMessages, queueMeetingRemarked } from "../messages/outbox.server.ts";
import {
  INVITATION_FIELDS, MEETING_STEPS, defaultMeetingDisclosure, mayBeHeld, schedulingProblem, type CommitmentDismissInput, type MeetingUpdateInput, type InviteResponse, type Meeting, type MeetingDisclosureInput, type MeetingEntryInput, type MeetingInput, type MeetingKind,
} from "./model.ts";

/**
 * The people this participant's meeting may invite right now, by the consent check.
 * Given the meeting (what it discloses), only those who may be shown it at a meeting;
 * while planning, before its categories are chosen, those who may attend meetings at
 * all, each with the categories they may be shown at one.
 */
export async function invitableSupports(db: Db | Trx, access: AuthorizedParticipant, meeting: DisclosurePiece | null = null, at = new Date()) {
  if (!meetingsActions(access).read) return { invitable: [], notInvitable: [] };
  const participantId = access.participant.id;
  const people = await db.selectFrom("support_persons").select(["id", "name", "status", "ended_at", "relationship_kind", "relationship_other", "organization"])
    .where("participant_id", "=", participantId).where("ended_at", "is", null).orderBy("name").execute();
  const consent = await loadConsentHistory(db, access);
  const facts = people.map((p) => ({ id: p.id, name: p.name, status: p.status as never, endedAt: p.ended_at, relationshipKind: p.relationship_kind as RelationshipKind,
    relationshipOther: p.relationship_other, organization: p.organization }));
  const invitable = invitablePeople(facts, consent, meeting, at).map((p) => ({ ...p, categories: meetingCategoriesFor(consent, p, at) }));
  const notInvitable = facts.filter((p) => !invitable.some((i) => i.id === p.id)).map((p) => ({
    ...p,
    reason: p.status === "do_not_contact" ? ("do_not_contact" as const)
      : meeting && invitablePeople([p], consent, null, at).length ? (meeting.categories.length ? ("not_covered" as const) : ("unreviewed" as const))
      : ("no_meeting_consent" as const),
  }));
  return { invitable, notInvitable };
}

/** The categories a person may be shown at a meeting now, one by one. */
function meetingCategoriesFor(consent: ConsentHistory, person: PersonFacts, at: Date): ConsentCategory[] {
  return CONSENT_CATEGORIES.filter((category) => mayDisclose(consent, { kind: "support_person", person }, { categories: [category] }, "attendMeetings", at));
}

/** Is this person still allowed to be involved in meetings at this moment? */
async function mayAttend(db: Db | Trx, access: AuthorizedParticipant, supportPersonId: string, at: Date): Promise<boolean> {
  const participantId = access.participant.id;
  const person = await db.selectFrom("support_persons").select(["id", "status", "ended_at"]).where("id", "=", supportPersonId)
    .where("participant_id", "=", participantId).executeTakeFirst();
  if (!person) return false;
  const consent = await loadConsentHistory(db, access);
  return mayInvolve(consent, { id: person.id, status: person.status as never, endedAt: person.ended_at }, "attendMeetings", at);
}

/**
 * The participant's meeting for a read or a change, or null: a meeting id that is not
 * this participant's is "not found", and the attempt leaves an `access.refused` row.
 */
async function findMeeting(trx: Trx, access: AuthorizedParticipant, meetingId: string, intent: "read" | "update", meta: RequestMeta): Promise<Meeting | null> {
  const participantId = access.participant.id;
  const meeting = await loadMeeting(trx, participantId, meetingId);
  if (!meeting) await recordRefusal(trx, access.actor, { action: `${intent}:meeting`, entityType: "meeting", entityId: meetingId, participantId, reason: "not_found" }, meta);
  return meeting;
}

/** The same consent categories, in whatever order they were ticked: the one test of whether a meeting's marking changed. */
function sameCategories(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((category) => b.includes(category));
}

/** Why a planned meeting's details cannot be changed from the version the editor started from, or null when they can. */
function notPlannedOrStale(meeting: Meeting, version: number) {
  if (meeting.version !== version) return { ok: false, reason: "conflict", current: meeting } as const;
  if (meeting.status !== "planned") return { ok: false, reason: "not_changeable", status: meeting.status } as const;
  return null;
}

async function loadMeeting(db: Db | Trx, participantId: string, meetingId: string): Promise<Meeting | null> {
  const row = await db.selectFrom("meetings").selectAll().where("id", "=", meetingId).where("participant_id", "=", participantId).executeTakeFirst();
  if (!row) return null;
  const invitees = await db.selectFrom("meeting_invitees as i").innerJoin("support_persons as s", "s.id", "i.support_person_id")
    .select(["i.support_person_id", "s.name", "i.response", "i.responded_at", "i.response_note", "i.attended"]).where("i.meeting_id", "=", meetingId).orderBy("s.name").execute();
  const entries = await db.selectFrom("meeting_entries as e").leftJoin("support_persons as s", "s.id", "e.support_person_id")
    .selectAll("e").select("s.name as speaker_name").where("e.meeting_id", "=", meetingId).orderBy("e.created_at").orderBy("e.id").execute();
  const removed = await db.selectFrom("meeting_invitee_removals as r").innerJoin("support_persons as s", "s.id", "r.support_person_id")
    .select(["r.support_person_id", "s.name", "r.removed_at"]).where("r.meeting_id", "=", meetingId).orderBy("s.name").execute();
  const checklist = JSON.parse(row.checklist) as { refreshments: string | null; seating: string | null };
  return {
    id: row.id, participantId: row.participant_id, kind: row.kind as MeetingKind, title: row.title, scheduledAt: row.scheduled_at,
    durationMinutes: Number(row.duration_minutes), place: row.place, refreshments: checklist.refreshments, seating: checklist.seating,
    agenda: JSON.parse(row.agenda) as string[], separatePermission: row.separate_permission, status: row.status as Meeting["status"],
    currentStep: Number(row.current_step), heldAt: row.held_at, version: Number(row.version), discloses: JSON.parse(row.discloses) as ConsentCategory[],
    sequence: Number(row.sequence), cancelledAt: row.cancelled_at,
    removedInvitees: removed.map((r) => ({ supportPersonId: r.support_person_id, name: r.name, removedAt: r.removed_at })),
    invitees: invitees.map((i) => ({
      supportPersonId: i.support_person_id, name: i.name, response: i.response as InviteResponse, respondedAt: i.responded_at, responseNote: i.response_note,
      attended: i.attended === null ? null : Number(i.attended) === 1,
    })),
    entries: entries.map((e) => ({
      id: e.id, kind: e.kind as Meeting["entries"][number]["kind"], text: e.text, speaker: e.speaker, supportPersonId: e.support_person_id,
      speakerName: e.speaker_name, whenText: e.when_text, planItemId: e.plan_item_id, createdAt: e.created_at,
      discloses: JSON.parse(e.discloses) as ConsentCategory[],
      dismissedAt: e.dismissed_at, dismissedReason: e.dismissed_reason,
    })),
  };
}

export type MeetingResult =
  | { ok: true; meeting: Meeting }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "not_invitable"; people: string[] }
  | { ok: false; reason: "conflict"; current: Meeting }
  | { ok: false; reason: "past" }
  | { ok: false; reason: "not_changeable"; status: Meeting["status"] }
  | { ok: false; reason: "too_early" };

/** The wall clock now where the program's meetings are held (UTC until an administrator sets the zone). */
async function nowInProgram(db: Db | Trx, at: Date): Promise<string> {
  const { timeZone } = await getProgramSettings(db);
  return wallClockAt(timeZone ?? "UTC", at);
}

/**
 * The meeting's local time as typed, kept with a nominal Z (see icsLocalTime).
 * Without a zone, Date would read it in the server's own time zone.
 */
function wallClock(scheduledAt: string): string {
  const hasZone = /(Z|[+-]\d{2}:\d{2})$/.test(scheduledAt);
  return new Date(hasZone ? scheduledAt : `${scheduledAt.length === 16 ? `${scheduledAt}:00` : scheduledAt}Z`).toISOString();
}

export async function createMeeting(db: Db, access: AuthorizedParticipant, input: MeetingInput, meta: RequestMeta, at = new Date()): Promise<MeetingResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, meetingsActions(access).schedule);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    if (schedulingProblem(wallClock(input.scheduledAt), await nowInProgram(trx, at))) return { ok: false, reason: "past" } as const;
    const discloses = input.discloses ?? defaultMeetingDisclosure(input.kind);
    // A meeting not yet marked may name invitees, but sends nothing until it is marked (sendInvitations).
    const { invitable } = await invitableSupports(trx, access, discloses.length ? { categories: discloses } : null);
    const refused = input.inviteeIds.filter((id) => !invitable.some((p) => p.id === id));
    if (refused.length) return { ok: false, reason: "not_invitable", people: refused };
    const now = new Date().toISOString();
    const id = randomUUID();
    await trx.insertInto("meetings").values({
      id, participant_id: participantId, kind: input.kind, title: input.title, scheduled_at: wallClock(input.scheduledAt),
      duration_minutes: input.durationMinutes, place: input.place, checklist: JSON.stringify({ refreshments: input.refreshments, seating: input.seating }),
      agenda: JSON.stringify(input.agenda), separate_permission: input.kind === "separate" ? input.separatePermission : null,
      status: "planned", current_step: 0, held_at: null, version: 1, created_by: actor.userId, created_at: now, updated_at: now,
      discloses: JSON.stringify(discloses),
    }).execute();
    if (input.inviteeIds.length) {
      await trx.insertInto("meeting_invitees").values(input.inviteeIds.map((personId) => ({
        id: randomUUID(), meeting_id: id, support_person_id: personId, response: "pending", responded_at: null, invited_at: now,
      }))).execute();
    }
    await recordAudit(trx, { actor, action: "meeting.create", entityType: "meeting", entityId: id, participantId, reason, details: { kind: input.kind, invitees: input.inviteeIds, discloses }, meta });
    // Invitees hear of it by message, in this same transaction (decision 0025); an unmarked meeting tells no one.
    await queueMeetingMessages(trx, participantId, id, "meeting_planned", input.inviteeIds, at);
    return { ok: true, meeting: (await loadMeeting(trx, participantId, id))! };
  });
}

/** The fields of an edit that differ from the meeting as it is. */
function changedMeetingFields(meeting: Meeting, input: MeetingUpdateInput, discloses: ConsentCategory[]): string[] {
  const now = {
    kind: input.kind, title: input.title, scheduledAt: wallClock(input.scheduledAt), durationMinutes: input.durationMinutes, place: input.place,
    refreshments: input.refreshments, seating: input.seating, agenda: input.agenda, separatePermission: input.kind === "separate" ? input.separatePermission : null, discloses,
  };
  return (Object.keys(now) as (keyof typeof now)[]).filter((field) => field === "discloses"
    ? !sameCategories(discloses, meeting.discloses)
    : JSON.stringify(now[field]) !== JSON.stringify(meeting[field]));
}

/**
 * Edits a planned meeting: its details, its time (a reschedule) and who is invited.
 * Saved only over the version the editor started from; otherwise nothing is written
 * and the meeting as it now is comes back (the editor sees both). A change to what
 * an invitation says raises the calendar SEQUENCE, so every invitee's next calendar
 * file and printout is the update; people taken off the list keep a removal row and
 * are handed the cancellation. Sending the new versions to people by message is the
 * job of the messaging issue: it will read the same `sendInvitations`.
 */
export async function updateMeeting(db: Db, access: AuthorizedParticipant, meetingId: string, input: MeetingUpdateInput, meta: RequestMeta, at = new Date()): Promise<MeetingResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, meetingActions(access).edit);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const meeting = await findMeeting(trx, access, meetingId, "update", meta);
    if (!meeting) return { ok: false, reason: "not_found" } as const;
    const unchangeable = notPlannedOrStale(meeting, input.version);
    if (unchangeable) return unchangeable;
    const scheduledAt = wallClock(input.scheduledAt);
    // Only a new time is checked: fixing a typo in a meeting later today is not "planning in the past".
    if (scheduledAt !== meeting.scheduledAt && schedulingProblem(scheduledAt, await nowInProgram(trx, at))) return { ok: false, reason: "past" } as const;
    const discloses = input.discloses ?? meeting.discloses;
    const added = input.inviteeIds.filter((id) => !meeting.invitees.some((i) => i.supportPersonId === id));
    const removed = meeting.invitees.filter((i) => !input.inviteeIds.includes(i.supportPersonId)).map((i) => i.supportPersonId);
    // Everyone who stays must still be allowed to be shown what the meeting now tells; newcomers too.
    const { invitable } = await invitableSupports(trx, access, discloses.length ? { categories: discloses } : null, at);
    const refused = added.filter((id) => !invitable.some((p) => p.id === id));
    if (refused.length) return { ok: false, reason: "not_invitable", people: refused } as const;
    const fields = changedMeetingFields(meeting, input, discloses);
    const sequence = fields.some((f) => (INVITATION_FIELDS as readonly string[]).includes(f)) ? meeting.sequence + 1 : meeting.sequence;
    const now = at.toISOString();
    const saved = await trx.updateTable("meetings").set({
      kind: input.kind, title: input.title, scheduled_at: scheduledAt, duration_minutes: input.durationMinutes, place: input.place,
      checklist: JSON.stringify({ refreshments: input.refreshments, seating: input.seating }), agenda: JSON.stringify(input.agenda),
      separate_permission: input.kind === "separate" ? input.separatePermission : null, discloses: JSON.stringify(discloses),
      sequence, version: input.version + 1, updated_at: now,
    }).where("id", "=", meetingId).where("version", "=", input.version).executeTakeFirst();
    if (Number(saved.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: (await loadMeeting(trx, participantId, meetingId))! } as const;
    if (removed.length) {
      await trx.deleteFrom("meeting_invitees").where("meeting_id", "=", meetingId).where("support_person_id", "in", removed).execute();
      await trx.deleteFrom("meeting_invitee_removals").where("meeting_id", "=", meetingId).where("support_person_id", "in", removed).execute();
      await trx.insertInto("meeting_invitee_removals").values(removed.map((personId) => ({
        id: randomUUID(), meeting_id: meetingId, support_person_id: personId, removed_by: actor.userId, removed_at: now,
      }))).execute();
    }
    if (added.length) {
      await trx.deleteFrom("meeting_invitee_removals").where("meeting_id", "=", meetingId).where("support_person_id", "in", added).execute();
      await trx.insertInto("meeting_invitees").values(added.map((personId) => ({
        id: randomUUID(), meeting_id: meetingId, support_person_id: personId, response: "pending", responded_at: null, invited_at: now,
      }))).execute();
    }
    await recordAudit(trx, {
      actor, action: "meeting.update", entityType: "meeting", entityId: meetingId, participantId, reason,
      details: { fields, fromVersion: input.version, sequence, added, removed }, meta,
    });
    // Newcomers are invited, people taken off are told it is off for them, and the others hear of a change to what their invitation said.
    await queueMeetingMessages(trx, participantId, meetingId, "meeting_planned", added, at);
    await queueMeetingMessages(trx, participantId, meetingId, "meeting_cancelled", removed, at);
    if (sequence !== meeting.sequence) {
      const staying = input.inviteeIds.filter((id) => !added.includes(id));
      // A new marking can reach people the old one kept from hearing of the meeting at all: they are invited, not told of a change.
      if (fields.includes("discloses")) await queueMeetingRemarked(trx, participantId, meetingId, meeting.discloses, staying, at);
      else await queueMeetingMessages(trx, participantId, meetingId, "meeting_changed", staying, at);
    }
    return { ok: true, meeting: (await loadMeeting(trx, participantId, meetingId))! } as const;
  });
}

/**
 * Calls a planned meeting off. It stays on the record, shown as cancelled; its
 * invitees' next calendar file is the cancellation (same UID, higher SEQUENCE,
 * METHOD:CANCEL) and their printout says it is off.
 */
export async function cancelMeeting(db: Db, access: AuthorizedParticipant, meetingId: string, version: number, meta: RequestMeta, at = new Date()): Promise<MeetingResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, meetingActions(access).edit);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const meeting = await findMeeting(trx, access, meetingId, "update", meta);
    if (!meeting) return { ok: false, reason: "not_found" } as const;
    const unchangeable = notPlannedOrStale(meeting, version);
    if (unchangeable) return unchangeable;
    const now = at.toISOString();
    const saved = await trx.updateTable("meetings")
      .set({ status: "cancelled", cancelled_at: now, sequence: meeting.sequence + 1, version: version + 1, updated_at: now })
      .where("id", "=", meetingId).where("version", "=", version).executeTakeFirst();
    if (Number(saved.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: (await loadMeeting(trx, participantId, meetingId))! } as const;
    await recordAudit(trx, { actor, action: "meeting.cancel", entityType: "meeting", entityId: meetingId, participantId, reason, details: { fromVersion: version, sequence: meeting.sequence + 1 }, meta });
    await queueMeetingMessages(trx, participantId, meetingId, "meeting_cancelled", meeting.invitees.map((i) => i.supportPersonId), at);
    return { ok: true, meeting: (await loadMeeting(trx, participantId, meetingId))! } as const;
  });
}

export async function getMeeting(db: Db, access: AuthorizedParticipant, meetingId: string, meta: RequestMeta) {
  const { actor, participant: { id: participantId } } = access;
  const can = meetingActions(access);
  const reason = readAllowed(access, can.read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const meeting = await findMeeting(trx, access, meetingId, "read", meta);
    if (!meeting) return null;
    await recordAudit(trx, { actor, action: "meeting.read", entityType: "meeting", entityId: meetingId, participantId, reason, meta });
    return { participant: access.participant, meeting, canUpdate: can.run, can };
  });
}

export async function listMeetings(db: Db, access: AuthorizedParticipant, meta: RequestMeta) {
  const { actor, participant: { id: participantId } } = access;
  const can = meetingsActions(access);
  const reason = readAllowed(access, can.read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("meetings").select(["id", "kind", "title", "scheduled_at", "status", "place"]).where("participant_id", "=", participantId).orderBy("scheduled_at", "desc").execute();
    await recordAudit(trx, { actor, action: "meeting.read", entityType: "participant", entityId: participantId, participantId, reason, meta });
    return { participant: access.participant, can, meetings: rows.map((r) => ({ id: r.id, kind: r.kind as MeetingKind, title: r.title, scheduledAt: r.scheduled_at, status: r.status as Meeting["status"], place: r.place })) };
  });
}

/**
 * Marks what a meeting's title, place and agenda disclose (the specialist reviews a
 * meeting that was not marked, or corrects one). Invitees who may no longer be shown
 * it stay on the list but are sent nothing (sendInvitations checks at sending).
 * Saved only over the version the marker read, like every other change to a meeting.
 * A new marking is a change to what the invitation says (SEQUENCE + 1); on a planned
 * meeting, invitees it now allows are sent the invitation, or told of the change.
 */
export async function setMeetingDisclosure(db: Db, access: AuthorizedParticipant, meetingId: string, input: MeetingDisclosureInput, meta: RequestMeta, at = new Date()): Promise<MeetingResult | { ok: false; reason: "confirm_substance_use" }> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, meetingsActions(access).schedule);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const meeting = await findMeeting(trx, access, meetingId, "update", meta);
    if (!meeting) return { ok: false, reason: "not_found" } as const;
    if (meeting.version !== input.version) return { ok: false, reason: "conflict", current: meeting } as const;
    if (input.discloses.includes("substance_use_treatment") && meeting.invitees.length > 0 && !input.confirmSubstanceUse) {
      return { ok: false, reason: "confirm_substance_use" } as const;
    }
    const remarked = !sameCategories(meeting.discloses, input.discloses);
    const sequence = remarked ? meeting.sequence + 1 : meeting.sequence;
    const saved = await trx.updateTable("meetings").set({ discloses: JSON.stringify(input.discloses), sequence, version: input.version + 1, updated_at: at.toISOString() })
      .where("id", "=", meetingId).where("version", "=", input.version).executeTakeFirst();
    if (Number(saved.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: (await loadMeeting(trx, participantId, meetingId))! } as const;
    await recordAudit(trx, { actor, action: "meeting.update", entityType: "meeting", entityId: meetingId, participantId, reason, details: { discloses: input.discloses, fromVersion: input.version, sequence }, meta });
    if (remarked && meeting.status === "planned") {
      await queueMeetingRemarked(trx, participantId, meetingId, meeting.discloses, meeting.invitees.map((i) => i.supportPersonId), at);
    }
    return { ok: true, meeting: (await loadMeeting(trx, participantId, meetingId))! } as const;
  });
}

/** Records an invitee's reply. Only people invited can reply, and only while consent still allows meetings. */
export async function recordResponse(db: Db, access: AuthorizedParticipant, meetingId: string, supportPersonId: string, response: InviteResponse, meta: RequestMeta): Promise<MeetingResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, meetingActions(access).recordResponse);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const meeting = await loadMeeting(trx, participantId, meetingId);
    if (!meeting || !meeting.invitees.some((i) => i.supportPersonId === supportPersonId)) {
      await recordRefusal(trx, actor, { action: "respond:meeting", entityType: meeting ? "support_person" : "meeting", entityId: meeting ? supportPersonId : meetingId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    if (!(await mayAttend(trx, access, supportPersonId, new Date()))) return { ok: false, reason: "not_invitable", people: [supportPersonId] };
    await trx.updateTable("meeting_invitees").set({ response, responded_at: new Date().toISOString() })
      .where("meeting_id", "=", meetingId).where("support_person_id", "=", supportPersonId).execute();
    await recordAudit(trx, { actor, action: "meeting.respond", entityType: "meeting", entityId: meetingId, participantId, reason, details: { supportPersonId, response }, meta });
    return { ok: true, meeting: (await loadMeeting(trx, participantId, meetingId))! };
  });
}

/** Notes who came to the meeting (invitees ticked came, the others did not), while it runs or just after. */
export async function recordAttendance(db: Db, access: AuthorizedParticipant, meetingId: string, cameIds: readonly string[], meta: RequestMeta): Promise<MeetingResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, meetingActions(access).run);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const meeting = await loadMeeting(trx, participantId, meetingId);
    if (!meeting || cameIds.some((id) => !meeting.invitees.some((i) => i.supportPersonId === id))) {
      await recordRefusal(trx, actor, { action: "update:meeting", entityType: "meeting", entityId: meetingId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" } as const;
    }
    if (meeting.status === "cancelled") return { ok: false, reason: "not_changeable", status: meeting.status } as const;
    for (const invitee of meeting.invitees) {
      await trx.updateTable("meeting_invitees").set({ attended: cameIds.includes(invitee.supportPersonId) ? 1 : 0 })
        .where("meeting_id", "=", meetingId).where("support_person_id", "=", invitee.supportPersonId).execute();
    }
    await recordAudit(trx, { actor, action: "meeting.attendance", entityType: "meeting", entityId: meetingId, participantId, reason, details: { came: [...cameIds] }, meta });
    return { ok: true, meeting: (await loadMeeting(trx, participantId, meetingId))! } as const;
  });
}

/**
 * The minutes of a held meeting: the whole summary for staff (forPersonId null,
 * audited as reading the meeting), or the copy for one person who came, made of
 * only what their consent covers and audited as a disclosure to them. It comes
 * with the language to write it in: the staff member's for the whole summary, the
 * person's own for their copy.
 */
export async function getMeetingMinutes(db: Db, access: AuthorizedParticipant, meetingId: string, forPersonId: string | null, meta: RequestMeta, at = new Date()) {
  const { actor, participant: { id: participantId } } = access;
  const reason = readAllowed(access, meetingActions(access).read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const meeting = await loadMeeting(trx, participantId, meetingId);
    const person = forPersonId ? meeting?.invitees.find((i) => i.supportPersonId === forPersonId && i.attended === true) : null;
    if (!meeting || (forPersonId && (!person || meeting.status !== "held"))) {
      await recordRefusal(trx, actor, { action: "read:meeting", entityType: "meeting", entityId: meetingId, participantId, reason: "not_found" }, meta);
      return null;
    }
    const concerns = await listConcerns(trx, access, meetingId);
    const consent = await loadConsentHistory(trx, access);
    let reader: Reader = { kind: "participant" };
    if (person) {
      const facts = await trx.selectFrom("support_persons").select(["id", "status", "ended_at"]).where("id", "=", person.supportPersonId).executeTakeFirstOrThrow();
      reader = { kind: "support_person", person: { id: facts.id, status: facts.status as never, endedAt: facts.ended_at } };
    }
    // Not held yet: there are no minutes to read, only the meeting (read as such).
    const minutes = meeting.status === "held" ? meetingMinutes(meeting, concerns, reader, consent, at) : null;
    if (!minutes && !person) {
      await recordAudit(trx, { actor, action: "meeting.read", entityType: "meeting", entityId: meetingId, participantId, reason, meta });
      return { participant: access.participant, meeting, minutes: null, forPerson: null, locale: actor.locale };
    }
    const locale = person ? (await supportPersonLocales(trx, access, [person.supportPersonId]))(person.supportPersonId) : actor.locale;
    if (!minutes) return { participant: access.participant, meeting, minutes: null, forPerson: person ?? null, locale };
    if (person) {
      await recordAudit(trx, {
        actor, action: "meeting.minutes_share", entityType: "meeting", entityId: meetingId, participantId, reason,
        details: { disclosure: { readerKind: "support_person", readerId: person.supportPersonId, categories: minutes.discloses } }, meta,
      });
    } else {
      await recordAudit(trx, { actor, action: "meeting.read", entityType: "meeting", entityId: meetingId, participantId, reason, meta });
    }
    return { participant: access.participant, meeting, minutes, forPerson: person ?? null, locale };
  });
}

/** Moves through the agenda; saving the step lets a reload land where the meeting was. */
export async function setMeetingStep(db: Db, access: AuthorizedParticipant, meetingId: string, step: number, meta: RequestMeta, at = new Date()): Promise<MeetingResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, meetingActions(access).run);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const meeting = await findMeeting(trx, access, meetingId, "update", meta);
    if (!meeting) return { ok: false, reason: "not_found" };
    if (meeting.status === "cancelled") return { ok: false, reason: "not_changeable", status: meeting.status };
    const last = step >= MEETING_STEPS.length;
    if (last && meeting.status !== "held" && !mayBeHeld(meeting.scheduledAt, await nowInProgram(trx, at))) return { ok: false, reason: "too_early" };
    const now = at.toISOString();
    await trx.updateTable("meetings").set((eb) => ({
      current_step: Math.min(step, MEETING_STEPS.length - 1),
      // Looking back through a finished meeting does not reopen it.
      status: last || meeting.status === "held" ? "held" : "in_progress",
      held_at: last ? now : meeting.heldAt,
      version: eb("version", "+", 1),
      updated_at: now,
    })).where("id", "=", meetingId).execute();
    await recordAudit(trx, { actor, action: "meeting.update", entityType: "meeting", entityId: meetingId, participantId, reason, details: { step: last ? "finished" : MEETING_STEPS[step]! }, meta });
    return { ok: true, meeting: (await loadMeeting(trx, participantId, meetingId))! };
  });
}

/**
 * Saves one thing said in the meeting. The form's clientKey makes a resent form
 * (double click, dropped connection, reload) save once.
 */
export async function addMeetingEntry(db: Db, access: AuthorizedParticipant, meetingId: string, input: MeetingEntryInput, meta: RequestMeta): Promise<MeetingResult> {
  // Two copies of one form sent at once both pass the check above the insert; the
  // unique client_key stops the second, which then finds the first and saves nothing.
  return onceMoreOnUniqueViolation(() => insertMeetingEntry(db, access, meetingId, input, meta));
}

async function insertMeetingEntry(db: Db, access: AuthorizedParticipant, meetingId: string, input: MeetingEntryInput, meta: RequestMeta): Promise<MeetingResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, meetingActions(access).run);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const meeting = await findMeeting(trx, access, meetingId, "update", meta);
    if (!meeting) return { ok: false, reason: "not_found" };
    const existing = await trx.selectFrom("meeting_entries").select(["id", "meeting_id"]).where("client_key", "=", input.clientKey).executeTakeFirst();
    // Read again: the meeting above may have been read before the first copy committed.
    if (existing) return existing.meeting_id === meetingId ? { ok: true, meeting: (await loadMeeting(trx, participantId, meetingId))! } : { ok: false, reason: "not_found" };
    if (input.supportPersonId && !meeting.invitees.some((i) => i.supportPersonId === input.supportPersonId)) return { ok: false, reason: "not_found" };
    await trx.insertInto("meeting_entries").values({
      id: randomUUID(), meeting_id: meetingId, kind: input.kind, text: input.text, speaker: input.supportPersonId ? "support_person" : input.speaker,
      support_person_id: input.supportPersonId, when_text: input.whenText, concern_id: null, plan_item_id: null, client_key: input.clientKey,
      created_by: actor.userId, created_at: new Date().toISOString(),
      // What is said in a meeting discloses what the meeting does, until someone marks it otherwise.
      discloses: JSON.stringify(meeting.discloses),
    }).execute();
    await recordAudit(trx, { actor, action: "meeting.entry", entityType: "meeting", entityId: meetingId, participantId, reason, details: { kind: input.kind }, meta });
    return { ok: true, meeting: (await loadMeeting(trx, participantId, meetingId))! };
  });
}

/** Commitments made in this participant's meetings that are not yet in the plan (read inside an audited page or call). */
export async function pendingCommitments(db: Db | Trx, access: AuthorizedParticipant) {
  if (!meetingActions(access).read) return [];
  const participantId = access.participant.id;
  const rows = await db.selectFrom("meeting_entries as e").innerJoin("meetings as m", "m.id", "e.meeting_id").leftJoin("support_persons as s", "s.id", "e.support_person_id")
    .select(["e.id", "e.meeting_id", "e.text", "e.speaker", "e.support_person_id", "e.when_text", "s.name as speaker_name", "m.title as meeting_title", "m.scheduled_at"])
    .where("m.participant_id", "=", participantId).where("e.kind", "=", "commitment").where("e.plan_item_id", "is", null)
    .where("e.dismissed_at", "is", null)
    .orderBy("m.scheduled_at").orderBy("e.created_at").orderBy("e.id").execute();
  return rows.map((r) => ({
    entryId: r.id, meetingId: r.meeting_id, meetingTitle: r.meeting_title, meetingAt: r.scheduled_at, text: r.text, speaker: r.speaker,
    supportPersonId: r.support_person_id, speakerName: r.speaker_name, whenText: r.when_text,
  }));
}

export type CommitmentResult = { ok: true; item: PlanItem } | { ok: false; reason: "not_found" | "already_in_plan" | "invalid_support_person" };

/** Turns a commitment made in the meeting into a job support plan item, in one step. */
export async function commitmentToPlanItem(db: Db, access: AuthorizedParticipant, meetingId: string, entryId: string, plan: Pick<PlanItemInput, "kind">, meta: RequestMeta): Promise<CommitmentResult> {
  try {
    return await convertCommitment(db, access, meetingId, entryId, plan, meta);
  } catch (error) {
    if (error === ALREADY_CONVERTED) return { ok: false, reason: "already_in_plan" };
    throw error;
  }
}

/** Thrown to roll back a plan item when another request turned the same commitment into one first. */
const ALREADY_CONVERTED = new Error("commitment already in the plan");

async function convertCommitment(db: Db, access: AuthorizedParticipant, meetingId: string, entryId: string, plan: Pick<PlanItemInput, "kind">, meta: RequestMeta): Promise<CommitmentResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, meetingActions(access).convertCommitment);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom("meeting_entries as e").innerJoin("meetings as m", "m.id", "e.meeting_id").selectAll("e")
      .where("e.id", "=", entryId).where("e.meeting_id", "=", meetingId).where("m.participant_id", "=", participantId).where("e.kind", "=", "commitment")
      // A dismissed commitment is not put in the plan until someone restores it.
      .where("e.dismissed_at", "is", null).executeTakeFirst();
    if (!entry) {
      await recordRefusal(trx, actor, { action: "update:meeting_entry", entityType: "meeting_entry", entityId: entryId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    if (entry.plan_item_id) return { ok: false, reason: "already_in_plan" };
    const provider = entry.support_person_id ? "support_person" : entry.speaker === "specialist" ? "specialist" : "participant";
    const item = await insertPlanItem(trx, access, {
      kind: plan.kind, description: entry.text, provider, supportPersonId: entry.support_person_id, frequency: entry.when_text,
      startsOn: null, endsOn: null, status: "agreed", notes: null, sharedWithSupports: false, reminderAt: null,
      // The commitment tells what its meeting entry was marked as telling (unreviewed stays unreviewed).
      discloses: disclosesOf(entry.discloses), part2Confirmed: false,
    }, entry.id, reason, meta);
    if (!item) return { ok: false, reason: "invalid_support_person" };
    const claimed = await trx.updateTable("meeting_entries").set({ plan_item_id: item.id }).where("id", "=", entry.id).where("plan_item_id", "is", null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw ALREADY_CONVERTED;
    return { ok: true, item };
  });
}

/** The meeting as it now stands, with the commitment marked (or no longer marked) dismissed. */
export type DismissResult = { ok: true; meeting: Meeting } | { ok: false; reason: "not_found" };

/**
 * Sets a commitment made in a meeting aside, with an optional reason, or brings it
 * back. Nothing is deleted: the minutes keep the commitment marked dismissed, and
 * the plan item made from it (if any) is marked the same way in a new version, so
 * it leaves the support person's page and reminders and stays in the plan history.
 */
export async function dismissCommitment(db: Db, access: AuthorizedParticipant, meetingId: string, entryId: string, input: CommitmentDismissInput, meta: RequestMeta, at = new Date()): Promise<DismissResult> {
  return changeDismissal(db, access, meetingId, entryId, { at: at.toISOString(), reason: input.reason }, meta);
}

export async function restoreCommitment(db: Db, access: AuthorizedParticipant, meetingId: string, entryId: string, meta: RequestMeta): Promise<DismissResult> {
  return changeDismissal(db, access, meetingId, entryId, null, meta);
}

async function changeDismissal(db: Db, access: AuthorizedParticipant, meetingId: string, entryId: string, dismissal: { at: string; reason: string | null } | null, meta: RequestMeta): Promise<DismissResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, meetingActions(access).dismissCommitment);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom("meeting_entries as e").innerJoin("meetings as m", "m.id", "e.meeting_id").selectAll("e")
      .where("e.id", "=", entryId).where("e.meeting_id", "=", meetingId).where("m.participant_id", "=", participantId).where("e.kind", "=", "commitment").executeTakeFirst();
    if (!entry) {
      await recordRefusal(trx, actor, { action: "update:meeting_entry", entityType: "meeting_entry", entityId: entryId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" } as const;
    }
    // Dismissing twice keeps the first time and reason; restoring a standing commitment changes nothing.
    if ((entry.dismissed_at !== null) === (dismissal !== null)) return { ok: true, meeting: (await loadMeeting(trx, participantId, meetingId))! } as const;
    await trx.updateTable("meeting_entries").set({
      dismissed_at: dismissal?.at ?? null, dismissed_by: dismissal ? actor.userId : null, dismissed_reason: dismissal?.reason ?? null,
    }).where("id", "=", entry.id).execute();
    if (entry.plan_item_id) await setPlanItemDismissed(trx, actor, participantId, entry.plan_item_id, dismissal);
    await recordAudit(trx, dismissal
      ? { actor, action: "commitment.dismiss", entityType: "meeting", entityId: meetingId, participantId, reason, details: { entryId: entry.id, planItemId: entry.plan_item_id, withReason: dismissal.reason !== null }, meta }
      : { actor, action: "commitment.restore", entityType: "meeting", entityId: meetingId, participantId, reason, details: { entryId: entry.id, planItemId: entry.plan_item_id }, meta });
    return { ok: true, meeting: (await loadMeeting(trx, participantId, meetingId))! } as const;
  });
}

export type SendResult<Output> = { ok: true; sent: Output[]; refused: string[]; unreviewed: boolean } | { ok: false; reason: "not_found" };

/**
 * Sends a meeting's invitations through one sender, to one invitee or to all of them.
 * Consent by content is checked for each person at this moment (invitationsToSend:
 * an active grant that allows meetings and covers every category the meeting
 * discloses, not marked do not contact): the sender never sees anyone who fails it,
 * and they are listed as refused. A meeting not yet marked with what it discloses
 * is sent to no one. Each invitation sent is one audit row naming its reader and the
 * categories disclosed; the refused are one more row. All in the same transaction.
 */
export async function sendInvitations<Output>(
  db: Db, access: AuthorizedParticipant, meetingId: string, sender: InvitationSender<Output>,
  to: { supportPersonId: string } | "all", meta: RequestMeta, at = new Date(),
): Promise<SendResult<Output>> {
  const { actor, participant: { id: participantId } } = access;
  const reason = readAllowed(access, meetingActions(access).sendInvitations);
  if (!reason) return { ok: false, reason: "not_found" } as const;
  return db.transaction().execute(async (trx) => {
    const meeting = await findMeeting(trx, access, meetingId, "read", meta);
    if (!meeting) return { ok: false, reason: "not_found" } as const;
    // Someone taken off the list is handed only the cancellation, and only when asked for by name.
    const removed = to === "all" ? [] : meeting.removedInvitees.filter((i) => i.supportPersonId === to.supportPersonId);
    const listed = to === "all" ? meeting.invitees : meeting.invitees.filter((i) => i.supportPersonId === to.supportPersonId);
    const invitees = [...listed, ...removed];
    if (to !== "all" && invitees.length === 0) return { ok: false, reason: "not_found" } as const;
    const people = await trx.selectFrom("support_persons").select(["id", "status", "ended_at"]).where("participant_id", "=", participantId)
      .where("id", "in", invitees.length ? invitees.map((i) => i.supportPersonId) : [""]).execute();
    const localeOf = await supportPersonLocales(trx, access, people.map((p) => p.id));
    const facts = invitees.flatMap((i) => {
      const person = people.find((p) => p.id === i.supportPersonId);
      return person ? [{ id: person.id, name: i.name, status: person.status as never, endedAt: person.ended_at, locale: localeOf(person.id) }] : [];
    });
    const consent = await loadConsentHistory(trx, access);
    const specialist = await trx.selectFrom("users").select(["email", "phone"]).where("id", "=", access.participant.specialistId).executeTakeFirst();
    const program = await getProgramSettings(trx);
    const { invitations, refused } = invitationsToSend({ ...meeting, categories: meeting.discloses, cancelled: meeting.status === "cancelled" || removed.length > 0 }, facts, consent, {
      participantName: access.participant.preferredName ?? access.participant.firstName, specialistName: access.participant.specialistName,
      specialistEmail: specialist?.email ?? "", specialistPhone: specialist?.phone ?? null,
      programName: program.name, programPhone: program.phone, timeZone: program.timeZone,
    }, at);
    const sent: Output[] = [];
    for (const invitation of invitations) {
      sent.push(await sender.send(invitation, at));
      await recordAudit(trx, {
        actor, action: "meeting.invitation_send", entityType: "meeting", entityId: meetingId, participantId, reason,
        details: {
          channel: sender.channel, sentTo: [invitation.supportPersonId], refused: [],
          disclosure: { readerKind: "support_person", readerId: invitation.supportPersonId, categories: invitation.discloses },
        },
        meta,
      });
    }
    if (refused.length || invitations.length === 0) {
      await recordAudit(trx, {
        actor, action: "meeting.invitation_send", entityType: "meeting", entityId: meetingId, participantId, reason,
        details: { channel: sender.channel, sentTo: [], refused }, meta,
      });
    }
    return { ok: true, sent, refused, unreviewed: meeting.discloses.length === 0 } as const;
  });
}
