import { z } from "zod";
import { SCAN_MAX_BYTES } from "../../domain/consent/consent.server.ts";
import { FORM_BODY_LIMIT, UPLOAD_JSON_LIMIT } from "../bodies.ts";
import type { ApiOperation, ResponseDeclaration } from "./operation.ts";

/** What each path placeholder names; every placeholder of every operation is described here. */
const PATH_PARAMETERS: Record<string, string> = {
  id: "The participant",
  specialistId: "A specialist (a staff account) whose caseload is meant",
  personId: "A support person on the participant's network",
  grantId: "A consent grant of the participant",
  meetingId: "A meeting of the participant",
  entryId: "A commitment recorded in the meeting",
  concernId: "A concern on the participant's record",
  jobId: "A job on the participant's record",
  itemId: "An item of the participant's job support plan",
  referralId: "A benefits counselor referral of the participant",
  stubId: "A pay stub in the participant's earnings log",
  requestId: "A help request posted for the participant's network",
};

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[]; description?: string };

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  return z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
}

const json = (schema: z.ZodType, io: "input" | "output" = "output") => ({ "application/json": { schema: jsonSchema(schema, io) } });

const fieldErrorSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });

function errorSchema(current?: z.ZodType) {
  const error = z.object({ code: z.string(), message: z.string(), fields: z.array(fieldErrorSchema) });
  return z.object({ error: current ? error.extend({ current: current.describe("The record as it is now") }) : error });
}

function response(status: number, declared: ResponseDeclaration) {
  if (typeof declared === "string") return { description: declared, content: json(errorSchema()) };
  if ("current" in declared) return { description: declared.description, content: json(errorSchema(declared.current)) };
  if ("body" in declared) return { description: declared.description, content: json(declared.body) };
  if (status < 400) return { description: declared.description, content: { [declared.mediaType]: { schema: { type: "string" } } } };
  throw new Error(`status ${status} declares a document, but errors answer JSON`);
}

/** The answers the pipeline itself may give before or around any operation's handler. */
export function pipelineResponses(operation: ApiOperation): Record<number, string> {
  const responses: Record<number, string> = {
    400: "The body or query is not valid (or holds U+0000); `fields` lists each problem.",
    401: "Not signed in and no valid API token.",
    503: "The database stayed locked by another process (embedded SQLite); nothing was saved. Try again after the Retry-After seconds.",
  };
  if (operation.method !== "get") responses[403] = "A cookie-authenticated change without the X-CSRF-Token header.";
  if (operation.body) {
    responses[411] = "The body came without a Content-Length header (chunked); send its length.";
    responses[413] = operation.upload
      ? `The body is larger than ${UPLOAD_JSON_LIMIT / 1024 / 1024} MB (room for a ${SCAN_MAX_BYTES / 1024 / 1024} MB scan, base64-encoded).`
      : `The body is larger than ${FORM_BODY_LIMIT / 1024} kB.`;
    responses[415] = "The body is compressed (Content-Encoding) or in a charset other than UTF-8.";
  }
  return responses;
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
    const description = PATH_PARAMETERS[name!];
    if (!description) throw new Error(`${path}: describe {${name}} in PATH_PARAMETERS`);
    return { name, in: "path", required: true, schema: { type: "string" }, description };
  });
}

function queryParameters(query: z.ZodType | undefined) {
  if (!query) return [];
  const schema = jsonSchema(query, "input");
  return Object.entries(schema.properties ?? {}).map(([name, { description, ...property }]) => ({
    name, in: "query", required: schema.required?.includes(name) ?? false, schema: property, ...(description ? { description } : {}),
  }));
}

function operationEntry(operation: ApiOperation) {
  const parameters = [...pathParameters(operation.path), ...queryParameters(operation.query)];
  const responses = { ...pipelineResponses(operation), ...operation.responses };
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(operation.permission ? { "x-permission": operation.permission } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body ? { requestBody: { required: !operation.bodyOptional, content: json(operation.body, "input") } } : {}),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)).map(([status, declared]) => [status, response(Number(status), declared)])),
  };
}

/** The OpenAPI 3.1 document, made from the operations' declarations and the zod schemas they name. */
export function openApiDocument(operations: readonly ApiOperation[]) {
  const paths: Record<string, Record<string, ReturnType<typeof operationEntry>>> = {};
  for (const operation of operations) {
    const item = (paths[operation.path] ??= {});
    if (item[operation.method]) throw new Error(`${operation.method.toUpperCase()} ${operation.path} is declared twice`);
    item[operation.method] = operationEntry(operation);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Allies API",
      version: "1.0.0",
      description:
        "Participants on the caseloads you may see. Authenticate with a session cookie (send X-CSRF-Token on changes) or with `Authorization: Bearer <personal API token>`. A record you may not see answers 404, the same as one that does not exist. `x-permission` names the permission (`action:entity`, at any reach) an operation needs at all; whether it reaches a given participant is decided per record.",
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A personal API token from your profile page or `allies token create`." },
        session: { type: "apiKey", in: "cookie", name: "allies_session" },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
