import { beforeAll, describe, expect, it } from "vitest";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { issuePersonalLink } from "../../src/domain/links/links.server.ts";
import { PARTICIPANT_LINK_TERMS } from "../../src/domain/links/model.ts";
import { useTestApp } from "../support/app.ts";
import { authorized } from "../support/access.ts";
import { addSupportPerson, grantConsent, issueLink, openLink } from "../support/partners.ts";
import type { Client } from "../support/server.ts";

// Each person's message choices (issue 12): the person sets them on their own page,
// the specialist sees each change (who, when) and can set them when asked; every
// change is audited against the person; text needs a number texts can reach.
const app = useTestApp();

let staff: Client;
let gloria: Client;
let gloriaId: string;
let pat: Client;

async function auditAfter(seq: number) {
  return app.database.db.selectFrom("audit_log").select(["action", "actor_id", "entity_type", "entity_id", "participant_id", "details"]).where("seq", ">", seq).orderBy("seq").execute();
}

beforeAll(async () => {
  staff = await app.clientFor("spec1@test.org");
  const participantId = app.world.participants.participant1.id;
  const person = await addSupportPerson(staff, participantId, { name: "Gloria Reyes", phone: "(312) 555-0142", email: "gloria@example.org", preferredChannel: "phone" });
  gloriaId = person.id;
  await grantConsent(staff, participantId, person.id);
  const link = await issueLink(app.database.db, app.world.actors.specialist1, participantId, person.id);
  gloria = (await openLink(app.url, link.path)).client;
  const access = await authorized(app.database.db, app.world.actors.specialist1, participantId);
  const own = await issuePersonalLink(app.database.db, access, { kind: "participant", participantId }, systemMeta, PARTICIPANT_LINK_TERMS);
  if (!own.ok) throw new Error("participant link not issued");
  pat = (await openLink(app.url, own.link.path)).client;
});

