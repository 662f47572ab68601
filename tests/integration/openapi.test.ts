import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { freshDatabase } from "../support/db.ts";
import { startTestServer } from "../support/server.ts";

let database: DbHandle;
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  database = await freshDatabase();
  server = await startTestServer(database);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

describe("OpenAPI document", () => {
  it("describes every participant operation with schemas from the zod models", async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/participants", "/participants/{id}", "/participants/{id}/archive", "/participants/{id}/restore"]));
    const create = doc.paths["/participants"].post.requestBody.content["application/json"].schema;
    expect(create.required).toEqual(expect.arrayContaining(["firstName", "lastName"]));
    expect(create.properties.situationFlags.items.enum).toContain("justiceInvolvement");
    expect(create.additionalProperties).toBe(false);
    expect(doc.paths["/participants/{id}"].put.responses["409"]).toBeDefined();
    const update = doc.paths["/participants/{id}"].put.requestBody.content["application/json"].schema;
    expect(update.required).toContain("version");
  });
});
