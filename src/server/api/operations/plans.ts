import { z } from "zod";
import { planItemInputSchema, planItemSchema, planItemUpdateSchema, planItemVersionSchema, takeHomePlanSchema, takeHomeQuerySchema } from "../../../domain/plans/model.ts";
import { createPlanItem, getTakeHomePlan, listPlanItems, planItemHistory, updatePlanItem } from "../../../domain/plans/plans.server.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant or plan item, or you may not see it";
const INVALID_SUPPORT_PERSON = "The support person is not on the current network.";

const invalidSupportPerson = () => failure(422, "invalid_support_person", "That support person is not on the network now, or is marked do not contact.", [
  { path: "supportPersonId", code: "invalid_support_person", message: "Choose someone on the participant's current network." },
]);

/** The job support plan: who does what, its history, and the take-home copy each reader may have. */
export const planOperations = [
  defineOperation({
    operationId: "listPlanItems",
    method: "get",
    path: "/participants/{id}/plan-items",
    summary: "The job support plan",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The items", body: z.object({ items: z.array(planItemSchema) }) }, 404: NOT_FOUND },
    handler: async ({ db, access, params, meta }) => {
      const items = await listPlanItems(db, access, meta);
      return items ? reply(200, { items }) : notFound();
    },
  }),
  defineOperation({
    operationId: "createPlanItem",
    method: "post",
    path: "/participants/{id}/plan-items",
    summary: "Add an item to the job support plan",
    permission: "update:participant",
    participant: "update",
    body: planItemInputSchema,
    responses: { 201: { description: "Added", body: planItemSchema }, 404: NOT_FOUND, 422: INVALID_SUPPORT_PERSON },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await createPlanItem(db, access, body, meta);
      if (result.ok) return reply(201, result.item);
      if (result.reason === "invalid_support_person") return invalidSupportPerson();
      return notFound();
    },
  }),
  defineOperation({
    operationId: "updatePlanItem",
    method: "put",
    path: "/participants/{id}/plan-items/{itemId}",
    summary: "Save a plan item over the version you read; the old version is kept",
    permission: "update:participant",
    participant: "update",
    body: planItemUpdateSchema,
    responses: {
      200: { description: "Saved", body: planItemSchema },
      404: NOT_FOUND,
      409: { description: "Someone saved a newer version; `current` holds it. Nothing was saved.", current: planItemSchema },
      422: INVALID_SUPPORT_PERSON,
    },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await updatePlanItem(db, access, params.itemId, body, meta);
      if (result.ok) return reply(200, result.item);
      if (result.reason === "conflict") {
        return failure(409, "conflict", "Someone saved a newer version of this plan item. Nothing was saved.", [], { current: result.current });
      }
      if (result.reason === "invalid_support_person") return invalidSupportPerson();
      return notFound();
    },
  }),
  defineOperation({
    operationId: "getPlanItemHistory",
    method: "get",
    path: "/participants/{id}/plan-items/{itemId}/history",
    summary: "Every version of a plan item: what changed, who, when",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The versions, oldest first", body: z.object({ versions: z.array(planItemVersionSchema) }) }, 404: NOT_FOUND },
    handler: async ({ db, access, params, meta }) => {
      const versions = await planItemHistory(db, access, params.itemId, meta);
      return versions && versions.length > 0 ? reply(200, { versions }) : notFound();
    },
  }),
  defineOperation({
    operationId: "getTakeHomePlan",
    method: "get",
    path: "/participants/{id}/take-home-plan",
    summary: "The take-home plan: the participant's, or with `for` a support person's copy, through the consent check at this moment",
    permission: "read:participant",
    participant: "read",
    query: takeHomeQuerySchema,
    responses: { 200: { description: "The plan; `allowed: false` and nothing else when the reader may see nothing", body: takeHomePlanSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, query, meta }) => {
      const audience = query.for ? { kind: "support" as const, supportPersonId: query.for } : { kind: "participant" as const };
      const takeHome = await getTakeHomePlan(db, access, audience, meta);
      return takeHome ? reply(200, takeHome.plan) : notFound();
    },
  }),
];
