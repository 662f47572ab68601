import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { inputProblems } from "../../src/server/input.ts";
import { freshDatabase } from "../support/db.ts";
import { Client, startTestServer } from "../support/server.ts";
import { buildWorld, TEST_PASSWORD, type World } from "../support/world.ts";

// Input PostgreSQL cannot store, and addresses that do not decode: a 4xx on both
// databases, never a 500, and nothing stored. Found by the reliability suite.
let database: DbHandle;
let world: World;
let server: Awaited<ReturnType<typeof startTestServer>>;
let spec1: Client;

beforeAll(async () => {
  database = await freshDatabase();
  world = await buildWorld(database.db);
  server = await startTestServer(database);
  spec1 = new Client(server.url);
  await spec1.signIn("spec1@test.org", TEST_PASSWORD);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

async function participantCount(): Promise<number> {
  const row = await database.db.selectFrom("participants").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("U+0000", () => {
  it("is found in keys and strings at any depth", () => {
    expect(inputProblems({ a: "ok", b: ["x", "y\u0000"], "c\u0000": 1, d: { e: "\u0000" } }, "en").map((e) => e.path)).toEqual(["b.1", "c\\u0000", "d.e"]);
    expect(inputProblems({ a: "fine", b: [1, true, null] }, "en")).toEqual([]);
    expect(inputProblems("\u0000", "en")[0]?.path).toBe("(body)");
  });

  it("in an API body gets a field error and stores nothing", async () => {
    const before = await participantCount();
    const response = await spec1.api("POST", "/participants", { firstName: "a\u0000b", lastName: "Nul" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields).toEqual([expect.objectContaining({ path: "firstName", code: "nul_character" })]);
    expect(await participantCount()).toBe(before);
  });

  it("in an API query gets a field error", async () => {
    const response = await spec1.api("GET", "/participants?q=%00");
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields[0].path).toBe("q");
  });

  it("in a record id is a record nobody has, on the API and the pages", async () => {
    expect((await spec1.api("GET", "/participants/a%00b")).status).toBe(404);
    expect((await spec1.api("PUT", `/participants/${world.participants.participant1.id}/support-persons/%00`, { name: "X", relationshipKind: "friend", closeness: "friends", version: 1 })).status).toBe(404);
    expect((await spec1.fetch("/participants/%00")).status).toBe(404);
  });

  it("in a page's query or form is refused before the loader or action", async () => {
    expect((await spec1.fetch("/participants?q=%00")).status).toBe(400);
    const before = await participantCount();
    const posted = await spec1.postForm("/participants/new", { firstName: "a\u0000b", lastName: "Nul" });
    expect(posted.status).toBe(400);
    expect(await posted.text()).toContain("U+0000");
    expect(await participantCount()).toBe(before);
  });
});

describe("an address that does not decode", () => {
  it("is not found, on the API and the pages", async () => {
    const api = await spec1.api("GET", "/participants/%E0%A4%A");
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe("not_found");
    expect((await spec1.fetch("/participants/%E0%A4%A")).status).toBe(404);
  });
});

describe("an encouragement note", () => {
  it("cannot name another participant's support person", async () => {
    const admin = new Client(server.url);
    await admin.signIn("admin@test.org", TEST_PASSWORD);
    const theirs = await admin.api("POST", `/participants/${world.participants.participant2.id}/support-persons`, { name: "Not Yours", relationshipKind: "friend", closeness: "friends" });
    expect(theirs.status).toBe(201);
    const { id } = (await theirs.json()) as { id: string };
    const mine = world.participants.participant1.id;
    expect((await spec1.api("POST", `/participants/${mine}/encouragement-notes`, { text: "Well done", fromLabel: "Someone", supportPersonId: id })).status).toBe(404);
    expect((await spec1.api("POST", `/participants/${mine}/encouragement-notes`, { text: "Well done", fromLabel: "Someone", supportPersonId: "no-such-person" })).status).toBe(404);
    const notes = await database.db.selectFrom("encouragement_notes").select("id").where("participant_id", "=", mine).execute();
    expect(notes).toEqual([]);
  });
});
