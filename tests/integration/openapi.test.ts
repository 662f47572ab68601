import { describe, expect, it } from "vitest";
import { apiRouter } from "../../src/server/api/router.ts";
import { useTestApp } from "../support/app.ts";

const app = useTestApp();

interface DocumentedOperation {
  method: string;
  path: string;
  operationId: string;
  statuses: string[];
  hasBody: boolean;
}

async function documentedOperations(): Promise<DocumentedOperation[]> {
  const doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
  return Object.entries<Record<string, { operationId: string; responses: Record<string, unknown>; requestBody?: unknown }>>(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(), path, operationId: operation.operationId, statuses: Object.keys(operation.responses), hasBody: operation.requestBody !== undefined,
    })));
}

/** The routes Express really has, read from the router's own stack, written the OpenAPI way. */
function expressRoutes(): string[] {
  const router = apiRouter({ database: app.database, secureCookies: false }) as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  return router.stack.flatMap((layer) => {
    if (!layer.route) return [];
    const path = layer.route.path.replace(/:(\w+)/g, "{$1}");
    return Object.keys(layer.route.methods).filter((m) => m !== "_all").map((m) => `${m.toUpperCase()} ${path}`);
  });
}

function fill(path: string, values: Record<string, string>) {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? "no-such-record"));
}

describe("OpenAPI document", () => {
  it("describes every participant operation with schemas from the zod models", async () => {
    const response = await fetch(`${app.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/participants", "/participants/{id}", "/participants/{id}/archive", "/participants/{id}/restore"]));
    const create = doc.paths["/participants"].post.requestBody.content["application/json"].schema;
    expect(create.required).toEqual(expect.arrayContaining(["firstName", "lastName"]));
    expect(create.properties.situationFlags.items.enum).toContain("justiceInvolvement");
    expect(create.additionalProperties).toBe(false);
    const conflict = doc.paths["/participants/{id}"].put.responses["409"].content["application/json"].schema;
    expect(conflict.properties.error.properties.current.required).toContain("version");
    const update = doc.paths["/participants/{id}"].put.requestBody.content["application/json"].schema;
    expect(update.required).toContain("version");
    const list = doc.paths["/participants"].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(["q", "page", "status"]);
    expect(list["x-permission"]).toBe("read:participant");
  });

  it("has exactly one Express route per documented operation, and no route it does not document", async () => {
    const documented = (await documentedOperations()).map((op) => `${op.method} ${op.path}`);
    const routes = expressRoutes();
    // The document itself is the one route it does not describe.
    expect(routes.filter((route) => route !== "GET /openapi.json").sort()).toEqual([...documented].sort());
    expect(new Set(routes).size).toBe(routes.length);
    expect(documented.length).toBeGreaterThanOrEqual(40);
  });

  it("names each operation once", async () => {
    const ids = (await documentedOperations()).map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents every status the server answers: signed out, refused, unknown records, empty bodies and U+0000", async () => {
    const operations = await documentedOperations();
    const specialist = await app.clientFor("spec1@test.org");
    const admin = await app.clientFor("admin@test.org");
    const someoneElses = { id: app.world.participants.participant2.id };
    const undocumented: string[] = [];
    const check = (op: DocumentedOperation, what: string, status: number) => {
      if (!op.statuses.includes(String(status))) undocumented.push(`${op.operationId} ${what}: ${status}`);
    };
    for (const op of operations) {
      const body = op.hasBody ? {} : undefined;
      const signedOut = await fetch(`${app.url}/api/v1${fill(op.path, someoneElses)}`, { method: op.method, headers: { "content-type": "application/json" }, body: body && "{}" });
      check(op, "signed out", signedOut.status);
      check(op, "another caseload", (await specialist.api(op.method, fill(op.path, someoneElses), body)).status);
      check(op, "unknown records", (await admin.api(op.method, fill(op.path, {}), body)).status);
      check(op, "U+0000 in the query", (await admin.api(op.method, `${fill(op.path, someoneElses)}?q=%00`, body)).status);
      if (op.method !== "GET") {
        const withoutCsrf = await specialist.fetch(`/api/v1${fill(op.path, someoneElses)}`, { method: op.method });
        check(op, "without the CSRF header", withoutCsrf.status);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
