import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import type { ParticipantTable } from "../../db/schema.ts";
import { likeTerm, recordAudit, type Trx } from "../audit/audit.server.ts";
import { cancelQueuedMessages } from "../messages/outbox.server.ts";
import { endParticipantLinks } from "../links/links.server.ts";
import type { Actor, RequestMeta, StaffActor } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import type { AuthorizedParticipant } from "../access/model.ts";
import {
  CASELOAD_PAGE_SIZE, EDITABLE_FIELDS, SITUATION_FLAGS,
  type CaseloadQuery, type EditableField, type Participant, type ParticipantInput, type ParticipantSummary, type ParticipantUpdate, type SituationFlag,
} from "./model.ts";
import { caseloadScope, mayAssignTo, participantPermissions, type ParticipantAction } from "./policy.ts";
import { recordMilestoneFromEvent } from "../milestones/events.server.ts";
import { foldForSearch, searchName } from "./search-name.ts";

/** The career profile counts as done once the goal, preferences, strengths and interests are written. */
export function careerProfileDone(p: Pick<Participant, "workGoal" | "jobPreferences" | "strengths" | "interests">): boolean {
  return !!(p.workGoal && p.jobPreferences && p.strengths && p.interests);
}

const FLAG_COLUMNS: Record<SituationFlag, keyof ParticipantTable> = {
  youngAdult: "flag_young_adult",
  justiceInvolvement: "flag_justice_involvement",
  homelessnessHistory: "flag_homelessness_history",
  substanceUseHistory: "flag_substance_use_history",
  lostTouchWithFamily: "flag_lost_touch_with_family",
  fosterCare: "flag_foster_care",
};

type Row = ParticipantTable & { specialist_name: string; team_id: string | null };

/** A refused or missing participant: audited, then answered like a record that does not exist. */
function recordParticipantRefusal(trx: Trx, actor: Actor, action: ParticipantAction, id: string, row: Row | undefined, meta: RequestMeta) {
  return recordRefusal(trx, actor, {
    action: `${action}:participant`, entityType: "participant", entityId: id, participantId: row ? row.id : null, reason: row ? "not_permitted" : "not_found",
  }, meta);
}

