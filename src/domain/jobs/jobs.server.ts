import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { Db } from "../../db/index.ts";
import type { JobTable } from "../../db/schema.ts";
import { translate } from "../../i18n/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { USUAL_CONCERN_DISCLOSURE } from "../concerns/model.ts";
import { insertMilestone } from "../milestones/events.server.ts";
import { defaultWinDisclosure } from "../milestones/model.ts";
import { jobActions } from "./policy.ts";
import { endsBeforeStart, type Job, type JobEnd, type JobEndReason, type JobInput, type JobUpdate } from "./model.ts";

function toJob(row: Selectable<JobTable>): Job {
  return {
    id: row.id, participantId: row.participant_id, employer: row.employer, title: row.title, startedOn: row.started_on, endedOn: row.ended_on,
    hoursHundredths: row.hours_hundredths === null ? null : Number(row.hours_hundredths),
    hourlyWageCents: row.hourly_wage_cents === null ? null : Number(row.hourly_wage_cents),
    competitive: Number(row.competitive) === 1, integrated: Number(row.integrated) === 1,
    endReason: row.end_reason as JobEndReason | null, endNote: row.end_note, followUpConcernId: row.follow_up_concern_id,
    version: Number(row.version), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** The participant's jobs, the current ones first, then by start, newest first: for a page that already audited its read. */
export async function listJobs(db: Db | Trx, access: AuthorizedParticipant): Promise<Job[]> {
  if (!jobActions(access).read) return [];
  const rows = await db.selectFrom("jobs").selectAll().where("participant_id", "=", access.participant.id)
    .orderBy("started_on", "desc").orderBy("created_at", "desc").orderBy("id").execute();
  const jobs = rows.map(toJob);
  return [...jobs.filter((j) => j.endedOn === null), ...jobs.filter((j) => j.endedOn !== null)];
}

/** The jobs page or the API: authorized and audited. */
export async function readJobs(db: Db, access: AuthorizedParticipant, meta: RequestMeta): Promise<{ jobs: Job[]; canWrite: boolean } | null> {
  const { actor, participant: { id: participantId } } = access;
  const can = jobActions(access);
  const reason = readAllowed(access, can.read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const jobs = await listJobs(trx, access);
    await recordAudit(trx, { actor, action: "job.read", entityType: "participant", entityId: participantId, participantId, reason, details: { jobs: jobs.length }, meta });
    return { jobs, canWrite: can.write };
  });
}

type JobAction = "read:job" | "update:job" | "end:job";

/** The job, when it belongs to this participant; otherwise the refusal is audited and nothing is returned. */
async function jobOfParticipant(trx: Trx, access: AuthorizedParticipant, jobId: string, action: JobAction, meta: RequestMeta) {
  const participantId = access.participant.id;
  const row = await trx.selectFrom("jobs").selectAll().where("id", "=", jobId).where("participant_id", "=", participantId).executeTakeFirst();
  if (!row) await recordRefusal(trx, access.actor, { action, entityType: "job", entityId: jobId, participantId, reason: "not_found" }, meta);
  return row;
}

/** One job, for its page: authorized and audited. */
export async function readJob(db: Db, access: AuthorizedParticipant, jobId: string, meta: RequestMeta): Promise<{ job: Job; canWrite: boolean } | null> {
  const { actor, participant: { id: participantId } } = access;
  const can = jobActions(access);
  const reason = readAllowed(access, can.read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const row = await jobOfParticipant(trx, access, jobId, "read:job", meta);
    if (!row) return null;
    await recordAudit(trx, { actor, action: "job.read", entityType: "job", entityId: jobId, participantId, reason, details: { jobs: 1 }, meta });
    return { job: toJob(row), canWrite: can.write };
  });
}

export type JobResult =
  | { ok: true; job: Job }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "ends_before_start" }
  | { ok: false; reason: "already_ended"; current: Job }
  | { ok: false; reason: "conflict"; current: Job };

/**
 * Records a job. Starting a job is the win IPS works for, so it is recorded as a
 * "first day" win on the day the job started, one per job, like any other win
 * (what it discloses: job details).
 */
