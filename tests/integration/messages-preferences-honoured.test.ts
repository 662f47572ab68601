import { beforeAll, describe, expect, it } from "vitest";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { issuePersonalLink } from "../../src/domain/links/links.server.ts";
import { PARTICIPANT_LINK_TERMS } from "../../src/domain/links/model.ts";
import { runScheduler } from "../../src/domain/messages/scheduler.server.ts";
import { workUntilIdle } from "../../src/server/messaging/worker.ts";
import { authorized } from "../support/access.ts";
import { useTestApp } from "../support/app.ts";
import { addSupportPerson, grantConsent, openLink } from "../support/partners.ts";
import type { Client } from "../support/server.ts";

// Each person's choices decide what the scheduler queues and how it goes (issue 12):
// every reminder switch, of support persons and of the participant, with the injected
// clock; the channel is the one the person chose, never a fallback to email, and a
// person with no channel gets no message, recorded as not sent with why.
const app = useTestApp();
const at = (iso: string) => new Date(iso);
const unique = () => crypto.randomUUID().slice(0, 6);

let spec: Client;
let pat: Client;
let participantId: string;

async function rows(kind: string) {
  return app.database.db.selectFrom("outbox_messages").select(["id", "reader_kind", "reader_id", "channel", "status", "last_error", "rendered", "dedupe_key"])
    .where("kind", "=", kind).orderBy("created_at").execute();
}

async function person(name: string, fields: Record<string, unknown> = {}) {
  const added = await addSupportPerson(spec, participantId, { name: `${name} ${unique()}`, email: `${name.toLowerCase()}-${unique()}@example.org`, preferredChannel: "email", ...fields });
  await grantConsent(spec, participantId, added.id);
  return added;
}

async function meetingWith(invitees: { id: string }[], scheduledAt: string) {
  const created = await spec.api("POST", `/participants/${participantId}/meetings`, {
    kind: "support", title: "Checking in", scheduledAt, durationMinutes: 30, place: "Eastside library",
    inviteeIds: invitees.map((i) => i.id), refreshments: null, seating: null, agenda: ["Welcome"],
  });
  expect(created.status).toBe(201);
  const meeting = (await created.json()) as { id: string };
  for (const invitee of invitees) {
    expect((await spec.api("POST", `/participants/${participantId}/meetings/${meeting.id}/responses`, { supportPersonId: invitee.id, response: "yes" })).status).toBe(200);
  }
  return meeting;
}

async function switches(table: "support_persons" | "participants", id: string, set: Record<string, number | string | null>) {
  await app.database.db.updateTable(table).set(set).where("id", "=", id).execute();
}

const send = (now: string) => workUntilIdle({
  handle: app.database, senders: { email: null, text: null }, publicUrl: "https://allies.example.org", from: "x@example.org", sendTimeoutMs: 5_000, now: () => at(now),
});

beforeAll(async () => {
  spec = await app.clientFor("spec1@test.org");
  participantId = app.world.participants.participant1.id;
  const access = await authorized(app.database.db, app.world.actors.specialist1, participantId);
  const own = await issuePersonalLink(app.database.db, access, { kind: "participant", participantId }, systemMeta, PARTICIPANT_LINK_TERMS);
  if (!own.ok) throw new Error("participant link not issued");
  pat = (await openLink(app.url, own.link.path)).client;
});