export function toParticipant(row: Row): Participant {
  return {
    id: row.id,
    specialistId: row.specialist_id,
    specialistName: row.specialist_name,
    teamId: row.team_id,
    firstName: row.first_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    phone: row.phone,
    email: row.email,
    preferredLanguage: row.preferred_language === "es" ? "es" : "en",
    status: row.status === "archived" ? "archived" : "active",
    workGoal: row.work_goal,
    schoolGoal: row.school_goal,
    jobPreferences: row.job_preferences,
    strengths: row.strengths,
    interests: row.interests,
    education: row.education,
    pastJobs: JSON.parse(row.past_jobs),
    situationFlags: SITUATION_FLAGS.filter((flag) => Number(row[FLAG_COLUMNS[flag]]) === 1),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

export function toColumns(input: ParticipantInput) {
  const flag = (f: SituationFlag) => (input.situationFlags.includes(f) ? 1 : 0);
  return {
    first_name: input.firstName,
    last_name: input.lastName,
    preferred_name: input.preferredName,
    search_name: searchName(input),
    phone: input.phone,
    email: input.email,
    preferred_language: input.preferredLanguage,
    work_goal: input.workGoal,
    school_goal: input.schoolGoal,
    job_preferences: input.jobPreferences,
    strengths: input.strengths,
    interests: input.interests,
    education: input.education,
    past_jobs: JSON.stringify(input.pastJobs),
    flag_young_adult: flag("youngAdult"),
    flag_justice_involvement: flag("justiceInvolvement"),
    flag_homelessness_history: flag("homelessnessHistory"),
    flag_substance_use_history: flag("substanceUseHistory"),
    flag_lost_touch_with_family: flag("lostTouchWithFamily"),
    flag_foster_care: flag("fosterCare"),
  };
}

export function selectParticipant(db: Db | Trx) {
  return db
    .selectFrom("participants as p")
    .innerJoin("users as s", "s.id", "p.specialist_id")
    .selectAll("p")
    .select(["s.name as specialist_name", "s.team_id as team_id"]);
}

export interface CaseloadPage {
  participants: ParticipantSummary[];
  total: number;
  page: number;
  pageCount: number;
}

/** The participants the actor may see, filtered by name, a page at a time. */
export async function listCaseload(db: Db, actor: Actor, query: CaseloadQuery, meta: RequestMeta): Promise<CaseloadPage> {
  const scope = caseloadScope(actor);
  if (scope.kind === "none") return { participants: [], total: 0, page: 1, pageCount: 1 };
  return db.transaction().execute(async (trx) => {
    let base = trx.selectFrom("participants as p").innerJoin("users as s", "s.id", "p.specialist_id").where("p.status", "=", query.status);
    if (scope.kind === "own") base = base.where("p.specialist_id", "=", scope.userId);
    if (scope.kind === "team") base = base.where("s.team_id", "=", scope.teamId);
    const term = likeTerm(foldForSearch(query.q));
    if (term) base = base.where("p.search_name", "like", `%${term}%`);

    const { n } = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const total = Number(n);
    const pageCount = Math.max(1, Math.ceil(total / CASELOAD_PAGE_SIZE));
    const page = Math.min(query.page, pageCount);
    const rows = await base
      .select(["p.id", "p.first_name", "p.last_name", "p.preferred_name", "p.specialist_id", "s.name as specialist_name", "p.status", "p.work_goal", "p.updated_at", "p.version"])
      .orderBy("p.last_name").orderBy("p.first_name").orderBy("p.id")
      .limit(CASELOAD_PAGE_SIZE).offset((page - 1) * CASELOAD_PAGE_SIZE)
      .execute();
    await recordAudit(trx, {
      actor, action: "participant.list", entityType: "participant", reason: `read:participant:${scope.kind}`,
      details: { search: query.q ? "yes" : "no", status: query.status, page, shown: rows.map((r) => r.id) }, meta,
    });
    return {
      total, page, pageCount,
      participants: rows.map((r) => ({
        id: r.id, firstName: r.first_name, lastName: r.last_name, preferredName: r.preferred_name,
        specialistId: r.specialist_id, specialistName: r.specialist_name,
        status: r.status === "archived" ? "archived" : "active", workGoal: r.work_goal, updatedAt: r.updated_at, version: Number(r.version),
      })),
    };
  });
}

export interface ParticipantView {
  participant: Participant;
  /** What the actor may do with this record, so pages show only what works. */
  can: Record<ParticipantAction, boolean>;
  /** The read's authorization, for the other areas the same page reads. */
  access: AuthorizedParticipant;
}

function canFrom(permissions: Record<ParticipantAction, string | null>): Record<ParticipantAction, boolean> {
  return { read: !!permissions.read, update: !!permissions.update, archive: !!permissions.archive };
}

/**
 * Reads one participant and audits the read. Returns null both when the record
 * does not exist and when the actor may not see it, so a refusal reveals nothing;
 * the audit log keeps an `access.refused` row for either.
 */
export async function getParticipant(db: Db, actor: Actor, id: string, meta: RequestMeta): Promise<ParticipantView | null> {
  return db.transaction().execute(async (trx) => {
    const row = await selectParticipant(trx).where("p.id", "=", id).executeTakeFirst();
    const permissions = row ? participantPermissions(actor, { specialistId: row.specialist_id, teamId: row.team_id }) : null;
    if (!row || !permissions?.read || actor.kind !== "staff") {
      await recordParticipantRefusal(trx, actor, "read", id, row, meta);
      return null;
    }
    await recordAudit(trx, { actor, action: "participant.read", entityType: "participant", entityId: id, participantId: id, reason: permissions.read, meta });
    const participant = toParticipant(row);
    const { firstName, lastName, preferredName, specialistId, specialistName, teamId } = participant;
    // The record's own language tag, as authorizeParticipant hands it on: what is made for
    // the participant follows it (localeFor), the pseudo-locale of a demo check included.
    const access: AuthorizedParticipant = {
      actor, participant: { id, firstName, lastName, preferredName, preferredLanguage: row.preferred_language, specialistId, specialistName, teamId }, permissions, reason: permissions.read,
    };
    return { participant, can: canFrom(permissions), access };
  });
}

export type SaveResult =
  | { ok: true; participant: Participant }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid_specialist" }
  | { ok: false; reason: "conflict"; current: Participant };

async function resolveSpecialist(trx: Trx, actor: StaffActor, requested: string | null): Promise<string | null> {
  const specialistId = requested ?? actor.userId;
  const specialist = await trx.selectFrom("users").select(["id", "team_id", "role", "active"]).where("id", "=", specialistId).executeTakeFirst();
  if (!specialist) return null;
  const allowed = mayAssignTo(actor, { id: specialist.id, teamId: specialist.team_id, role: specialist.role, active: specialist.active === 1 });
  return allowed ? specialist.id : null;
}

export async function createParticipant(db: Db, actor: StaffActor, input: ParticipantInput, meta: RequestMeta): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    const specialistId = await resolveSpecialist(trx, actor, input.specialistId);
    if (!specialistId) return { ok: false, reason: "invalid_specialist" };
    return { ok: true, participant: await insertParticipant(trx, actor, input, specialistId, meta) };
  });
}

