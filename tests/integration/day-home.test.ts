import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/day/model.ts";
import { useTestApp } from "../support/app.ts";
import { addSupportPerson, grantConsent, today } from "../support/partners.ts";

// The home page (issue 14 §1): a specialist's day across their own caseload only, a
// supervisor's across their team, an administrator's as counts without names; news
// from support persons since the last visit of an earlier sign-in; one audit row.
const app = useTestApp();

async function addMeeting(participantId: string, createdBy: string, scheduledAt: string, title: string, status = "planned") {
  const id = randomUUID();
  const now = new Date().toISOString();
  await app.database.db.insertInto("meetings").values({
    id, participant_id: participantId, kind: "support", title, scheduled_at: scheduledAt, duration_minutes: 60, place: "Library room 2",
    checklist: "{}", agenda: "[]", separate_permission: null, status, current_step: 0, held_at: null, version: 1, created_by: createdBy, created_at: now, updated_at: now,
  }).execute();
  return id;
}

async function addPlanItem(participantId: string, createdBy: string, description: string, endsOn: string | null, fields: { supportPersonId?: string; status?: string } = {}) {
  const id = randomUUID();
  const now = new Date().toISOString();
  await app.database.db.insertInto("plan_items").values({
    id, participant_id: participantId, kind: "rides", description, provider: fields.supportPersonId ? "support_person" : "specialist", support_person_id: fields.supportPersonId ?? null,
    frequency: null, starts_on: null, ends_on: endsOn, status: fields.status ?? "agreed", notes: null, shared_with_supports: 0, source_entry_id: null,
    version: 1, created_by: createdBy, created_at: now, updated_at: now,
  }).execute();
  return id;
}

async function addConcern(participantId: string, createdBy: string, description: string, status = "open") {
  const now = new Date().toISOString();
  await app.database.db.insertInto("concerns").values({
    id: randomUUID(), participant_id: participantId, meeting_id: null, type: "transport", description, raised_by: "participant", support_person_id: null,
    status, mitigation_plan: null, client_key: null, version: 1, created_by: createdBy, created_at: now, updated_at: now,
  }).execute();
}

async function homeActions(since: number) {
  return app.database.db.selectFrom("audit_log").select(["action", "details", "actor_label"]).where("seq", ">", since).where("action", "=", "day.home").execute();
}

