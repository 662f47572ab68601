import {
  caseloadPageSchema, caseloadQuerySchema, participantInputSchema, participantSchema, participantUpdateSchema, versionOnlySchema,
} from "../../../domain/participants/model.ts";
import { createParticipant, getParticipant, listCaseload, setParticipantArchived, updateParticipant, type SaveResult } from "../../../domain/participants/participants.server.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant, or you may not see them";
const CONFLICT = { description: "Someone saved a newer version; `current` holds it. Nothing was saved.", current: participantSchema };
const INVALID_SPECIALIST = "The chosen specialist cannot take this participant.";

const invalidSpecialist = () => failure(422, "invalid_specialist", "That specialist cannot take this participant.", [
  { path: "specialistId", code: "invalid_specialist", message: "Choose an active specialist you may assign to." },
]);

const conflict = (result: Extract<SaveResult, { reason: "conflict" }>) =>
  failure(409, "conflict", "Someone saved this record after you loaded it. Nothing was saved.", [], { current: result.current });

/** Archiving and restoring answer alike; the specialist is not chosen there, so only a conflict or not found can refuse. */
function archived(result: SaveResult) {
  if (result.ok) return reply(200, result.participant);
  if (result.reason === "conflict") return conflict(result);
  return notFound();
}

/** The caseload: participants on the caseloads the actor may see. */
export const participantOperations = [
  defineOperation({
    operationId: "listParticipants",
    method: "get",
    path: "/participants",
    summary: "List the participants on the caseloads you may see",
    permission: "read:participant",
    query: caseloadQuerySchema,
    responses: { 200: { description: "One page of participants", body: caseloadPageSchema }, 404: "You may see no caseload" },
    handler: async ({ db, actor, query, meta }) => reply(200, await listCaseload(db, actor, query, meta)),
  }),
  defineOperation({
    operationId: "createParticipant",
    method: "post",
    path: "/participants",
    summary: "Add a participant to a caseload",
    permission: "create:participant",
    body: participantInputSchema,
    responses: { 201: { description: "Created", body: participantSchema }, 404: "You may add no participant", 422: INVALID_SPECIALIST },
    handler: async ({ db, actor, body, meta }) => {
      const result = await createParticipant(db, actor, body, meta);
      if (result.ok) return reply(201, result.participant);
      if (result.reason === "invalid_specialist") return invalidSpecialist();
      return notFound();
    },
  }),
  defineOperation({
    operationId: "getParticipant",
    method: "get",
    path: "/participants/{id}",
    summary: "Read one participant",
    permission: "read:participant",
    responses: { 200: { description: "The participant", body: participantSchema }, 404: NOT_FOUND },
    handler: async ({ db, actor, params, meta }) => {
      const view = await getParticipant(db, actor, params.id, meta);
      return view ? reply(200, view.participant) : notFound();
    },
  }),
  defineOperation({
    operationId: "updateParticipant",
    method: "put",
    path: "/participants/{id}",
    summary: "Save a participant over the version you read",
    permission: "update:participant",
    body: participantUpdateSchema,
    responses: { 200: { description: "Saved", body: participantSchema }, 404: NOT_FOUND, 409: CONFLICT, 422: INVALID_SPECIALIST },
    handler: async ({ db, actor, params, body, meta }) => {
      const result = await updateParticipant(db, actor, params.id, body, meta);
      if (result.ok) return reply(200, result.participant);
      if (result.reason === "conflict") return conflict(result);
      if (result.reason === "invalid_specialist") return invalidSpecialist();
      return notFound();
    },
  }),
  defineOperation({
    operationId: "archiveParticipant",
    method: "post",
    path: "/participants/{id}/archive",
    summary: "Archive a participant (nothing is deleted)",
    permission: "archive:participant",
    body: versionOnlySchema,
    responses: { 200: { description: "Archived", body: participantSchema }, 404: NOT_FOUND, 409: CONFLICT },
    handler: async ({ db, actor, params, body, meta }) => archived(await setParticipantArchived(db, actor, params.id, true, body.version, meta)),
  }),
  defineOperation({
    operationId: "restoreParticipant",
    method: "post",
    path: "/participants/{id}/restore",
    summary: "Bring an archived participant back to the active caseload",
    permission: "archive:participant",
    body: versionOnlySchema,
    responses: { 200: { description: "Restored", body: participantSchema }, 404: NOT_FOUND, 409: CONFLICT },
    handler: async ({ db, actor, params, body, meta }) => archived(await setParticipantArchived(db, actor, params.id, false, body.version, meta)),
  }),
];