describe("reminder switches", () => {
  it("a support person who switched meeting reminders off gets none; one who kept them on does", async () => {
    const [kept, off] = [await person("Kept"), await person("Off")];
    await switches("support_persons", off.id, { remind_meetings: 0 });
    const meeting = await meetingWith([kept, off], "2032-01-14T18:00");
    await runScheduler(app.database.db, "s", at("2032-01-13T09:30:00Z"));
    const reminders = (await rows("meeting_reminder")).filter((r) => r.dedupe_key?.includes(meeting.id) && r.reader_kind === "support_person");
    expect(reminders.map((r) => r.reader_id)).toEqual([kept.id]);
  });

  it("a support person who switched commitment reminders off gets none; one who kept them on does", async () => {
    const [kept, off] = [await person("KeptC"), await person("OffC")];
    await switches("support_persons", off.id, { remind_commitments: 0 });
    const ids: string[] = [];
    for (const helper of [kept, off]) {
      const item = await spec.api("POST", `/participants/${participantId}/plan-items`, {
        kind: "rides", description: `Drive to the shift (${helper.name})`, provider: "support_person", supportPersonId: helper.id, status: "agreed",
        sharedWithSupports: true, discloses: ["employment_goals"], reminderAt: "2032-02-02T07:30",
      });
      expect(item.status).toBe(201);
      ids.push(((await item.json()) as { id: string }).id);
    }
    await runScheduler(app.database.db, "s", at("2032-02-02T07:31:00Z"));
    const reminders = (await rows("commitment_reminder")).filter((r) => ids.some((id) => r.dedupe_key?.includes(id)));
    expect(reminders.map((r) => r.reader_id)).toEqual([kept.id]);
  });

  it("the participant gets the meeting reminder on the channel they chose, and none once they switch it off", async () => {
    await switches("participants", participantId, { phone: "+15555550142", email: "pat@example.org", message_channel: "text", remind_meetings: 1 });
    const first = await meetingWith([], "2032-03-14T18:00");
    await runScheduler(app.database.db, "s", at("2032-03-13T09:30:00Z"));
    const mine = (await rows("meeting_reminder")).filter((r) => r.reader_kind === "participant" && r.dedupe_key?.includes(first.id));
    expect(mine.map((r) => [r.channel, r.status])).toEqual([["text", "queued"]]);

    // Switched off on their own page.
    expect((await pat.postForm("/me/messages", { channel: "text", language: "en" })).status).toBe(302);
    const second = await meetingWith([], "2032-03-21T18:00");
    await runScheduler(app.database.db, "s", at("2032-03-20T09:30:00Z"));
    expect((await rows("meeting_reminder")).filter((r) => r.dedupe_key?.includes(second.id))).toEqual([]);
  });

  it("the participant is reminded of their own commitment, in words for the one who does it, only while the switch is on", async () => {
    await switches("participants", participantId, { email: "pat@example.org", message_channel: "email", remind_commitments: 1 });
    const item = await spec.api("POST", `/participants/${participantId}/plan-items`, {
      kind: "budgeting", description: "Call the bakery about the opening", provider: "participant", status: "agreed",
      sharedWithSupports: false, discloses: ["employment_goals"], reminderAt: "2032-04-02T10:00",
    });
    expect(item.status).toBe(201);
    const { id } = (await item.json()) as { id: string };
    await runScheduler(app.database.db, "s", at("2032-04-02T10:01:00Z"));
    const [reminder] = (await rows("commitment_reminder")).filter((r) => r.dedupe_key?.includes(id));
    expect(reminder).toMatchObject({ reader_kind: "participant", reader_id: participantId, channel: "email", status: "queued" });
    await send("2032-04-02T10:02:00Z");
    const [sent] = (await rows("commitment_reminder")).filter((r) => r.dedupe_key?.includes(id));
    const rendered = JSON.parse(sent!.rendered!) as { text: string; subject: string };
    expect(rendered.text).toContain("You planned to do this");
    expect(rendered.text).toContain("Call the bakery about the opening");
    expect(rendered.text).not.toContain("help");

    await switches("participants", participantId, { remind_commitments: 0 });
    const later = await spec.api("POST", `/participants/${participantId}/plan-items`, {
      kind: "budgeting", description: "Bring the form back", provider: "participant", status: "agreed",
      sharedWithSupports: false, discloses: ["employment_goals"], reminderAt: "2032-04-09T10:00",
    });
    const laterId = ((await later.json()) as { id: string }).id;
    await runScheduler(app.database.db, "s", at("2032-04-09T10:01:00Z"));
    expect((await rows("commitment_reminder")).filter((r) => r.dedupe_key?.includes(laterId))).toEqual([]);
  });

  it("the SSI report reminder goes only to a participant who ticked it on their page", async () => {
    await switches("participants", participantId, { email: "pat@example.org", message_channel: "email", remind_ssi_report: 0 });
    await runScheduler(app.database.db, "s", at("2032-05-05T09:30:00Z"));
    expect((await rows("ssi_report_reminder")).filter((r) => r.dedupe_key === `ssi_report_reminder:${participantId}:2032-05`)).toEqual([]);
    expect((await pat.postForm("/me/messages", { channel: "email", language: "en", remindSsiReport: "on" })).status).toBe(302);
    await runScheduler(app.database.db, "s", at("2032-06-05T09:30:00Z"));
    const reminders = (await rows("ssi_report_reminder")).filter((r) => r.dedupe_key === `ssi_report_reminder:${participantId}:2032-06`);
    expect(reminders.map((r) => [r.reader_id, r.channel, r.status])).toEqual([[participantId, "email", "queued"]]);
  });
});