/**
 * Writes a new participant inside the caller's transaction, with its audit row, for
 * a specialist the caller has already checked the actor may assign to. The form and
 * the caseload import (which writes a whole file in one transaction) both use it.
 */
export async function insertParticipant(
  trx: Trx, actor: StaffActor, input: ParticipantInput, specialistId: string, meta: RequestMeta, extra: { externalId?: string | null; reason?: string } = {},
): Promise<Participant> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await trx.insertInto("participants").values({
    id, specialist_id: specialistId, status: "active", version: 1, created_at: now, updated_at: now, archived_at: null, ...toColumns(input),
    external_id: extra.externalId ?? null,
    message_channel: null, remind_meetings: 1, remind_commitments: 1, remind_ssi_report: 0,
  }).execute();
  await recordAudit(trx, {
    actor, action: "participant.create", entityType: "participant", entityId: id, participantId: id,
    reason: extra.reason ?? `create:participant (caseload of ${specialistId})`, details: { specialistId }, meta,
  });
  const participant = toParticipant(await selectParticipant(trx).where("p.id", "=", id).executeTakeFirstOrThrow());
  if (careerProfileDone(participant)) await recordMilestoneFromEvent(trx, actor, id, "career_profile_done", meta);
  return participant;
}

export function changedFields(before: Participant, after: ParticipantInput): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/**
 * Saves edits only over the version the person started from. When someone else
 * saved in between, nothing is written and the current record comes back so the
 * person can compare and choose.
 */