export async function createJob(db: Db, access: AuthorizedParticipant, input: JobInput, meta: RequestMeta, at = new Date()): Promise<JobResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, jobActions(access).write);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const now = at.toISOString();
    await trx.insertInto("jobs").values({
      id, participant_id: participantId, employer: input.employer, title: input.title, started_on: input.startedOn, ended_on: null,
      hours_hundredths: input.hoursPerWeek, hourly_wage_cents: input.hourlyWage, competitive: input.competitive ? 1 : 0, integrated: input.integrated ? 1 : 0,
      end_reason: null, end_note: null, follow_up_concern_id: null, version: 1, created_by: actor.userId, created_at: now, updated_by: actor.userId, updated_at: now,
    }).execute();
    await recordAudit(trx, { actor, action: "job.create", entityType: "job", entityId: id, participantId, reason, details: { competitive: input.competitive, integrated: input.integrated }, meta });
    const winId = await insertMilestone(trx, actor, participantId, "first_day", input.startedOn, null, [], "event", defaultWinDisclosure("first_day"));
    await recordAudit(trx, { actor, action: "milestone.create", entityType: "milestone", entityId: winId, participantId, reason: "recorded by the app from an event", details: { kind: "first_day" }, meta });
    return { ok: true, job: toJob(await trx.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow()) };
  });
}

/** Saves an edit over the version the person started from; when someone saved in between, the current job comes back. */
export async function updateJob(db: Db, access: AuthorizedParticipant, jobId: string, input: JobUpdate, meta: RequestMeta, at = new Date()): Promise<JobResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, jobActions(access).write);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const row = await jobOfParticipant(trx, access, jobId, "update:job", meta);
    if (!row) return { ok: false, reason: "not_found" };
    const before = toJob(row);
    if (before.version !== input.version) return { ok: false, reason: "conflict", current: before };
    if (before.endedOn !== null && endsBeforeStart(input.startedOn, before.endedOn)) return { ok: false, reason: "ends_before_start" };
    const result = await trx.updateTable("jobs").set({
      employer: input.employer, title: input.title, started_on: input.startedOn, hours_hundredths: input.hoursPerWeek, hourly_wage_cents: input.hourlyWage,
      competitive: input.competitive ? 1 : 0, integrated: input.integrated ? 1 : 0, version: input.version + 1, updated_by: actor.userId, updated_at: at.toISOString(),
    }).where("id", "=", jobId).where("version", "=", input.version).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: before };
    await recordAudit(trx, { actor, action: "job.update", entityType: "job", entityId: jobId, participantId, reason, details: { fromVersion: input.version }, meta });
    return { ok: true, job: toJob(await trx.selectFrom("jobs").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow()) };
  });
}

/**
 * Ends a job. A job ending is a step, not the end of the road: the app opens a
 * job-loss follow-up (a concern with its own talking points) for the specialist,
 * linked from the ended job, written in the specialist's language.
 */
export async function endJob(db: Db, access: AuthorizedParticipant, jobId: string, input: JobEnd, meta: RequestMeta, at = new Date()): Promise<JobResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, jobActions(access).write);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const row = await jobOfParticipant(trx, access, jobId, "end:job", meta);
    if (!row) return { ok: false, reason: "not_found" };
    const before = toJob(row);
    if (before.endedOn !== null) return { ok: false, reason: "already_ended", current: before };
    if (before.version !== input.version) return { ok: false, reason: "conflict", current: before };
    if (endsBeforeStart(before.startedOn, input.endedOn)) return { ok: false, reason: "ends_before_start" };
    const now = at.toISOString();
    const concernId = randomUUID();
    const description = translate(actor.locale, "job.followUp.description", {
      title: before.title, employer: before.employer, reason: translate(actor.locale, `job.endReason.${input.endReason}`),
    });
    await trx.insertInto("concerns").values({
      id: concernId, participant_id: participantId, meeting_id: null, type: "job_loss", description, raised_by: "specialist", support_person_id: null,
      status: "open", mitigation_plan: null, client_key: null, discloses: JSON.stringify(USUAL_CONCERN_DISCLOSURE.job_loss), version: 1,
      created_by: actor.userId, created_at: now, updated_at: now,
    }).execute();
    await recordAudit(trx, { actor, action: "concern.create", entityType: "concern", entityId: concernId, participantId, reason, details: { type: "job_loss", meetingId: null }, meta });
    const result = await trx.updateTable("jobs").set({
      ended_on: input.endedOn, end_reason: input.endReason, end_note: input.endNote, follow_up_concern_id: concernId,
      version: input.version + 1, updated_by: actor.userId, updated_at: now,
    }).where("id", "=", jobId).where("version", "=", input.version).where("ended_on", "is", null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Error("job changed while it was being ended");
    await recordAudit(trx, { actor, action: "job.end", entityType: "job", entityId: jobId, participantId, reason, details: { fromVersion: input.version, endReason: input.endReason, followUpConcernId: concernId }, meta });
    return { ok: true, job: toJob(await trx.selectFrom("jobs").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow()) };
  });
}
