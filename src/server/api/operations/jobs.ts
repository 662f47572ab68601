import { z } from "zod";
import { createJob, endJob, readJobs, updateJob } from "../../../domain/jobs/jobs.server.ts";
import { jobEndSchema, jobInputSchema, jobSchema, jobUpdateSchema } from "../../../domain/jobs/model.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant or job, or you may not see them";
const CONFLICT = { description: "Someone saved a newer version, or the job has already ended; `current` holds it. Nothing was saved.", current: jobSchema };

/** A participant's jobs (issue 15): starting one records the win, ending one opens a job-loss follow-up. */
export const jobOperations = [
  defineOperation({
    operationId: "listJobs",
    method: "get",
    path: "/participants/{id}/jobs",
    summary: "The participant's jobs, current ones first",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The jobs", body: z.object({ jobs: z.array(jobSchema) }) }, 404: NOT_FOUND },
    handler: async ({ db, access, meta }) => {
      const view = await readJobs(db, access, meta);
      return view ? reply(200, { jobs: view.jobs }) : notFound();
    },
  }),
  defineOperation({
    operationId: "createJob",
    method: "post",
    path: "/participants/{id}/jobs",
    summary: "Record a job; its first day is recorded as a win",
    permission: "update:participant",
    participant: "update",
    body: jobInputSchema,
    responses: { 201: { description: "Recorded", body: jobSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, body, meta }) => {
      const result = await createJob(db, access, body, meta);
      return result.ok ? reply(201, result.job) : notFound();
    },
  }),
  defineOperation({
    operationId: "updateJob",
    method: "put",
    path: "/participants/{id}/jobs/{jobId}",
    summary: "Change a job's facts over the version you read",
    permission: "update:participant",
    participant: "update",
    body: jobUpdateSchema,
    responses: { 200: { description: "Saved", body: jobSchema }, 404: NOT_FOUND, 409: CONFLICT, 422: "The job's last day would come before its first. Nothing was saved." },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await updateJob(db, access, params.jobId, body, meta);
      if (result.ok) return reply(200, result.job);
      if (result.reason === "ends_before_start") return failure(422, "ends_before_start", "The last day cannot come before the first day. Nothing was saved.", []);
      if (result.reason === "conflict" || result.reason === "already_ended") {
        return failure(409, result.reason, "Someone saved a newer version, or the job has already ended. Nothing was saved.", [], { current: result.current });
      }
      return notFound();
    },
  }),
  defineOperation({
    operationId: "endJob",
    method: "post",
    path: "/participants/{id}/jobs/{jobId}/end",
    summary: "End a job; a job-loss follow-up opens for the specialist",
    permission: "update:participant",
    participant: "update",
    body: jobEndSchema,
    responses: { 200: { description: "Ended", body: jobSchema }, 404: NOT_FOUND, 409: CONFLICT, 422: "The last day comes before the first. Nothing was saved." },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await endJob(db, access, params.jobId, body, meta);
      if (result.ok) return reply(200, result.job);
      if (result.reason === "ends_before_start") return failure(422, "ends_before_start", "The last day cannot come before the first day. Nothing was saved.", []);
      if (result.reason === "conflict" || result.reason === "already_ended") {
        return failure(409, result.reason, "Someone saved a newer version, or the job has already ended. Nothing was saved.", [], { current: result.current });
      }
      return notFound();
    },
  }),
];