export async function updateParticipant(db: Db, actor: StaffActor, id: string, input: ParticipantUpdate, meta: RequestMeta): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    const row = await selectParticipant(trx).where("p.id", "=", id).executeTakeFirst();
    const permissions = row ? participantPermissions(actor, { specialistId: row.specialist_id, teamId: row.team_id }) : null;
    if (!row || !permissions?.read || !permissions.update) {
      await recordParticipantRefusal(trx, actor, "update", id, row, meta);
      return { ok: false, reason: "not_found" };
    }
    const before = toParticipant(row);
    if (before.version !== input.version) return { ok: false, reason: "conflict", current: before };

    let specialistId = before.specialistId;
    if (input.specialistId && input.specialistId !== before.specialistId) {
      const resolved = await resolveSpecialist(trx, actor, input.specialistId);
      if (!resolved) return { ok: false, reason: "invalid_specialist" };
      specialistId = resolved;
    }
    const result = await trx.updateTable("participants")
      .set({ ...toColumns(input), specialist_id: specialistId, version: input.version + 1, updated_at: new Date().toISOString() })
      .where("id", "=", id).where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const current = await selectParticipant(trx).where("p.id", "=", id).executeTakeFirstOrThrow();
      return { ok: false, reason: "conflict", current: toParticipant(current) };
    }
    const fields: string[] = changedFields(before, input);
    if (specialistId !== before.specialistId) fields.push("specialistId");
    await recordAudit(trx, {
      actor, action: "participant.update", entityType: "participant", entityId: id, participantId: id,
      reason: permissions.update, details: { fields, fromVersion: input.version }, meta,
    });
    const saved = toParticipant(await selectParticipant(trx).where("p.id", "=", id).executeTakeFirstOrThrow());
    if (careerProfileDone(saved)) await recordMilestoneFromEvent(trx, actor, id, "career_profile_done", meta);
    return { ok: true, participant: saved };
  });
}

/** Archiving hides a participant from the active caseload; nothing is ever deleted. */
export async function setParticipantArchived(db: Db, actor: StaffActor, id: string, archived: boolean, version: number, meta: RequestMeta): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    const row = await selectParticipant(trx).where("p.id", "=", id).executeTakeFirst();
    const permissions = row ? participantPermissions(actor, { specialistId: row.specialist_id, teamId: row.team_id }) : null;
    if (!row || !permissions?.read || !permissions.archive) {
      await recordParticipantRefusal(trx, actor, "archive", id, row, meta);
      return { ok: false, reason: "not_found" };
    }
    const now = new Date().toISOString();
    const result = await trx.updateTable("participants")
      .set({ status: archived ? "archived" : "active", archived_at: archived ? now : null, version: version + 1, updated_at: now })
      .where("id", "=", id).where("version", "=", version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: toParticipant(row) };
    await recordAudit(trx, {
      actor, action: archived ? "participant.archive" : "participant.restore", entityType: "participant", entityId: id, participantId: id,
      reason: permissions.archive, meta,
    });
    // Archiving ends what reaches outside the agency: messages still waiting and every personal link.
    // Reminders need nothing here: the scheduler skips archived participants.
    if (archived) {
      await cancelQueuedMessages(trx, { participantId: id });
      await endParticipantLinks(trx, actor, id, now);
    }
    const saved = await selectParticipant(trx).where("p.id", "=", id).executeTakeFirstOrThrow();
    return { ok: true, participant: toParticipant(saved) };
  });
}

/** Specialists the actor may put a participant with, for the form's choice. */
export async function listAssignableSpecialists(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
  const rows = await db.selectFrom("users").select(["id", "name", "team_id", "role", "active"])
    .where("role", "=", "specialist").where("active", "=", 1).orderBy("name").execute();
  return rows
    .filter((u) => mayAssignTo(actor, { id: u.id, teamId: u.team_id, role: u.role, active: u.active === 1 }))
    .map((u) => ({ id: u.id, name: u.name }));
}

/** The name on a participant's pages: who they are, whether archived. */
export interface ParticipantHeading {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  status: "active" | "archived";
}

/**
 * The participant's name for the navigation shared by their pages, or null when
 * the actor may not read the record. It writes no audit row: the page beneath it
 * authorizes, audits and refuses on its own (a refusal here would be counted twice).
 */
export async function participantHeading(db: Db, actor: Actor, id: string): Promise<ParticipantHeading | null> {
  const row = await selectParticipant(db).where("p.id", "=", id).executeTakeFirst();
  if (!row || actor.kind !== "staff") return null;
  if (!participantPermissions(actor, { specialistId: row.specialist_id, teamId: row.team_id }).read) return null;
  return { id: row.id, firstName: row.first_name, lastName: row.last_name, preferredName: row.preferred_name, status: row.status === "archived" ? "archived" : "active" };
}
