import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "../../db/index.ts";
import type { StaffActor } from "../../domain/auth/actor.ts";
import { ROLE_PERMISSIONS } from "../../domain/auth/permissions.ts";
import { openApiDocument } from "./openapi.ts";
import { defineOperation, failure, notFound, reply } from "./operation.ts";

const specialist: StaffActor = { kind: "staff", userId: "spec-a", email: "a@example.org", name: "A", role: "specialist", teamId: "team-1", permissions: ROLE_PERMISSIONS.specialist, locale: "en" };
const nobody: StaffActor = { ...specialist, permissions: [] };
// The operations below never reach a database; run() passes it through to the handler unread.
const db = null as unknown as Db;
const meta = { ip: null, requestId: null };

const noteSchema = z.object({ id: z.string(), text: z.string(), version: z.number().int() });

function noteOperation(calls: unknown[]) {
  return defineOperation({
    operationId: "saveNote",
    method: "put",
    path: "/participants/{id}/plan-items/{itemId}",
    summary: "Save a note",
    permission: "update:participant",
    query: z.object({ draft: z.enum(["yes", "no"]).optional().describe("Keep as a draft") }),
    body: z.strictObject({ text: z.string().trim().min(1), version: z.number().int() }),
    responses: {
      200: { description: "Saved", body: noteSchema },
      404: "No such note",
      409: { description: "A newer version exists", current: noteSchema },
    },
    handler: async ({ params, query, body }) => {
      calls.push({ params, query, body });
      if (body.version !== 1) return failure(409, "conflict", "Newer version", [], { current: { id: params.itemId, text: "newer", version: 2 } });
      return reply(200, { id: params.itemId, text: body.text, version: 2 });
    },
  });
}

describe("an operation's request steps", () => {
  it("refuses someone without the permission exactly like a record that does not exist, before reading anything", async () => {
    const calls: unknown[] = [];
    const answer = await noteOperation(calls).run({ db, actor: nobody, meta, params: { id: "p", itemId: "n" }, query: { draft: "%%" }, body: "not even an object" });
    expect(answer).toEqual(notFound());
    expect(calls).toEqual([]);
  });

  it("checks the query and the body with their schemas and hands the handler what they parsed", async () => {
    const calls: unknown[] = [];
    const operation = noteOperation(calls);
    const badQuery = await operation.run({ db, actor: specialist, meta, params: { id: "p", itemId: "n" }, query: { draft: "maybe" }, body: { text: "Hi", version: 1 } });
    expect(badQuery).toMatchObject({ status: 400, error: { code: "invalid_query", fields: [{ path: "draft" }] } });
    const badBody = await operation.run({ db, actor: specialist, meta, params: { id: "p", itemId: "n" }, query: {}, body: { text: " ", version: 1, extra: true } });
    expect(badBody).toMatchObject({ status: 400, error: { code: "invalid_body" } });
    expect((badBody as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path).sort()).toEqual(["(body)", "text"]);
    expect(calls).toEqual([]);

    const saved = await operation.run({ db, actor: specialist, meta, params: { id: "p", itemId: "n" }, query: { draft: "no" }, body: { text: "  Hi ", version: 1 } });
    expect(saved).toEqual({ status: 200, body: { id: "n", text: "Hi", version: 2 } });
    expect(calls).toEqual([{ params: { id: "p", itemId: "n" }, query: { draft: "no" }, body: { text: "Hi", version: 1 } }]);
  });

  it("takes a missing optional body as {}, and checks a body against the schema of the moment when there is one", async () => {
    const seen: unknown[] = [];
    const operation = defineOperation({
      operationId: "estimateSomething",
      method: "post",
      path: "/things",
      summary: "Estimate",
      permission: null,
      body: z.strictObject({ year: z.number().int().refine((y) => y <= 2026).default(2026) }),
      bodyOptional: true,
      bodyAt: async () => z.strictObject({ year: z.number().int().refine((y) => y <= 2027).default(2026) }),
      responses: { 200: { description: "Done", body: z.object({ year: z.number() }) } },
      handler: async ({ body }) => {
        seen.push(body);
        return reply(200, { year: body.year });
      },
    });
    expect(await operation.run({ db, actor: nobody, meta, params: {}, query: {}, body: undefined })).toEqual({ status: 200, body: { year: 2026 } });
    expect(await operation.run({ db, actor: nobody, meta, params: {}, query: {}, body: { year: 2027 } })).toEqual({ status: 200, body: { year: 2027 } });
    expect(await operation.run({ db, actor: nobody, meta, params: {}, query: {}, body: { year: 2028 } })).toMatchObject({ status: 400 });
    expect(seen).toEqual([{ year: 2026 }, { year: 2027 }]);
  });

  it("will not declare an operation behind a permission that does not document the 404 its refusal answers", () => {
    expect(() => defineOperation({
      operationId: "readSecret", method: "get", path: "/secret", summary: "A secret", permission: "read:participant",
      responses: { 200: { description: "The secret", body: z.string() } },
      handler: async () => reply(200, "s"),
    })).toThrow(/declare 404/);
  });
});

describe("the OpenAPI entry made from a declaration", () => {
  const doc = openApiDocument([noteOperation([])]);
  const entry = doc.paths["/participants/{id}/plan-items/{itemId}"]!.put!;

  it("describes the path's placeholders, the query from its schema and the body as sent", () => {
    expect(entry.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The participant" },
      expect.objectContaining({ name: "itemId", in: "path", required: true }),
      { name: "draft", in: "query", required: false, schema: { type: "string", enum: ["yes", "no"] }, description: "Keep as a draft" },
    ]);
    expect(entry.requestBody).toMatchObject({ required: true, content: { "application/json": { schema: { required: ["text", "version"], additionalProperties: false } } } });
    expect(entry["x-permission"]).toBe("update:participant");
  });

  it("documents the declared answers and the pipeline's own: bad input, signed out, CSRF, no length, too large, not UTF-8, busy", () => {
    expect(Object.keys(entry.responses)).toEqual(["200", "400", "401", "403", "404", "409", "411", "413", "415", "503"]);
    expect(entry.responses["413"]!.description).toBe("The body is larger than 256 kB.");
    const conflict = entry.responses["409"]!.content["application/json"].schema as { properties: { error: { properties: Record<string, { required?: string[] }> } } };
    expect(conflict.properties.error.properties.current!.required).toEqual(["id", "text", "version"]);
  });

  it("refuses a path placeholder nobody described", () => {
    const operation = defineOperation({
      operationId: "getThing", method: "get", path: "/things/{thingId}", summary: "A thing", permission: null,
      responses: { 200: { description: "The thing", body: z.string() } },
      handler: async ({ params }) => reply(200, params.thingId),
    });
    expect(() => openApiDocument([operation])).toThrow(/describe \{thingId\}/);
  });
});
