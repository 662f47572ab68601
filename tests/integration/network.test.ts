import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app.ts";

// The support network through the real HTTP stack: pages and API, on SQLite or PostgreSQL.
const app = useTestApp();
const { clientFor, lastSeq } = app;

const MISSING = "00000000-0000-4000-8000-000000000000";

async function countPeople(participantId: string) {
  const row = await app.database.db.selectFrom("support_persons").select((eb) => eb.fn.countAll<number>().as("n")).where("participant_id", "=", participantId).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function auditActions(sinceSeq: number) {
  const rows = await app.database.db.selectFrom("audit_log").select(["seq", "action", "actor_id", "entity_id", "participant_id", "details"]).where("seq", ">", sinceSeq).orderBy("seq").execute();
  return rows;
}

describe("support persons through the API", () => {
  it("adds, lists, updates and ends a person, keeping each version and auditing each step", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const before = await lastSeq();

    const created = await spec1.api("POST", `/participants/${id}/support-persons`, {
      name: "Rosa Quinn", relationshipKind: "relative", closeness: "inner", status: "supportive", helpKinds: ["rides", "rides", "encouragement"], firstCall: true,
    });
    expect(created.status).toBe(201);
    const person = await created.json();
    expect(person).toMatchObject({ name: "Rosa Quinn", version: 1, firstCall: true, helpKinds: ["rides", "encouragement"], endedAt: null });

    const list = await (await spec1.api("GET", `/participants/${id}/support-persons`)).json();
    expect(list.current.map((p: { id: string }) => p.id)).toContain(person.id);
    expect(list.withConsent).toEqual([]);

    const updated = await spec1.api("PUT", `/participants/${id}/support-persons/${person.id}`, {
      name: "Rosa Quinn", relationshipKind: "relative", closeness: "inner", status: "strained", version: 1,
    });
    expect(updated.status).toBe(200);
    expect((await updated.json()).version).toBe(2);

    const stale = await spec1.api("PUT", `/participants/${id}/support-persons/${person.id}`, {
      name: "Rosa Q.", relationshipKind: "relative", closeness: "inner", status: "supportive", version: 1,
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.current).toMatchObject({ name: "Rosa Quinn", status: "strained", version: 2 });

    const ended = await spec1.api("POST", `/participants/${id}/support-persons/${person.id}/end`, { version: 2, reason: "Moved away" });
    expect(ended.status).toBe(200);
    expect((await ended.json()).endedReason).toBe("Moved away");
    const after = await (await spec1.api("GET", `/participants/${id}/support-persons`)).json();
    expect(after.current.map((p: { id: string }) => p.id)).not.toContain(person.id);
    expect(after.ended.map((p: { id: string }) => p.id)).toContain(person.id);

    const versions = await app.database.db.selectFrom("support_person_versions").select(["version", "change"]).where("support_person_id", "=", person.id).orderBy("version").execute();
    expect(versions.map((v) => [Number(v.version), v.change])).toEqual([[1, "create"], [2, "update"], [3, "end"]]);

    const actions = (await auditActions(before)).map((r) => r.action);
    expect(actions).toEqual(["support_person.create", "network.read", "support_person.update", "support_person.end", "network.read"]);
  });

  it("returns field errors for a bad body and stores nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const count = await countPeople(id);
    const response = await spec1.api("POST", `/participants/${id}/support-persons`, {
      name: "", relationshipKind: "cousin", closeness: "far", email: "not-an-email", phone: "call me", surprise: 1,
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    const paths = body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "relationshipKind", "closeness", "email", "phone"]));
    expect(body.error.fields.find((f: { path: string }) => f.path === "name").message).toBe("Enter the person's name.");

    const other = await spec1.api("POST", `/participants/${id}/support-persons`, { name: "Someone", relationshipKind: "other", closeness: "community" });
    expect(other.status).toBe(400);
    expect((await other.json()).error.fields.map((f: { path: string }) => f.path)).toEqual(["relationshipOther"]);
    expect(await countPeople(id)).toBe(count);
  });

  it("keeps where a person was found when they are edited", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const created = await (await spec1.api("POST", `/participants/${id}/support-persons`, {
      name: "Officer Diaz", relationshipKind: "probation_officer", closeness: "services", discoveredFrom: "officer",
    })).json();
    const updated = await (await spec1.api("PUT", `/participants/${id}/support-persons/${created.id}`, {
      name: "Officer Diaz", relationshipKind: "probation_officer", closeness: "community", version: 1,
    })).json();
    expect(updated.discoveredFrom).toBe("officer");
  });

  it("gives a team-2 specialist 404 on every network route for a team-1 participant, and writes nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await (await spec1.api("POST", `/participants/${id}/support-persons`, { name: "Neighbor Ned", relationshipKind: "neighbour", closeness: "community" })).json();
    const spec2 = await clientFor("spec2@test.org");
    const before = await lastSeq();
    const count = await countPeople(id);

    const calls: [string, string, unknown?][] = [
      ["GET", `/participants/${id}/support-persons`],
      ["POST", `/participants/${id}/support-persons`, { name: "X", relationshipKind: "friend", closeness: "friends" }],
      ["PUT", `/participants/${id}/support-persons/${person.id}`, { name: "X", relationshipKind: "friend", closeness: "friends", version: 1 }],
      ["POST", `/participants/${id}/support-persons/${person.id}/end`, { version: 1 }],
      ["GET", `/participants/${id}/consent-grants`],
    ];
    const missing = await (await spec2.api("GET", `/participants/${MISSING}/support-persons`)).json();
    for (const [method, path, body] of calls) {
      const response = await spec2.api(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toEqual(missing);
    }

    const pages = [
      `/participants/${id}/network`,
      `/participants/${id}/network/discover`,
      `/participants/${id}/network/${person.id}`,
      `/participants/${id}/network/${person.id}/consent/new`,
    ];
    for (const page of pages) expect((await spec2.fetch(page)).status, page).toBe(404);
    const post = await spec2.postForm(`/participants/${id}/network`, { name: "Sneaky", relationshipKind: "friend", closeness: "friends" });
    expect(post.status).toBe(404);

    expect(await countPeople(id)).toBe(count);
    // Each refused attempt leaves an access.refused row by spec2, and nothing else is written.
    const written = await auditActions(before);
    expect(written.length).toBeGreaterThan(0);
    expect(new Set(written.map((row) => row.action))).toEqual(new Set(["access.refused"]));
  });

  it("does not show a person through another participant's address", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const admin = await clientFor("admin@test.org");
    const other = app.world.participants.participant2.id;
    const person = await (await admin.api("POST", `/participants/${other}/support-persons`, { name: "Kim's Friend", relationshipKind: "friend", closeness: "friends" })).json();
    const id = app.world.participants.participant1.id;
    expect((await spec1.fetch(`/participants/${id}/network/${person.id}`)).status).toBe(404);
    const put = await spec1.api("PUT", `/participants/${id}/support-persons/${person.id}`, { name: "Changed", relationshipKind: "friend", closeness: "friends", version: 1 });
    expect(put.status).toBe(404);
  });

  it("describes the network and consent operations in the OpenAPI document", async () => {
    const doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      "/participants/{id}/support-persons", "/participants/{id}/support-persons/{personId}", "/participants/{id}/support-persons/{personId}/end",
      "/participants/{id}/consent-grants", "/participants/{id}/consent-grants/{grantId}/revoke",
    ]));
    const create = doc.paths["/participants/{id}/support-persons"].post.requestBody.content["application/json"].schema;
    expect(create.properties.status.enum).toContain("do_not_contact");
    const grant = doc.paths["/participants/{id}/consent-grants"].post.requestBody.content["application/json"].schema;
    expect(grant.properties.categories.items.enum).toContain("substance_use_treatment");
    expect(grant.properties.scan).toBeDefined();
  });
});

