import {
  supportNetworkSchema, supportPersonEndSchema, supportPersonInputSchema, supportPersonSchema, supportPersonUpdateSchema,
} from "../../../domain/network/model.ts";
import { createSupportPerson, endSupportPerson, getNetwork, updateSupportPerson, type SupportSaveResult } from "../../../domain/network/network.server.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant or person, or you may not see them";
const CONFLICT = {
  description: "Someone saved a newer version, or the person was taken off the network; `current` holds the person. Nothing was saved.",
  current: supportPersonSchema,
};

function saved(result: SupportSaveResult) {
  if (result.ok) return reply(200, result.person);
  if (result.reason === "conflict") {
    return failure(409, "conflict", "Someone changed this person after you read them, or they were taken off the network. Nothing was saved.", [], { current: result.current });
  }
  return notFound();
}

/** The participant's support network: the people around them, current and past. */
export const networkOperations = [
  defineOperation({
    operationId: "listSupportPersons",
    method: "get",
    path: "/participants/{id}/support-persons",
    summary: "The participant's support network, with who holds consent right now",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The network", body: supportNetworkSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, meta }) => {
      const view = await getNetwork(db, access, meta);
      return view ? reply(200, { current: view.current, ended: view.ended, withConsent: view.withConsent }) : notFound();
    },
  }),
  defineOperation({
    operationId: "createSupportPerson",
    method: "post",
    path: "/participants/{id}/support-persons",
    summary: "Add a support person",
    permission: "update:participant",
    participant: "update",
    body: supportPersonInputSchema,
    responses: { 201: { description: "Added", body: supportPersonSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, body, meta }) => {
      // A new person has no earlier version to conflict with: refused or missing is all that can go wrong.
      const result = await createSupportPerson(db, access, body, meta);
      return result.ok ? reply(201, result.person) : notFound();
    },
  }),
  defineOperation({
    operationId: "updateSupportPerson",
    method: "put",
    path: "/participants/{id}/support-persons/{personId}",
    summary: "Save a support person over the version you read",
    permission: "update:participant",
    participant: "update",
    body: supportPersonUpdateSchema,
    responses: { 200: { description: "Saved", body: supportPersonSchema }, 404: NOT_FOUND, 409: CONFLICT },
    handler: async ({ db, access, params, body, meta }) => saved(await updateSupportPerson(db, access, params.personId, body, meta)),
  }),
  defineOperation({
    operationId: "endSupportPerson",
    method: "post",
    path: "/participants/{id}/support-persons/{personId}/end",
    summary: "Take a person off the network (kept in history, never deleted)",
    permission: "update:participant",
    participant: "update",
    body: supportPersonEndSchema,
    responses: { 200: { description: "Ended", body: supportPersonSchema }, 404: NOT_FOUND, 409: CONFLICT },
    handler: async ({ db, access, params, body, meta }) =>
      saved(await endSupportPerson(db, access, params.personId, body.version, body.reason, meta)),
  }),
];
