import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/index.ts";
import { runScheduler } from "../../src/domain/messages/scheduler.server.ts";
import { workUntilIdle } from "../../src/server/messaging/worker.ts";
import { useTestApp } from "../support/app.ts";
import { addSupportPerson, grantConsent } from "../support/partners.ts";
import type { Client } from "../support/server.ts";

// Messages caused by time (issue 12), each kind with an injected clock, on SQLite or
// PostgreSQL: queued when due and not before, once only, however often the scheduler
// runs and on however many servers.
const app = useTestApp();
const at = (iso: string) => new Date(iso);
const unique = () => crypto.randomUUID().slice(0, 6);

/** Messages of a kind on their way (not those recorded as not sent for want of a channel). */
async function queued(kind: string) {
  return app.database.db.selectFrom("outbox_messages").selectAll().where("kind", "=", kind).where("status", "!=", "withheld_no_channel").orderBy("created_at").execute();
}

async function person(spec: Client, participantId: string, name: string) {
  const added = await addSupportPerson(spec, participantId, { name: `${name} ${unique()}`, email: `${name.toLowerCase()}-${unique()}@example.org`, preferredChannel: "email" });
  await grantConsent(spec, participantId, added.id);
  return added;
}

describe("the scheduler", () => {
  it("reminds invitees who said yes or maybe the day before a meeting, from 9 in the morning, once", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const [yes, maybe, no, pending] = [await person(spec, participantId, "Yes"), await person(spec, participantId, "Maybe"), await person(spec, participantId, "No"), await person(spec, participantId, "Pending")];
    const created = await spec.api("POST", `/participants/${participantId}/meetings`, {
      kind: "support", title: "Planning the first week", scheduledAt: "2031-03-14T18:30", durationMinutes: 60, place: "Eastside library",
      inviteeIds: [yes.id, maybe.id, no.id, pending.id], refreshments: null, seating: null, agenda: ["Welcome"],
    });
    expect(created.status).toBe(201);
    const meeting = (await created.json()) as { id: string };
    for (const [who, response] of [[yes, "yes"], [maybe, "maybe"], [no, "no"]] as const) {
      expect((await spec.api("POST", `/participants/${participantId}/meetings/${meeting.id}/responses`, { supportPersonId: who.id, response })).status).toBe(200);
    }

    expect(await runScheduler(app.database.db, "server-a", at("2031-03-12T10:00:00Z"))).toMatchObject({ ran: true, queued: 0 });
    expect((await runScheduler(app.database.db, "server-a", at("2031-03-13T08:59:00Z"))).queued).toBe(0);
    expect((await runScheduler(app.database.db, "server-a", at("2031-03-13T09:00:00Z"))).queued).toBe(2);
    const reminders = await queued("meeting_reminder");
    expect(reminders.map((r) => r.reader_id).sort()).toEqual([yes.id, maybe.id].sort());
    expect(reminders.every((r) => r.dedupe_key === `meeting_reminder:${meeting.id}:${r.reader_id}:2031-03-14T18:30:00.000Z`)).toBe(true);

    // Later the same day, again: nothing new.
    expect((await runScheduler(app.database.db, "server-a", at("2031-03-13T15:00:00Z"))).queued).toBe(0);
    expect(await queued("meeting_reminder")).toHaveLength(2);
  });

  it("runs on one server at a time, and a second server after the lease ends still queues nothing twice", async () => {
    const second = openDatabase(app.database.url, { audit: app.database.audit });
    try {
      const [a, b] = await Promise.all([
        runScheduler(app.database.db, "server-a", at("2031-03-13T16:00:00Z")),
        runScheduler(second.db, "server-b", at("2031-03-13T16:00:00Z")),
      ]);
      expect([a.ran, b.ran].filter(Boolean)).toHaveLength(1);
      // Server A's lease (five minutes) has run out: B takes over, and the reminders already queued stay single.
      const later = await runScheduler(second.db, "server-b", at("2031-03-13T16:10:00Z"));
      expect(later).toMatchObject({ ran: true, queued: 0 });
      expect(await queued("meeting_reminder")).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it("reminds a support person of their commitment at the time chosen for it, once", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const helper = await person(spec, participantId, "Helper");
    const item = await spec.api("POST", `/participants/${participantId}/plan-items`, {
      kind: "rides", description: "Drive Pat to the first shift", provider: "support_person", supportPersonId: helper.id, status: "agreed",
      sharedWithSupports: true, discloses: ["employment_goals"], reminderAt: "2031-05-02T07:30",
    });
    expect(item.status).toBe(201);
    const { id } = (await item.json()) as { id: string };
    await runScheduler(app.database.db, "server-a", at("2031-05-02T07:29:00Z"));
    expect(await queued("commitment_reminder")).toHaveLength(0);
    await runScheduler(app.database.db, "server-a", at("2031-05-02T07:31:00Z"));
    await runScheduler(app.database.db, "server-a", at("2031-05-02T08:31:00Z"));
    expect(await queued("commitment_reminder")).toHaveLength(1);
    const [reminder] = await queued("commitment_reminder");
    expect(reminder).toMatchObject({ reader_id: helper.id, dedupe_key: `commitment_reminder:${id}:2031-05-02T07:30:00.000Z` });
  });

  it("reminds a participant who asked for it to report last month's pay on the 5th, once a month", async () => {
    const participantId = app.world.participants.participant1.id;
    await app.database.db.updateTable("participants").set({ email: "pat@example.org", message_channel: "email", remind_ssi_report: 1 }).where("id", "=", participantId).execute();
    expect((await runScheduler(app.database.db, "server-a", at("2031-06-04T12:00:00Z"))).queued).toBe(0);
    expect((await runScheduler(app.database.db, "server-a", at("2031-06-05T09:30:00Z"))).queued).toBe(1);
    expect((await runScheduler(app.database.db, "server-a", at("2031-06-05T18:00:00Z"))).queued).toBe(0);
    const [reminder] = await queued("ssi_report_reminder");
    expect(reminder).toMatchObject({ reader_kind: "participant", reader_id: participantId, channel: "email", dedupe_key: `ssi_report_reminder:${participantId}:2031-06` });

    await workUntilIdle({ handle: app.database, senders: { email: null, text: null }, publicUrl: "https://allies.example.org", from: "x@example.org", sendTimeoutMs: 5_000, now: () => at("2031-06-05T09:31:00Z") });
    const [sent] = await queued("ssi_report_reminder");
    const rendered = JSON.parse(sent!.rendered!) as { to: string; subject: string; text: string };
    expect(rendered.to).toBe("pat@example.org");
    expect(rendered.text).toContain("May 2031");
    expect(rendered.text).toContain("Supplemental Security Income (SSI)");
    expect(rendered.text).toContain("https://allies.example.org/me");
  });

  it("sends each specialist a morning digest of counts, no names, once a day", async () => {
    const specialistId = app.world.users.specialist1.id;
    const digestsOn = async (day: string) => (await queued("daily_digest")).filter((d) => d.reader_id === specialistId && d.dedupe_key === `daily_digest:${specialistId}:${day}`);
    await runScheduler(app.database.db, "server-a", at("2031-03-14T06:59:00Z"));
    expect(await digestsOn("2031-03-14")).toHaveLength(0);
    await runScheduler(app.database.db, "server-a", at("2031-03-14T07:00:00Z"));
    await runScheduler(app.database.db, "server-a", at("2031-03-14T11:00:00Z"));
    const digests = await digestsOn("2031-03-14");
    expect(digests).toHaveLength(1);
    expect(JSON.parse(digests[0]!.content)).toMatchObject({ date: "2031-03-14", meetings: 1 });
    await workUntilIdle({ handle: app.database, senders: { email: null, text: null }, publicUrl: "https://allies.example.org", from: "x@example.org", sendTimeoutMs: 5_000, now: () => at("2031-03-14T07:01:00Z") });
    const [sent] = await digestsOn("2031-03-14");
    const rendered = JSON.parse(sent!.rendered!) as { to: string; text: string };
    expect(rendered.to).toBe("spec1@test.org");
    expect(rendered.text).toContain("Meetings today: 1");
    expect(rendered.text).not.toContain("Planning the first week");
  });
});