describe("support network pages", () => {
  it("adds a person from the network page form, and shows field errors without saving a bad one", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const count = await countPeople(id);
    const bad = await spec1.postForm(`/participants/${id}/network`, { name: "", relationshipKind: "friend", closeness: "friends", email: "nope" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Enter the person&#x27;s name.");
    expect(html).toContain("Enter an email address like name@example.org.");
    expect(await countPeople(id)).toBe(count);

    const good = await spec1.postForm(`/participants/${id}/network`, {
      name: "Maya Lin", relationshipKind: "friend", closeness: "friends", status: "supportive", helpKinds: ["wake_up_calls", "clothes"], preferredChannel: "text",
    });
    expect(good.status).toBe(302);
    expect(good.headers.get("location")).toMatch(new RegExp(`^/participants/${id}/network\\?added=`));
    const page = await (await spec1.fetch(good.headers.get("location")!)).text();
    expect(page).toContain("Maya Lin was added to the network.");
    expect(await countPeople(id)).toBe(count + 1);
  });

  it("adds a person from a guided discovery prompt in one step, remembering the prompt", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    await app.database.db.updateTable("participants").set({ flag_justice_involvement: 1 }).where("id", "=", id).execute();
    const page = await (await spec1.fetch(`/participants/${id}/network/discover`)).text();
    expect(page).toContain("Would your probation or parole officer be someone to include?");
    expect(page).not.toContain("When you were without a home");

    const response = await spec1.postForm(`/participants/${id}/network/discover`, {
      discoveredFrom: "officer", name: "Officer Grant", relationshipKind: "probation_officer", closeness: "services", status: "supportive", phone: "555-0100",
    });
    expect(response.status).toBe(302);
    const row = await app.database.db.selectFrom("support_persons").selectAll().where("name", "=", "Officer Grant").executeTakeFirstOrThrow();
    expect(row.discovered_from).toBe("officer");
    const after = await (await spec1.fetch(response.headers.get("location")!)).text();
    expect(after).toContain("Officer Grant was added.");

    const unknownPrompt = await spec1.postForm(`/participants/${id}/network/discover`, { discoveredFrom: "madeUp", name: "X", relationshipKind: "friend", closeness: "friends" });
    expect(unknownPrompt.status).toBe(404);
  });

  it("never overwrites a newer version from the person page", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await (await spec1.api("POST", `/participants/${id}/support-persons`, { name: "Tom Reyes", relationshipKind: "past_coworker", closeness: "friends" })).json();
    const first = await spec1.postForm(`/participants/${id}/network/${person.id}`, { intent: "update", version: "1", name: "Tom Reyes", relationshipKind: "past_coworker", closeness: "friends", status: "supportive", notes: "Works at the bakery" });
    expect(first.status).toBe(302);
    const stale = await spec1.postForm(`/participants/${id}/network/${person.id}`, { intent: "update", version: "1", name: "Thomas Reyes", relationshipKind: "past_coworker", closeness: "friends", status: "supportive" });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Someone else changed this person");
    const saved = await app.database.db.selectFrom("support_persons").select(["name", "notes", "version"]).where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ name: "Tom Reyes", notes: "Works at the bakery" });
    expect(Number(saved.version)).toBe(2);
  });
});
