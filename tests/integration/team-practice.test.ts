import { describe, expect, it } from "vitest";
import type { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";
import { addSupportPerson, grantConsent, issueLink, openLink, today } from "../support/partners.ts";

// Issue 15, the team's own practice: coaching notes are private to the supervisor
// who wrote them, the specialist and administrators; the resource directory is
// kept by specialists and administrators; a resource offered to a support person
// passes the consent gate; the advocacy log is kept by supervisors and administrators.
const app = useTestApp();
const { lastSeq } = app;
// Signing in hashes a password: each person signs in once and keeps their session.
const clients = new Map<string, Promise<Client>>();
function clientFor(email: string): Promise<Client> {
  if (!clients.has(email)) clients.set(email, app.clientFor(email));
  return clients.get(email)!;
}

async function actionsSince(seq: number) {
  return (await app.database.db.selectFrom("audit_log").select("action").where("seq", ">", seq).orderBy("seq").execute()).map((r) => r.action);
}

describe("coaching notes", () => {
  it("are read only by the specialist, the supervisor who wrote them and administrators", { timeout: 120_000 }, async () => {
    const spec1 = app.world.users.specialist1;
    const page = `/coaching/${spec1.id}`;
    const sup1 = await clientFor("sup1@test.org");
    const before = await lastSeq();
    const written = await sup1.postForm(page, { metOn: today(), topic: "role_play", note: "Practised asking Pat's mother what worries her about work.", followUpOn: today() });
    expect(written.status).toBe(302);
    expect(await actionsSince(before)).toContain("coaching_note.create");
    const text = "Practised asking Pat's mother what worries her about work.";

    for (const email of ["spec1@test.org", "sup1@test.org", "admin@test.org"]) {
      const seen = await (await clientFor(email)).fetch(page);
      expect(seen.status, email).toBe(200);
      expect(await seen.text(), email).toContain(text);
    }
    // Another specialist of the same team, and the other team's supervisor and specialist: not found, as for no one.
    const nowhere = `/coaching/${crypto.randomUUID()}`;
    for (const email of ["spec1b@test.org", "sup2@test.org", "spec2@test.org"]) {
      const client = await clientFor(email);
      const refused = await client.fetch(page);
      expect(refused.status, email).toBe(404);
      expect(await refused.text(), email).not.toContain(text);
      expect((await client.fetch(nowhere)).status).toBe(404);
      // Nor can they write one.
      expect((await client.postForm(page, { metOn: today(), topic: "conflict", note: "Not theirs to write." })).status, email).toBe(404);
    }
    expect(await app.database.db.selectFrom("coaching_notes").select("id").execute()).toHaveLength(1);

    // A second supervisor of the same team does not see the first one's notes.
    const db = app.database.db;
    await db.insertInto("users").values({
      id: "sup1b", email: "sup1b@test.org", name: "Sam Second", role: "supervisor", team_id: app.world.teams.team1.id,
      password_hash: (await db.selectFrom("users").select("password_hash").where("email", "=", "sup1@test.org").executeTakeFirstOrThrow()).password_hash,
      active: 1, version: 1, created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
    }).execute();
    const sup1b = await clientFor("sup1b@test.org");
    const theirs = await sup1b.fetch(page);
    expect(theirs.status).toBe(200);
    expect(await theirs.text()).not.toContain(text);

    // The specialist marks the follow-up done, over the version read; a second try over the old version is a conflict.
    const note = await db.selectFrom("coaching_notes").selectAll().executeTakeFirstOrThrow();
    const spec = await clientFor("spec1@test.org");
    expect((await spec.postForm(page, { intent: "follow-up-done", noteId: note.id, version: "1" })).status).toBe(302);
    expect((await sup1.postForm(page, { intent: "follow-up-done", noteId: note.id, version: "1" })).status).toBe(409);
    expect((await db.selectFrom("coaching_notes").select("follow_up_done_at").executeTakeFirstOrThrow()).follow_up_done_at).not.toBeNull();
    // The other supervisor of the team cannot touch it.
    expect((await sup1b.postForm(page, { intent: "follow-up-done", noteId: note.id, version: "2" })).status).toBe(404);
  });
});

describe("resources", () => {
  it("are kept by specialists, offered within consent, and shown on the support person's own page", { timeout: 120_000 }, async () => {
    const spec1 = await clientFor("spec1@test.org");
    const p = app.world.participants.participant1.id;
    expect((await (await clientFor("sup1@test.org")).postForm("/resources", { name: "Not mine", kind: "class", description: "x", category: "none" })).status).toBe(404);

    const add = async (name: string, category: string) => {
      const created = await spec1.postForm("/resources", { name, kind: "family_group", description: `${name}, Tuesdays at six.`, languages: "English, Spanish", category });
      expect(created.status).toBe(302);
      return (await app.database.db.selectFrom("resources").select(["id", "version"]).where("name", "=", name).executeTakeFirstOrThrow());
    };
    const families = await add("Families at Work circle", "none");
    const recovery = await add("Recovery family group", "substance_use_treatment");

    // Optimistic edits: a save over an older version is refused.
    const edit = `/resources/${families.id}`;
    const fields = { name: "Families at Work circle", kind: "family_group", description: "Families at Work circle, Tuesdays at seven.", languages: "English, Spanish", category: "none", version: "1" };
    expect((await spec1.postForm(edit, fields)).status).toBe(302);
    expect((await spec1.postForm(edit, { ...fields, description: "Older" })).status).toBe(409);

    const gloria = await addSupportPerson(spec1, p, { name: "Gloria Reyes" });
    await grantConsent(spec1, p, gloria.id);
    const offers = `/participants/${p}/resources`;
    const before = await lastSeq();
    expect((await spec1.postForm(offers, { resourceId: families.id, to: gloria.id })).status).toBe(302);
    expect(await actionsSince(before)).toContain("resource.offer");
    // Gloria's consent does not cover substance use treatment: the offer is refused and nothing is stored.
    const refused = await spec1.postForm(offers, { resourceId: recovery.id, to: gloria.id });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("consent does not cover");
    expect(await app.database.db.selectFrom("resource_offers").select("id").execute()).toHaveLength(1);
    // The participant may be offered anything.
    expect((await spec1.postForm(offers, { resourceId: recovery.id, to: "participant" })).status).toBe(302);

    const link = await issueLink(app.database.db, app.world.actors.specialist1, p, gloria.id);
    const { client } = await openLink(app.url, link.path);
    const own = await (await client.fetch("/support")).text();
    expect(own).toContain("Families at Work circle, Tuesdays at seven.");
    expect(own).not.toContain("Recovery family group");

    // Another team's specialist cannot offer on this record.
    expect((await (await clientFor("spec2@test.org")).postForm(offers, { resourceId: families.id, to: "participant" })).status).toBe(404);

    // A retired resource can no longer be offered.
    expect((await spec1.postForm(edit, { intent: "retire", version: "2" })).status).toBe(302);
    expect((await spec1.postForm(offers, { resourceId: families.id, to: "participant" })).status).toBe(404);
  });
});

describe("advocacy log", () => {
  it("is read by all staff and kept by supervisors and administrators", async () => {
    const sup1 = await clientFor("sup1@test.org");
    expect((await sup1.postForm("/advocacy", { entry: "speaker", name: "Marisol Vega", event: "County job fair", spokeOn: today() })).status).toBe(302);
    expect((await sup1.postForm("/advocacy", { entry: "member", name: "Ana Ortiz", role: "steering_committee", since: "2026-01-10" })).status).toBe(302);
    expect((await sup1.postForm("/advocacy", { entry: "member", name: "", role: "boss", since: "soon" })).status).toBe(400);
    const spec = await clientFor("spec1@test.org");
    const page = await (await spec.fetch("/advocacy")).text();
    expect(page).toContain("Marisol Vega");
    expect(page).toContain("Ana Ortiz");
    expect((await spec.postForm("/advocacy", { entry: "meeting", heldOn: today(), notes: "Not theirs to keep." })).status).toBe(404);
    expect(await app.database.db.selectFrom("advocacy_meetings").select("id").execute()).toHaveLength(0);
  });
});