describe("the home page", () => {
  it("lists a specialist's day for their own caseload only, each item a link, and audits which participants it named", async () => {
    const { participant1, participant1b, participant2 } = app.world.participants;
    const { specialist1, specialist1b, specialist2 } = app.world.users;
    const day = today();
    const todays = await addMeeting(participant1.id, specialist1.id, `${day}T10:30:00.000Z`, "Pat's support meeting");
    await addMeeting(participant1.id, specialist1.id, `${addDays(day, 3)}T09:00:00.000Z`, "Pat's follow-up");
    await addMeeting(participant1.id, specialist1.id, `${addDays(day, 2)}T09:00:00.000Z`, "Pat's cancelled meeting", "cancelled");
    await addMeeting(participant1.id, specialist1.id, `${addDays(day, 9)}T09:00:00.000Z`, "Pat's meeting next fortnight");
    await addMeeting(participant2.id, specialist2.id, `${day}T11:00:00.000Z`, "Kim's meeting");
    await addMeeting(participant1b.id, specialist1b.id, `${day}T12:00:00.000Z`, "Lee's meeting");
    await addPlanItem(participant1.id, specialist1.id, "Ask the bakery about Saturday shifts", addDays(day, -2));
    await addPlanItem(participant1.id, specialist1.id, "Practice the interview", addDays(day, 4));
    await addPlanItem(participant1.id, specialist1.id, "Already done", addDays(day, -1), { status: "done" });
    await addPlanItem(participant1.id, specialist1.id, "Next month's task", addDays(day, 20));
    await addPlanItem(participant2.id, specialist2.id, "Kim's late task", addDays(day, -2));
    await addConcern(participant1.id, specialist1.id, "Bus pass runs out");
    await addConcern(participant2.id, specialist2.id, "Kim's worry");

    const spec1 = await app.clientFor("spec1@test.org");
    const person = await addSupportPerson(spec1, participant1.id, { name: "Rosa Diaz" });
    await grantConsent(spec1, participant1.id, person.id, { expiresOn: addDays(day, 12) });
    const later = await addSupportPerson(spec1, participant1.id, { name: "Dale Kim" });
    await grantConsent(spec1, participant1.id, later.id, { expiresOn: addDays(day, 90) });

    const before = await app.lastSeq();
    const response = await spec1.fetch("/");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Your day");
    expect(html).toContain(`/participants/${participant1.id}/meetings/${todays}`);
    expect(html).toContain("Pat&#x27;s support meeting");
    expect(html).toContain("Pat&#x27;s follow-up");
    expect(html).not.toContain("cancelled meeting");
    expect(html).not.toContain("next fortnight");
    expect(html).toContain("Ask the bakery about Saturday shifts");
    expect(html).toContain("late since");
    expect(html).toContain("Practice the interview");
    expect(html).not.toContain("Already done");
    expect(html).not.toContain("Next month&#x27;s task");
    expect(html).toContain("Rosa Diaz, for Pat Quinn");
    expect(html).not.toContain("Dale Kim");
    expect(html).toContain(`/participants/${participant1.id}/network/${person.id}`);
    expect(html).toContain("Pat Quinn: Getting to work");
    // Nothing from another specialist's caseload, in the team or outside it.
    for (const other of ["Kim", "Lee"]) expect(html).not.toContain(other + "&#x27;s");
    expect(html).not.toContain("Kim Ortiz");

    const rows = await homeActions(before);
    expect(rows).toHaveLength(1);
    const details = JSON.parse(rows[0]!.details) as { view: string; shown: string[] };
    expect(details.view).toBe("caseload");
    expect(details.shown).toEqual([participant1.id]);
  });

  it("lists the SSI wage reports due beside the other lists, named in the page's one audit row", async () => {
    const { participant1b } = app.world.participants;
    const spec1b = await app.clientFor("spec1b@test.org");
    expect((await spec1b.api("PUT", `/participants/${participant1b.id}/benefits/profile`, { hasSsi: true, version: 0 })).status).toBe(200);
    // Paid on the 5th of last month: that month's pay is to be reported by the 10th of this one.
    const [year, month] = today().split("-").map(Number) as [number, number];
    const last = new Date(Date.UTC(year, month - 2, 5)).toISOString().slice(0, 10);
    const stub = { payDate: last, periodStart: last, periodEnd: last, gross: 120, employer: "Corner Bakery", hours: 8 };
    expect((await spec1b.api("POST", `/participants/${participant1b.id}/benefits/pay-stubs`, stub)).status).toBe(201);

    const before = await app.lastSeq();
    const html = await (await spec1b.fetch("/")).text();
    expect(html).toContain(`/participants/${participant1b.id}/benefits`);
    expect(html).toMatch(/Lee Morgan: pay for \w+ \d{4}, report by/);
    const rows = await app.database.db.selectFrom("audit_log").select(["action", "details"]).where("seq", ">", before).orderBy("seq").execute();
    // The page's reads are one audit row: the reminders are not recorded a second time.
    expect(rows.map((r) => r.action)).toEqual(["day.home"]);
    expect((JSON.parse(rows[0]!.details) as { shown: string[] }).shown).toContain(participant1b.id);
  });

  it("shows a supervisor the team's day and an administrator counts without names", async () => {
    const sup1 = await app.clientFor("sup1@test.org");
    const team = await (await sup1.fetch("/")).text();
    expect(team).toContain("Your team&#x27;s day");
    expect(team).toContain("Lee&#x27;s meeting");
    expect(team).toContain("Pat&#x27;s support meeting");
    expect(team).not.toContain("Kim&#x27;s meeting");

    const admin = await app.clientFor("admin@test.org");
    const before = await app.lastSeq();
    const summary = await (await admin.fetch("/")).text();
    expect(summary).toContain("The program today");
    expect(summary).toContain("3 active participants");
    expect(summary).toContain("4 meetings in the next 7 days");
    expect(summary).toContain("2 commitments running late");
    expect(summary).toContain("2 open concerns");
    for (const name of ["Pat Quinn", "Kim Ortiz", "Lee Morgan", "Rosa Diaz", "Bus pass"]) expect(summary).not.toContain(name);
    const rows = await homeActions(before);
    expect(rows.map((r) => JSON.parse(r.details))).toEqual([{ view: "summary", shown: [] }]);
  });

  it("shows what support persons did since the last visit before this sign-in, and keeps it through a reload", async () => {
    const { participant1 } = app.world.participants;
    const { specialist1 } = app.world.users;
    const db = app.database.db;
    const spec1 = await app.clientFor("spec1@test.org");
    const person = await addSupportPerson(spec1, participant1.id, { name: "Gloria Reyes" });
    const meetingId = await addMeeting(participant1.id, specialist1.id, `${addDays(today(), 5)}T15:00:00.000Z`, "Planning the first week");
    await db.insertInto("meeting_invitees").values({ id: randomUUID(), meeting_id: meetingId, support_person_id: person.id, response: "yes", responded_at: new Date().toISOString(), invited_at: new Date().toISOString(), response_note: null }).execute();
    const itemId = await addPlanItem(participant1.id, specialist1.id, "Drive Pat on Mondays", null, { supportPersonId: person.id });
    await db.updateTable("plan_items").set({ support_report: "done", support_report_at: new Date().toISOString() }).where("id", "=", itemId).execute();

    const first = await (await spec1.fetch("/")).text();
    expect(first).toContain("Gloria Reyes is coming to “Planning the first week” (Pat Quinn)");
    expect(first).toContain("Gloria Reyes marked “Drive Pat on Mondays” as done (Pat Quinn)");
    // A reload in the same sign-in keeps the same news.
    expect(await (await spec1.fetch("/")).text()).toContain("Gloria Reyes is coming");

    // Signed in again later: only what happened after the last visit is new.
    await new Promise((r) => setTimeout(r, 20));
    await db.updateTable("meeting_invitees").set({ response: "no", responded_at: new Date(Date.now() + 60_000).toISOString() }).where("meeting_id", "=", meetingId).execute();
    const again = await app.clientFor("spec1@test.org");
    const next = await (await again.fetch("/")).text();
    expect(next).toContain("Since your last visit");
    expect(next).toContain("Gloria Reyes cannot come to “Planning the first week”");
    expect(next).not.toContain("Drive Pat on Mondays” as done");
  });

  it("sends a visitor who is not signed in to the sign-in page", async () => {
    const response = await fetch(`${app.url}/`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in?next=%2F");
  });
});
