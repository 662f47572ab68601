import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { readReport, readSupervisorHome } from "../../src/domain/reports/reports.server.ts";
import type { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";

// Jobs and reports (issue 15 §1, §2): a job's life (start records a win, end opens a
// job-loss follow-up, dates checked, edits over the version read), and the report's
// figures on a small data set known to the last row, on both databases.
const app = useTestApp();
const { clientFor, lastSeq } = app;

async function actionsSince(seq: number) {
  return (await app.database.db.selectFrom("audit_log").select("action").where("seq", ">", seq).orderBy("seq").execute()).map((r) => r.action);
}
async function addPerson(client: Client, participantId: string, name: string) {
  const response = await client.api("POST", `/participants/${participantId}/support-persons`, { name, relationshipKind: "friend", closeness: "inner" });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

describe("jobs", () => {
  it("starts a job with its win, refuses an end before the start, ends it with a job-loss follow-up, and keeps edits to the version read", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const page = `/participants/${id}/jobs`;
    expect((await spec1.fetch(page)).status).toBe(200);

    expect((await spec1.postForm(page, { employer: "", title: "Baker", startedOn: "2026-03-02" })).status).toBe(400);
    expect((await spec1.postForm(page, { employer: "Corner Bakery", title: "Baker", startedOn: "2026-03-02", hourlyWage: "15.5.0" })).status).toBe(400);
    const before = await lastSeq();
    const created = await spec1.postForm(page, {
      employer: "Corner Bakery", title: "Baker's helper", startedOn: "2026-03-02", hoursPerWeek: "17.5", hourlyWage: "15.50", competitive: "on", integrated: "on",
    });
    expect(created.status).toBe(302);
    expect(await actionsSince(before)).toEqual(expect.arrayContaining(["job.create", "milestone.create"]));
    const job = await app.database.db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect([job.hours_hundredths, job.hourly_wage_cents, Number(job.competitive), job.ended_on].map((v) => v === null ? null : Number(v))).toEqual([1750, 1550, 1, null]);
    const win = await app.database.db.selectFrom("milestones").select(["kind", "occurred_on"]).where("participant_id", "=", id).executeTakeFirstOrThrow();
    expect(win).toEqual({ kind: "first_day", occurred_on: "2026-03-02" });
    const listed = await (await spec1.fetch(page)).text();
    expect(listed).toContain("Baker&#x27;s helper at Corner Bakery");
    expect(listed).toContain("17.5 hours a week");

    const edit = `${page}/${job.id}`;
    const fields = { employer: "Corner Bakery", title: "Baker", startedOn: "2026-03-02", hoursPerWeek: "20", hourlyWage: "16", competitive: "on", integrated: "on", version: "1" };
    expect((await spec1.postForm(edit, fields)).status).toBe(302);
    const stale = await spec1.postForm(edit, { ...fields, title: "Older title" });
    expect(stale.status).toBe(409);

    const early = await spec1.postForm(edit, { intent: "end", endedOn: "2026-03-01", endReason: "laid_off", version: "2" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("The last day cannot come before the first day.");
    expect((await spec1.postForm(edit, { intent: "end", endedOn: "2026-05-01", endReason: "other", version: "2" })).status).toBe(400);
    const ending = await lastSeq();
    expect((await spec1.postForm(edit, { intent: "end", endedOn: "2026-05-01", endReason: "laid_off", version: "2" })).status).toBe(302);
    expect(await actionsSince(ending)).toEqual(expect.arrayContaining(["concern.create", "job.end"]));
    const ended = await app.database.db.selectFrom("jobs").selectAll().where("id", "=", job.id).executeTakeFirstOrThrow();
    expect([ended.ended_on, ended.end_reason]).toEqual(["2026-05-01", "laid_off"]);
    const concern = await app.database.db.selectFrom("concerns").selectAll().where("id", "=", ended.follow_up_concern_id!).executeTakeFirstOrThrow();
    expect([concern.type, concern.status, concern.participant_id]).toEqual(["job_loss", "open", id]);
    expect(concern.description).toContain("Baker at Corner Bakery ended (Laid off)");
    // The follow-up is on the concerns page with its talking points, linked from the ended job.
    expect(await (await spec1.fetch(page)).text()).toContain(`/participants/${id}/concerns#concern-${concern.id}`);
    expect(await (await spec1.fetch(`/participants/${id}/concerns`)).text()).toContain("A job ending is part of the path");
    // A job ends once.
    expect((await spec1.postForm(edit, { intent: "end", endedOn: "2026-05-02", endReason: "quit", version: "3" })).status).toBe(409);
    expect(await app.database.db.selectFrom("concerns").select("id").where("type", "=", "job_loss").execute()).toHaveLength(1);
  });

  it("answers another team's specialist and a job of another participant as not found", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const spec2 = await clientFor("spec2@test.org");
    const id = app.world.participants.participant1.id;
    expect((await spec1.postForm(`/participants/${id}/jobs`, { employer: "Library", title: "Shelver", startedOn: "2026-01-05" })).status).toBe(302);
    const job = await app.database.db.selectFrom("jobs").select("id").executeTakeFirstOrThrow();
    expect((await spec2.fetch(`/participants/${id}/jobs`)).status).toBe(404);
    expect((await spec2.fetch(`/participants/${id}/jobs/${job.id}`)).status).toBe(404);
    const other = app.world.participants.participant2.id;
    expect((await spec2.fetch(`/participants/${other}/jobs/${job.id}`)).status).toBe(404);
    expect((await spec2.postForm(`/participants/${id}/jobs`, { employer: "X", title: "Y", startedOn: "2026-01-05" })).status).toBe(404);
  });
});

describe("reports", () => {
  it("counts each figure exactly on a known data set, for the team and the program, and refuses another team", async () => {
    const db = app.database.db;
    const { participant1, participant1b, participant2 } = app.world.participants;
    const { specialist1, specialist1b, specialist2 } = app.world.users;
    const spec1 = await clientFor("spec1@test.org");
    const rosa = await addPerson(spec1, participant1.id, "Rosa Delgado");
    const now = "2026-02-10T15:00:00.000Z";
    const who = specialist1.id;
    // Participant 1: Rosa named in a contact (involved), a meeting held, a commitment Rosa kept, a plan step done, a competitive job still going.
    await db.insertInto("contact_notes").values({
      id: randomUUID(), participant_id: participant1.id, contacted_on: "2026-02-03", method: "phone", with_participant: 0, support_person_ids: JSON.stringify([rosa.id]),
      summary: "Call", discloses: "[]", version: 1, created_by: who, created_at: now, updated_by: who, updated_at: now,
    }).execute();
    await db.insertInto("meetings").values({
      id: randomUUID(), participant_id: participant1.id, kind: "support", title: "First meeting", scheduled_at: "2026-02-05T10:00", duration_minutes: 60, place: "Office",
      checklist: "[]", agenda: "[]", separate_permission: null, status: "held", current_step: 0, held_at: "2026-02-05T11:00:00.000Z", version: 1, created_by: who, created_at: now, updated_at: now,
    }).execute();
    const item = (participantId: string, status: string, report: string | null, at: string) => ({
      id: randomUUID(), participant_id: participantId, kind: "rides", description: "Rides", provider: "support_person", support_person_id: report ? rosa.id : null,
      frequency: null, starts_on: null, ends_on: null, status, notes: null, shared_with_supports: 0, source_entry_id: null, version: 1, created_by: who, created_at: at, updated_at: at,
      support_report: report, support_report_at: report ? at : null,
    });
    await db.insertInto("plan_items").values([
      item(participant1.id, "active", "done", "2026-02-06T09:00:00.000Z"),
      item(participant1.id, "done", null, "2026-02-07T09:00:00.000Z"),
      item(participant1b.id, "done", null, "2025-12-01T09:00:00.000Z"),
    ]).execute();
    const job = (participantId: string, startedOn: string, endedOn: string | null, competitive: number) => ({
      id: randomUUID(), participant_id: participantId, employer: "=HYPERLINK(\"x\")", title: "Clerk", started_on: startedOn, ended_on: endedOn, hours_hundredths: null, hourly_wage_cents: null,
      competitive, integrated: 1, end_reason: endedOn ? "quit" : null, end_note: null, follow_up_concern_id: null, version: 1, created_by: who, created_at: now, updated_by: who, updated_at: now,
    });
    await db.insertInto("jobs").values([
      job(participant1.id, "2026-02-01", null, 1),
      job(participant1b.id, "2026-02-15", "2026-02-20", 1),
      job(participant1b.id, "2026-01-10", null, 0),
      job(participant2.id, "2026-02-02", null, 1),
    ]).execute();

    const query = { from: "2026-02-01", to: "2026-02-28", team: null, specialist: null };
    const team = await readReport(db, app.world.actors.supervisor1, query, "api", systemMeta);
    const figures = (id: string) => {
      const row = team!.specialists.find((s) => s.specialistId === id)!;
      return [row.participants, row.involved, row.consentsActive, row.meetingsHeld, row.commitmentsKept, row.planItemsDone, row.jobStarts, row.workingCompetitive];
    };
    expect(team!.specialists.map((s) => s.specialistId).sort()).toEqual([specialist1.id, specialist1b.id].sort());
    expect(figures(specialist1.id)).toEqual([1, 1, 0, 1, 1, 1, 1, 1]);
    // Lee's competitive job ended within the period: a start, but not working competitively on the last day.
    expect(figures(specialist1b.id)).toEqual([1, 0, 0, 0, 0, 0, 1, 0]);
    expect([team!.total.participants, team!.total.jobStarts, team!.total.workingCompetitive]).toEqual([2, 2, 1]);

    const program = await readReport(db, app.world.actors.admin, query, "api", systemMeta);
    expect(program!.specialists.find((s) => s.specialistId === specialist2.id)!.jobStarts).toBe(1);
    expect(program!.total.jobStarts).toBe(3);
    expect(program!.teams.map((t) => t.teamName)).toEqual(["Team One", "Team Two"]);

    // A supervisor asking for the other team, or a specialist of it, gets nothing; a specialist reads no reports.
    expect(await readReport(db, app.world.actors.supervisor1, { ...query, team: app.world.teams.team2.id }, "api", systemMeta)).toBeNull();
    expect(await readReport(db, app.world.actors.supervisor1, { ...query, specialist: specialist2.id }, "api", systemMeta)).toBeNull();
    expect(await readReport(db, app.world.actors.specialist1, query, "api", systemMeta)).toBeNull();

    // The pages: the CSV carries the same figures with the employer-like text neutralised, and refuses the same way.
    const sup1 = await clientFor("sup1@test.org");
    const csv = await sup1.fetch("/reports.csv?from=2026-02-01&to=2026-02-28");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).split("\r\n");
    expect(lines.find((l) => l.includes("Spec One,"))).toBe("Specialist,Spec One,Team One,2026-02-01,2026-02-28,1,1,0,1,1,1,1,1,100,100");
    // Another team's report, as the program's report links to it: not found, and the attempt audited.
    const refusals = () => db.selectFrom("audit_log").select("id").where("action", "=", "access.refused").where("actor_id", "=", app.world.users.supervisor1.id)
      .where("entity_id", "=", app.world.teams.team2.id).execute();
    const refusedBefore = (await refusals()).length;
    expect((await sup1.fetch(`/reports?team=${app.world.teams.team2.id}`)).status).toBe(404);
    expect((await refusals()).length).toBe(refusedBefore + 1);
    expect((await sup1.fetch(`/reports.csv?from=2026-02-01&to=2026-02-28&team=${app.world.teams.team2.id}`)).status).toBe(404);
    expect((await spec1.fetch("/reports")).status).toBe(404);
    expect((await spec1.fetch("/reports.csv?from=2026-02-01&to=2026-02-28")).status).toBe(404);
    const pageHtml = await (await sup1.fetch("/reports?from=2026-02-01&to=2026-02-28")).text();
    expect(pageHtml).toContain("<svg");
    expect(pageHtml).toContain("Job starts by specialist");
    expect((await sup1.fetch("/reports?from=2026-03-01&to=2026-02-01")).status).toBe(200);

    // Over several teams the page draws a bar and a row per team, each leading to that team's report; the CSV keeps every specialist.
    const admin = await clientFor("admin@test.org");
    const programHtml = await (await admin.fetch("/reports?from=2026-02-01&to=2026-02-28")).text();
    expect(programHtml).toContain("Job starts by team");
    expect(programHtml).not.toContain("Job starts by specialist");
    expect(programHtml).toContain(`href="/reports?from=2026-02-01&amp;to=2026-02-28&amp;team=${app.world.teams.team1.id}"`);
    expect(programHtml).not.toContain("Spec One");
    const teamHtml = await (await admin.fetch(`/reports?from=2026-02-01&to=2026-02-28&team=${app.world.teams.team1.id}`)).text();
    expect(teamHtml).toContain("Job starts by specialist");
    expect(teamHtml).toContain("Spec One");
    const programCsv = await (await admin.fetch("/reports.csv?from=2026-02-01&to=2026-02-28")).text();
    expect(programCsv).toContain("Specialist,Spec One,Team One,");
    const audited = await db.selectFrom("audit_log").select("action").where("action", "=", "report.read").execute();
    expect(audited.length).toBeGreaterThanOrEqual(4);
  });

  it("shows the supervisor the team's participants without a support involved in 90 days", async () => {
    const db = app.database.db;
    const { participant1 } = app.world.participants;
    const spec1 = await clientFor("spec1@test.org");
    const rosa = await addPerson(spec1, participant1.id, "Rosa Delgado");
    const who = app.world.users.specialist1.id;
    const now = new Date().toISOString();
    await db.insertInto("contact_notes").values({
      id: randomUUID(), participant_id: participant1.id, contacted_on: now.slice(0, 10), method: "phone", with_participant: 0, support_person_ids: JSON.stringify([rosa.id]),
      summary: "Call", discloses: "[]", version: 1, created_by: who, created_at: now, updated_by: who, updated_at: now,
    }).execute();
    const home = await readSupervisorHome(db, app.world.actors.supervisor1, null, systemMeta);
    expect(home!.uninvolved.map((p) => p.firstName)).toEqual(["Lee"]);
    expect(home!.periods.map((p) => [p.days, p.total.involved])).toEqual([[30, 1], [90, 1]]);
    expect(await readSupervisorHome(db, app.world.actors.specialist1, null, systemMeta)).toBeNull();
    const sup1 = await clientFor("sup1@test.org");
    const html = await (await sup1.fetch("/")).text();
    expect(html).toContain("No support involved in 90 days");
    expect(html).toContain("Lee Morgan");
    expect((await sup1.fetch(`/?specialist=${app.world.users.specialist2.id}`)).status).toBe(404);
    const filtered = await (await sup1.fetch(`/?specialist=${app.world.users.specialist1.id}`)).text();
    expect(filtered).not.toContain("Lee Morgan");
  });
});
