import { z } from "zod";
import { createConcern, readConcerns, updateConcern } from "../../../domain/concerns/concerns.server.ts";
import { concernInputSchema, concernSchema, concernUpdateSchema } from "../../../domain/concerns/model.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant or concern, or you may not see it";

/** Concerns on the participant's record, raised in a meeting or not, each with its mitigation plan. */
export const concernOperations = [
  defineOperation({
    operationId: "listConcerns",
    method: "get",
    path: "/participants/{id}/concerns",
    summary: "Concerns on the participant's record",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The concerns", body: z.object({ concerns: z.array(concernSchema) }) }, 404: NOT_FOUND },
    handler: async ({ db, access, params, meta }) => {
      const concerns = await readConcerns(db, access, meta);
      return concerns ? reply(200, { concerns }) : notFound();
    },
  }),
  defineOperation({
    operationId: "createConcern",
    method: "post",
    path: "/participants/{id}/concerns",
    summary: "Log a concern, in a meeting or not; the same clientKey twice records it once",
    permission: "update:participant",
    participant: "update",
    body: concernInputSchema,
    responses: { 201: { description: "Logged", body: concernSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, body, meta }) => {
      // A new concern has no earlier version to conflict with: refused or missing is all that can go wrong.
      const result = await createConcern(db, access, body, meta);
      return result.ok ? reply(201, result.concern) : notFound();
    },
  }),
  defineOperation({
    operationId: "updateConcern",
    method: "put",
    path: "/participants/{id}/concerns/{concernId}",
    summary: "Change a concern's status and mitigation plan over the version you read",
    permission: "update:participant",
    participant: "update",
    body: concernUpdateSchema,
    responses: {
      200: { description: "Saved", body: concernSchema },
      404: NOT_FOUND,
      409: { description: "Someone saved a newer version; `current` holds it. Nothing was saved.", current: concernSchema },
    },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await updateConcern(db, access, params.concernId, body, meta);
      if (result.ok) return reply(200, result.concern);
      if (result.reason === "conflict") {
        return failure(409, "conflict", "Someone saved a newer version of this concern. Nothing was saved.", [], { current: result.current });
      }
      return notFound();
    },
  }),
];