describe("the chosen channel", () => {
  it("no channel chosen: no message, recorded as not sent with why, even with an email address on the record", async () => {
    await switches("participants", participantId, { email: "pat@example.org", phone: null, message_channel: null, remind_ssi_report: 1 });
    await runScheduler(app.database.db, "s", at("2032-07-05T09:30:00Z"));
    const [reminder] = (await rows("ssi_report_reminder")).filter((r) => r.dedupe_key === `ssi_report_reminder:${participantId}:2032-07`);
    expect(reminder).toMatchObject({ channel: "none", status: "withheld_no_channel", last_error: "no channel chosen" });
    await send("2032-07-05T09:31:00Z");
    const [after] = (await rows("ssi_report_reminder")).filter((r) => r.dedupe_key === `ssi_report_reminder:${participantId}:2032-07`);
    expect(after).toMatchObject({ status: "withheld_no_channel", rendered: null });
  });

  it("a support person who asked for phone calls is not emailed, though their address is known", async () => {
    const caller = await person("Caller", { preferredChannel: "phone" });
    const meeting = await meetingWith([caller], "2032-08-14T18:00");
    const invitations = (await rows("meeting_planned")).filter((r) => r.reader_id === caller.id);
    expect(invitations.map((r) => [r.channel, r.status, r.last_error])).toEqual([["none", "withheld_no_channel", "no channel chosen"]]);
    await runScheduler(app.database.db, "s", at("2032-08-13T09:30:00Z"));
    const reminders = (await rows("meeting_reminder")).filter((r) => r.reader_id === caller.id && r.dedupe_key?.includes(meeting.id));
    expect(reminders.map((r) => r.status)).toEqual(["withheld_no_channel"]);
  });

  it("chose text but has no number: not sent, and not emailed instead", async () => {
    const noNumber = await person("NoNumber");
    await switches("support_persons", noNumber.id, { preferred_channel: "text", phone: null });
    await meetingWith([noNumber], "2032-09-14T18:00");
    const invitations = (await rows("meeting_planned")).filter((r) => r.reader_id === noNumber.id);
    expect(invitations.map((r) => [r.channel, r.status, r.last_error])).toEqual([["none", "withheld_no_channel", "no phone number"]]);
  });

  it("a participant who stops messages after a reminder was queued is not sent it", async () => {
    await switches("participants", participantId, { email: "pat@example.org", message_channel: "email", remind_ssi_report: 1 });
    await runScheduler(app.database.db, "s", at("2032-10-05T09:30:00Z"));
    expect((await pat.postForm("/me/messages", { channel: "none", language: "en", remindSsiReport: "on" })).status).toBe(302);
    await send("2032-10-05T09:31:00Z");
    const [reminder] = (await rows("ssi_report_reminder")).filter((r) => r.dedupe_key === `ssi_report_reminder:${participantId}:2032-10`);
    expect(reminder).toMatchObject({ channel: "email", status: "withheld_opted_out", rendered: null });
  });
});
