import { describe, expect, it } from "vitest";
import type { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";

// Contact notes (issue 14): a dated log of contacts, shown on the overview; a note may
// name a support person only within their consent; edits never overwrite a newer
// version; deleting needs a confirmation; all audited; other caseloads see nothing.
const app = useTestApp();
const { clientFor, lastSeq } = app;
const today = () => new Date().toISOString().slice(0, 10);

async function actionsSince(seq: number) {
  return (await app.database.db.selectFrom("audit_log").select("action").where("seq", ">", seq).orderBy("seq").execute()).map((r) => r.action);
}
async function addPerson(client: Client, participantId: string, name: string) {
  const response = await client.api("POST", `/participants/${participantId}/support-persons`, { name, relationshipKind: "friend", closeness: "inner" });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}
async function grant(client: Client, participantId: string, personId: string, categories: string[]) {
  const response = await client.api("POST", `/participants/${participantId}/consent-grants`, {
    supportPersonId: personId, categories, purpose: "To help me keep my job.", mayAttendMeetings: true, mayReceivePlan: true,
    mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true,
  });
  expect(response.status).toBe(201);
}

describe("contact notes", () => {
  it("logs a contact within consent, refuses one outside it, shows the latest on the overview, and edits and deletes over the version read", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const page = `/participants/${id}/contacts`;
    const rosa = await addPerson(spec1, id, "Rosa Delgado");
    const omar = await addPerson(spec1, id, "Omar Said");
    await grant(spec1, id, rosa.id, ["employment_goals", "work_schedule"]);

    expect((await spec1.fetch(page)).status).toBe(200);
    const nobody = await spec1.postForm(page, { contactedOn: today(), method: "phone", summary: "Talked about shifts." });
    expect(nobody.status).toBe(400);

    // Omar holds no consent; Rosa's does not cover benefits.
    const toOmar = await spec1.postForm(page, { contactedOn: today(), method: "phone", supportPersonIds: omar.id, summary: "Asked Omar about rides." });
    expect(toOmar.status).toBe(422);
    expect(await toOmar.text()).toContain("Omar Said holds no consent now");
    const beyond = await spec1.postForm(page, { contactedOn: today(), method: "phone", supportPersonIds: rosa.id, summary: "SSI worries.", discloses: ["benefits_income"] });
    expect(beyond.status).toBe(422);
    expect(await beyond.text()).toContain("consent does not cover");
    expect(await app.database.db.selectFrom("contact_notes").select("id").execute()).toHaveLength(0);

    const before = await lastSeq();
    const created = await spec1.postForm(page, {
      contactedOn: today(), method: "in_person", withParticipant: "on", supportPersonIds: rosa.id, summary: "Planned the first week of shifts with Pat and Rosa.", discloses: ["work_schedule"],
    });
    expect(created.status).toBe(302);
    expect(await actionsSince(before)).toContain("contact_note.create");
    const note = await app.database.db.selectFrom("contact_notes").selectAll().executeTakeFirstOrThrow();

    const overview = await (await spec1.fetch(`/participants/${id}`)).text();
    expect(overview).toContain("Planned the first week of shifts with Pat and Rosa.");
    expect(overview).toContain("Rosa Delgado");

    const edit = `${page}/${note.id}`;
    const fields = { contactedOn: today(), method: "in_person", withParticipant: "on", supportPersonIds: rosa.id, summary: "Planned shifts; Rosa drives on Mondays.", discloses: ["work_schedule"], version: "1" };
    expect((await spec1.postForm(edit, fields)).status).toBe(302);
    // A second person still holding version 1 is refused and sees the saved version.
    const stale = await spec1.postForm(edit, { ...fields, summary: "An older take." });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Rosa drives on Mondays.");
    const saved = await app.database.db.selectFrom("contact_notes").select(["summary", "version"]).where("id", "=", note.id).executeTakeFirstOrThrow();
    expect([saved.summary, Number(saved.version)]).toEqual(["Planned shifts; Rosa drives on Mondays.", 2]);

    expect((await spec1.postForm(edit, { intent: "delete", version: "2" })).status).toBe(400);
    expect((await spec1.postForm(edit, { intent: "delete", version: "1", confirm: "on" })).status).toBe(409);
    const deleting = await lastSeq();
    expect((await spec1.postForm(edit, { intent: "delete", version: "2", confirm: "on" })).status).toBe(302);
    expect(await app.database.db.selectFrom("contact_notes").select("id").execute()).toHaveLength(0);
    expect(await actionsSince(deleting)).toContain("contact_note.delete");
  });

  it("answers another team's specialist as if the participant did not exist", async () => {
    const spec2 = await clientFor("spec2@test.org");
    const id = app.world.participants.participant1.id;
    expect((await spec2.fetch(`/participants/${id}/contacts`)).status).toBe(404);
    const before = await lastSeq();
    const refused = await spec2.postForm(`/participants/${id}/contacts`, { contactedOn: today(), method: "phone", withParticipant: "on", summary: "x" });
    expect(refused.status).toBe(404);
    expect(await actionsSince(before)).toEqual(["access.refused"]);
  });
});

describe("the participant at a glance", () => {
  it("summarises network, plan, wins and benefits in cards linking to their pages", async () => {
    const spec1 = await clientFor("spec1b@test.org");
    const id = app.world.participants.participant1b.id;
    const lena = await addPerson(spec1, id, "Lena Park");
    await addPerson(spec1, id, "Sam Ortiz");
    await grant(spec1, id, lena.id, ["employment_goals"]);
    const before = await lastSeq();
    const html = await (await spec1.fetch(`/participants/${id}`)).text();
    const card = (name: string) => html.slice(html.indexOf(`data-testid="glance-${name}"`), html.indexOf("</section>", html.indexOf(`data-testid="glance-${name}"`)));
    expect(card("network")).toContain("2 people");
    expect(card("network")).toContain("1 holds consent");
    expect(card("network")).toContain(`/participants/${id}/network`);
    expect(card("plan")).toContain("Open items");
    expect(card("meeting")).toContain("No meeting planned.");
    expect(card("contacts")).toContain("No contacts logged yet.");
    expect(await actionsSince(before)).toEqual(["participant.read"]);
  });
});