describe("a support person's own message choices", () => {
  it("start from their way of contact: a phone call means no messages, and reminders on", async () => {
    const page = await (await gloria.fetch("/support")).text();
    expect(page).toContain("Messages by: Do not send me messages");
    expect(page).toContain('href="/support/messages"');
    const form = await (await gloria.fetch("/support/messages")).text();
    expect(form).toMatch(/name="channel" checked="" value="none"/);
    expect(form).toMatch(/name="remindMeetings" checked=""/);
  });

  it("are saved from their page, audited as theirs, and shown to the specialist with who changed them", async () => {
    const before = await app.lastSeq();
    const response = await gloria.postForm("/support/messages", { channel: "text", language: "es", remindMeetings: "on" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/support?done=messages#messages");
    const row = await app.database.db.selectFrom("support_persons").select(["preferred_channel", "preferred_language", "remind_meetings", "remind_commitments"]).where("id", "=", gloriaId).executeTakeFirstOrThrow();
    expect(row).toEqual({ preferred_channel: "text", preferred_language: "es", remind_meetings: 1, remind_commitments: 0 });
    const audit = await auditAfter(before);
    expect(audit.map((a) => a.action)).toEqual(["message_preferences.update"]);
    expect(audit[0]).toMatchObject({ actor_id: `support_person:${gloriaId}`, entity_type: "support_person", entity_id: gloriaId, participant_id: app.world.participants.participant1.id });
    expect(JSON.parse(audit[0]!.details)).toEqual({ personKind: "support_person", fields: ["channel", "language", "remindCommitments"] });

    const staffView = await (await staff.fetch(`/participants/${app.world.participants.participant1.id}/network/${gloriaId}`)).text();
    expect(staffView).toContain("Messages by: Text message");
    expect(staffView).toContain("Language: Spanish");
    expect(staffView).toContain("Reminders: meetings");
    expect(staffView).toMatch(/Last changed by them on/);
  });

  it("refuse text without a number texts can reach, and say so on the channel", async () => {
    await app.database.db.updateTable("support_persons").set({ phone: "555-0142" }).where("id", "=", gloriaId).execute();
    const response = await gloria.postForm("/support/messages", { channel: "text", language: "en", remindMeetings: "on" });
    expect(response.status).toBe(400);
    // Their page is in the language they chose in the test before (Spanish), the refused form too.
    expect(await response.text()).toContain("Los mensajes de texto necesitan un número de celular con su código de área");
    await app.database.db.updateTable("support_persons").set({ phone: "(312) 555-0142" }).where("id", "=", gloriaId).execute();
  });

  it("choosing no messages clears text but keeps the rest of their record", async () => {
    expect((await gloria.postForm("/support/messages", { channel: "none", language: "es" })).status).toBe(302);
    const row = await app.database.db.selectFrom("support_persons").select(["preferred_channel", "phone", "email"]).where("id", "=", gloriaId).executeTakeFirstOrThrow();
    expect(row).toEqual({ preferred_channel: null, phone: "(312) 555-0142", email: "gloria@example.org" });
  });

  it("are changed by the specialist when asked, shown to the person as the specialist's change", async () => {
    const base = `/participants/${app.world.participants.participant1.id}/network/${gloriaId}/messages`;
    const before = await app.lastSeq();
    expect((await staff.postForm(base, { channel: "email", language: "en", remindMeetings: "on", remindCommitments: "on" })).status).toBe(302);
    const audit = await auditAfter(before);
    expect(audit.map((a) => a.action)).toEqual(["message_preferences.update"]);
    expect(audit[0]!.actor_id).toBe(app.world.users.specialist1.id);
    const page = await (await gloria.fetch("/support")).text();
    expect(page).toContain("Messages by: Email");
    expect(page).toContain("Your employment specialist last changed this on");
  });

  it("are not reachable by another team's specialist", async () => {
    const other = await app.clientFor("spec2@test.org");
    const base = `/participants/${app.world.participants.participant1.id}/network/${gloriaId}/messages`;
    expect((await other.fetch(base)).status).toBe(404);
    expect((await other.postForm(base, { channel: "none", language: "en" })).status).toBe(404);
    const row = await app.database.db.selectFrom("support_persons").select("preferred_channel").where("id", "=", gloriaId).executeTakeFirstOrThrow();
    expect(row.preferred_channel).toBe("email");
  });
});

describe("the participant's own message choices", () => {
  it("start with no messages and the SSI report reminder off, until they choose", async () => {
    const page = await (await pat.fetch("/me/messages")).text();
    expect(page).toMatch(/name="channel" checked="" value="none"/);
    expect(page).toContain('name="remindSsiReport"');
    expect(page).not.toMatch(/name="remindSsiReport" checked=""/);
  });

  it("opting into the SSI wage report reminder by email is saved, audited and seen by the specialist", async () => {
    const participantId = app.world.participants.participant1.id;
    await app.database.db.updateTable("participants").set({ email: "pat@example.org" }).where("id", "=", participantId).execute();
    const before = await app.lastSeq();
    const response = await pat.postForm("/me/messages", { channel: "email", language: "en", remindMeetings: "on", remindSsiReport: "on" });
    expect(response.status).toBe(302);
    const row = await app.database.db.selectFrom("participants").select(["message_channel", "remind_ssi_report", "remind_commitments"]).where("id", "=", participantId).executeTakeFirstOrThrow();
    expect(row).toEqual({ message_channel: "email", remind_ssi_report: 1, remind_commitments: 0 });
    const audit = await auditAfter(before);
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([["message_preferences.update", `participant:${participantId}`]]);
    const staffView = await (await staff.fetch(`/participants/${participantId}`)).text();
    expect(staffView).toContain("Messages by: Email");
    expect(staffView).toContain("SSI wage report");
    expect(staffView).toMatch(/Last changed by them on/);
  });

  it("are refused email without an address", async () => {
    await app.database.db.updateTable("participants").set({ email: null }).where("id", "=", app.world.participants.participant1.id).execute();
    const response = await pat.postForm("/me/messages", { channel: "email", language: "en" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Email needs an email address");
  });

  it("take an unknown channel as a field error, not a change", async () => {
    const response = await pat.postForm("/me/messages", { channel: "pigeon", language: "en" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choose how to send messages.");
  });
});
