import { z } from "zod";
import { helpRequestInputSchema, helpRequestSchema, partnerActionsSchema } from "../../../domain/partners/model.ts";
import { markHelpRequestDone, postHelpRequest, readHelpRequests, withdrawHelpRequest } from "../../../domain/partners/help-requests.server.ts";
import { listPartnerActions } from "../../../domain/partners/reports.server.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant or help request, or you may not see it";
const NOT_CHANGEABLE = "The request is no longer in a state that allows this (claimed, done or withdrawn already).";

const notChangeable = () => failure(409, "not_changeable", "The help request has moved on: read it again to see how it stands.");

/**
 * Help requests (a need posted for the participant's network, issue 11) and what
 * support persons did on their own pages, for the specialist. Authorized by the
 * participant in the path like every participant operation, and audited like the pages.
 */
export const partnerOperations = [
  defineOperation({
    operationId: "listHelpRequests",
    method: "get",
    path: "/participants/{id}/help-requests",
    summary: "Help requests: the open and claimed ones first, then the history (done, withdrawn)",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The requests, each with what the caller may do with it now", body: z.object({ requests: z.array(helpRequestSchema) }) }, 404: NOT_FOUND },
    handler: async ({ db, access, meta }) => {
      const requests = await readHelpRequests(db, access, meta);
      return requests ? reply(200, { requests }) : notFound();
    },
  }),
  defineOperation({
    operationId: "postHelpRequest",
    method: "post",
    path: "/participants/{id}/help-requests",
    summary: "Post a need for the network; supports whose consent and kinds of help fit see it on their page",
    permission: "update:participant",
    participant: "update",
    body: helpRequestInputSchema,
    responses: { 201: { description: "Posted", body: z.object({ id: z.string() }) }, 404: NOT_FOUND },
    handler: async ({ db, access, body, meta }) => {
      const result = await postHelpRequest(db, access, body, meta);
      return result.ok ? reply(201, { id: result.id }) : notFound();
    },
  }),
  defineOperation({
    operationId: "withdrawHelpRequest",
    method: "post",
    path: "/participants/{id}/help-requests/{requestId}/withdraw",
    summary: "Take back a request nobody has claimed yet",
    permission: "update:participant",
    participant: "update",
    bodyOptional: true,
    body: z.strictObject({}),
    responses: { 200: { description: "Withdrawn", body: z.object({ status: z.literal("cancelled") }) }, 404: NOT_FOUND, 409: NOT_CHANGEABLE },
    handler: async ({ db, access, params, meta }) => {
      const result = await withdrawHelpRequest(db, access, params.requestId, meta);
      if (result.ok) return reply(200, { status: "cancelled" as const });
      return result.reason === "not_changeable" ? notChangeable() : notFound();
    },
  }),
  defineOperation({
    operationId: "markHelpRequestDone",
    method: "post",
    path: "/participants/{id}/help-requests/{requestId}/done",
    summary: "The help was given: a claimed request goes to the history, and its plan item is done",
    permission: "update:participant",
    participant: "update",
    bodyOptional: true,
    body: z.strictObject({}),
    responses: { 200: { description: "Done", body: z.object({ status: z.literal("done") }) }, 404: NOT_FOUND, 409: NOT_CHANGEABLE },
    handler: async ({ db, access, params, meta }) => {
      const result = await markHelpRequestDone(db, access, params.requestId, meta);
      if (result.ok) return reply(200, { status: "done" as const });
      return result.reason === "not_changeable" ? notChangeable() : notFound();
    },
  }),
  defineOperation({
    operationId: "listPartnerActions",
    method: "get",
    path: "/participants/{id}/partner-actions",
    summary: "What support persons did on their own pages: answers to invitations, commitment marks, encouragement waiting to be passed on, step-outs",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "Newest first in each list", body: partnerActionsSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, meta }) => {
      const actions = await listPartnerActions(db, access, meta);
      return actions ? reply(200, actions) : notFound();
    },
  }),
];
