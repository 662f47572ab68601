import { z } from "zod";
import {
  participantInputSchema, participantSchema, participantSummarySchema, participantUpdateSchema, versionOnlySchema,
} from "../../domain/participants/model.ts";
import { networkPaths } from "./network.ts";
import { benefitsRecordsPaths } from "./benefits-records.ts";
import { meetingsPaths } from "./meetings.ts";
import { estimateRequestSchema, estimateResultSchema } from "../../domain/benefits/model.ts";

const fieldErrorSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });
const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.array(fieldErrorSchema), current: participantSchema.optional() }),
});
const caseloadPageSchema = z.object({
  participants: z.array(participantSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageCount: z.number().int(),
});

function schema(s: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(s, { target: "draft-2020-12", io, unrepresentable: "any" });
}

const json = (s: z.ZodType, io: "input" | "output" = "output") => ({ "application/json": { schema: schema(s, io) } });
const errorResponse = (description: string) => ({ description, content: json(errorSchema) });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const common = {
  "400": errorResponse("The body or query is not valid; `fields` lists each problem."),
  "401": errorResponse("Not signed in and no valid API token."),
  "403": errorResponse("A cookie-authenticated change without the X-CSRF-Token header."),
};

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers use. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Allies API",
      version: "1.0.0",
      description:
        "Participants on the caseloads you may see. Authenticate with a session cookie (send X-CSRF-Token on changes) or with `Authorization: Bearer <personal API token>`. A record you may not see answers 404, the same as one that does not exist.",
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A personal API token from your profile page or `allies token create`." },
        session: { type: "apiKey", in: "cookie", name: "allies_session" },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths: {
      ...networkPaths({ json, errorResponse, common }),
      ...benefitsRecordsPaths({ json, errorResponse, common }),
      ...meetingsPaths({ json, errorResponse, common }),
      "/participants": {
        get: {
          operationId: "listParticipants",
          summary: "List the participants on the caseloads you may see",
          parameters: [
            { name: "q", in: "query", schema: { type: "string", maxLength: 100 }, description: "Part of a name" },
            { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
            { name: "status", in: "query", schema: { type: "string", enum: ["active", "archived"] } },
          ],
          responses: { "200": { description: "One page of participants", content: json(caseloadPageSchema) }, ...common },
        },
        post: {
          operationId: "createParticipant",
          summary: "Add a participant to a caseload",
          requestBody: { required: true, content: json(participantInputSchema, "input") },
          responses: {
            "201": { description: "Created", content: json(participantSchema) },
            ...common,
            "422": errorResponse("The chosen specialist cannot take this participant."),
          },
        },
      },
      "/participants/{id}": {
        parameters: [idParam],
        get: {
          operationId: "getParticipant",
          summary: "Read one participant",
          responses: { "200": { description: "The participant", content: json(participantSchema) }, ...common, "404": errorResponse("Not found") },
        },
        put: {
          operationId: "updateParticipant",
          summary: "Save a participant over the version you read",
          requestBody: { required: true, content: json(participantUpdateSchema, "input") },
          responses: {
            "200": { description: "Saved", content: json(participantSchema) },
            ...common,
            "404": errorResponse("Not found"),
            "409": errorResponse("Someone saved a newer version; `current` holds it. Nothing was saved."),
            "422": errorResponse("The chosen specialist cannot take this participant."),
          },
        },
      },
      "/participants/{id}/archive": {
        parameters: [idParam],
        post: {
          operationId: "archiveParticipant",
          summary: "Archive a participant (nothing is deleted)",
          requestBody: { required: true, content: json(versionOnlySchema, "input") },
          responses: { "200": { description: "Archived", content: json(participantSchema) }, ...common, "404": errorResponse("Not found"), "409": errorResponse("Version conflict") },
        },
      },
      "/participants/{id}/restore": {
        parameters: [idParam],
        post: {
          operationId: "restoreParticipant",
          summary: "Bring an archived participant back to the active caseload",
          requestBody: { required: true, content: json(versionOnlySchema, "input") },
          responses: { "200": { description: "Restored", content: json(participantSchema) }, ...common, "404": errorResponse("Not found"), "409": errorResponse("Version conflict") },
        },
      },
      "/benefits/estimate": {
        post: {
          operationId: "estimateBenefits",
          summary: "Estimate SSI and SSDI without work and for up to four ways of working (federal rules only)",
          requestBody: { required: true, content: json(estimateRequestSchema, "input") },
          responses: { "200": { description: "The estimate, with a plain-language summary per scenario and notes to always show", content: json(estimateResultSchema) }, ...common },
        },
      },
    },
  };
}
