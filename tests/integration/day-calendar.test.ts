import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { addDays, weekStart } from "../../src/domain/day/model.ts";
import type { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";
import { today } from "../support/partners.ts";

// The caseload's calendar (week and month) and the private calendar feed (issue 14 §1):
// only the caseload's meetings, a feed address shown once whose token is stored hashed,
// never another specialist's meetings, nothing after it is turned off, and minimal detail.
const app = useTestApp();

async function addMeeting(participantId: string, createdBy: string, scheduledAt: string, title: string, status = "planned") {
  const id = randomUUID();
  const now = new Date().toISOString();
  await app.database.db.insertInto("meetings").values({
    id, participant_id: participantId, kind: "support", title, scheduled_at: scheduledAt, duration_minutes: 45, place: "Library, room 2",
    checklist: "{}", agenda: "[]", separate_permission: null, status, current_step: 0, held_at: null, version: 1, created_by: createdBy, created_at: now, updated_at: now,
  }).execute();
  return id;
}

async function issueFeed(client: Client): Promise<string> {
  const response = await client.postForm("/profile/calendar-feed", { intent: "issue" });
  expect(response.status).toBe(200);
  const html = await response.text();
  const match = /\/calendar-feed\/(cal_[A-Za-z0-9_-]+)\.ics/.exec(html);
  expect(match).not.toBeNull();
  return `/calendar-feed/${match![1]}.ics`;
}

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((e) => ({
    uid: String(e.getFirstPropertyValue("uid")),
    summary: String(e.getFirstPropertyValue("summary")),
    location: String(e.getFirstPropertyValue("location")),
    start: String(e.getFirstPropertyValue("dtstart")),
    description: e.getFirstPropertyValue("description"),
  }));
}

describe("the calendar", () => {
  it("shows the caseload's meetings by week and by month, each a link, with today marked", async () => {
    const { participant1, participant2 } = app.world.participants;
    const { specialist1, specialist2 } = app.world.users;
    const day = today();
    const mine = await addMeeting(participant1.id, specialist1.id, `${day}T14:00:00.000Z`, "Weekly check-in");
    await addMeeting(participant2.id, specialist2.id, `${day}T15:00:00.000Z`, "Someone else's meeting");
    await addMeeting(participant1.id, specialist1.id, `${day}T16:00:00.000Z`, "Called off", "cancelled");
    const spec1 = await app.clientFor("spec1@test.org");

    const week = await (await spec1.fetch("/calendar")).text();
    expect(week).toContain(`href="/participants/${participant1.id}/meetings/${mine}"`);
    expect(week).toContain("Weekly check-in");
    expect(week).not.toContain("Someone else");
    expect(week).not.toContain("Called off");
    expect(week).toContain(`aria-current="date" data-day="${day}"`);
    expect(week).toContain(`date=${addDays(weekStart(day), -7)}`);

    const month = await (await spec1.fetch(`/calendar?view=month&date=${day}`)).text();
    expect(month).toContain("Weekly check-in");
    expect(month).toContain("<table");

    // Next month's page does not hold this month's meeting unless the weeks overlap.
    const far = await (await spec1.fetch(`/calendar?view=week&date=${addDays(day, 21)}`)).text();
    expect(far).not.toContain("Weekly check-in");

    const actions = await app.database.db.selectFrom("audit_log").select("details").where("action", "=", "calendar.read").execute();
    expect(actions.length).toBeGreaterThanOrEqual(3);
  });

  it("is not an administrator's page", async () => {
    const admin = await app.clientFor("admin@test.org");
    expect((await admin.fetch("/calendar")).status).toBe(404);
    expect((await admin.fetch("/profile/calendar-feed")).status).toBe(404);
  });
});

describe("the calendar feed", () => {
  it("gives a calendar app the owner's meetings only, with first name, kind and place, and stores only the token's hash", async () => {
    const { participant1, participant2 } = app.world.participants;
    const { specialist1, specialist2 } = app.world.users;
    const day = today();
    const mine = await addMeeting(participant1.id, specialist1.id, `${addDays(day, 2)}T09:30:00.000Z`, "Pat's meeting about her diagnosis");
    const theirs = await addMeeting(participant2.id, specialist2.id, `${addDays(day, 2)}T10:30:00.000Z`, "Kim's meeting");

    const spec1 = await app.clientFor("spec1@test.org");
    const spec2 = await app.clientFor("spec2@test.org");
    const mineUrl = await issueFeed(spec1);
    const theirsUrl = await issueFeed(spec2);
    const token = /cal_[^.]+/.exec(mineUrl)![0];
    const stored = await app.database.db.selectFrom("calendar_feeds").select("token_hash").execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    // No session: the address alone is the permission.
    const response = await fetch(app.url + mineUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    const feed = events(await response.text());
    const meeting = feed.find((e) => e.uid.startsWith(mine));
    expect(meeting).toMatchObject({ summary: "Pat: Support meeting", location: "Library, room 2", description: null });
    expect(meeting!.start).toContain("T09:30:00");
    expect(feed.some((e) => e.uid.startsWith(theirs))).toBe(false);
    expect(JSON.stringify(feed)).not.toContain("diagnosis");
    expect(JSON.stringify(feed)).not.toContain("Quinn");

    const other = events(await (await fetch(app.url + theirsUrl)).text());
    expect(other.some((e) => e.uid.startsWith(theirs))).toBe(true);
    expect(other.some((e) => e.uid.startsWith(mine))).toBe(false);

    const fetched = await app.database.db.selectFrom("audit_log").select(["actor_id", "details"]).where("action", "=", "calendar_feed.fetch").execute();
    expect(fetched.map((r) => r.actor_id)).toEqual([specialist1.id, specialist2.id]);
    expect(JSON.parse(fetched[0]!.details).shown).toEqual([participant1.id]);
  });

  it("stops answering once turned off or replaced, and answers a made-up token the same way", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const first = await issueFeed(spec1);
    expect((await fetch(app.url + first)).status).toBe(200);
    const second = await issueFeed(spec1);
    expect((await fetch(app.url + first)).status).toBe(404);
    expect((await fetch(app.url + second)).status).toBe(200);

    const off = await spec1.postForm("/profile/calendar-feed", { intent: "revoke" });
    expect(off.status).toBe(302);
    expect((await fetch(app.url + second)).status).toBe(404);
    expect((await fetch(`${app.url}/calendar-feed/cal_madeup.ics`)).status).toBe(404);
    expect(await (await spec1.fetch("/profile/calendar-feed?revoked=1")).text()).toContain("You have no calendar feed.");
  });
});
