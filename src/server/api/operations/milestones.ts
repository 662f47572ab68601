import { z } from "zod";
import { addEncouragement, addMilestone, listMilestones } from "../../../domain/milestones/milestones.server.ts";
import { encouragementInputSchema, milestoneInputSchema, milestoneSchema, milestonesViewSchema } from "../../../domain/milestones/model.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant, win or person, or you may not see it";

/** Small wins and the encouragement they draw. */
export const milestoneOperations = [
  defineOperation({
    operationId: "listMilestones",
    method: "get",
    path: "/participants/{id}/milestones",
    summary: "Small wins, newest first, with encouragement notes",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The wins", body: milestonesViewSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, meta }) => {
      const view = await listMilestones(db, access, meta);
      return view ? reply(200, { milestones: view.milestones, generalNotes: view.generalNotes, celebrateOptions: view.celebrateOptions }) : notFound();
    },
  }),
  defineOperation({
    operationId: "addMilestone",
    method: "post",
    path: "/participants/{id}/milestones",
    summary: "Add a win; celebrateWith may name only supports with an active consent",
    permission: "update:participant",
    participant: "update",
    body: milestoneInputSchema,
    responses: { 201: { description: "Added", body: milestoneSchema }, 404: NOT_FOUND, 422: "Someone in celebrateWith has no active consent." },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await addMilestone(db, access, body, meta);
      if (result.ok) return reply(201, result.milestone);
      if (result.reason === "not_consented") {
        return failure(422, "not_consented", "Someone in celebrateWith may not be told about this win: their consent does not allow contact or does not cover what it discloses. Nothing was saved.", [
          ...result.people.map((id) => ({ path: "celebrateWith", code: "not_consented", message: `${id} may not be told about this win.` })),
        ]);
      }
      return notFound();
    },
  }),
  defineOperation({
    operationId: "addEncouragement",
    method: "post",
    path: "/participants/{id}/encouragement-notes",
    summary: "Record a note of encouragement, about one win or in general",
    permission: "update:participant",
    participant: "update",
    body: encouragementInputSchema,
    responses: { 201: { description: "Recorded", body: z.object({ ok: z.boolean() }) }, 404: NOT_FOUND },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await addEncouragement(db, access, body, meta);
      return result.ok ? reply(201, { ok: true }) : notFound();
    },
  }),
];
