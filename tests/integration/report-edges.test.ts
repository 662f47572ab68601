import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildParticipant, buildUser } from "../../src/db/seed/factories.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { readReport } from "../../src/domain/reports/reports.server.ts";
import { INDICATORS, type SpecialistFigures } from "../../src/domain/reports/model.ts";
import { useTestApp } from "../support/app.ts";

// The report's figures at their edges (issue 15): the first and last moment of the
// period, grants ending or expiring on its last day, whole and partial consent
// withdrawals, archived participants, a specialist with nobody, a former staff
// member who still holds a caseload, and the same figures whichever reach (program,
// team, one specialist) asks. The counts are computed from the participants through
// indexes (migration 0032); these say that reading them that way changed nothing.
const app = useTestApp();

describe("report figures at the edges", () => {
  it("counts the period's first and last moments, and nothing of archived participants", async () => {
    const db = app.database.db;
    const { team1 } = app.world.teams;
    const { specialist1 } = app.world.users;
    const { participant1 } = app.world.participants;
    const who = specialist1.id;
    const now = "2026-03-01T10:00:00.000Z";
    const empty = await buildUser(db, { role: "specialist", teamId: team1.id, email: "empty@test.org", name: "Spec Empty" });
    // A former specialist (no longer active) whose participant was not yet moved: still on the report.
    const former = await buildUser(db, { role: "specialist", teamId: team1.id, email: "former@test.org", name: "Spec Former" });
    await db.updateTable("users").set({ active: 0 }).where("id", "=", former.id).execute();
    const leftBehind = await buildParticipant(db, former.id, { firstName: "Ali", lastName: "Stone" });
    const archived = await buildParticipant(db, who, { firstName: "Old", lastName: "Record", status: "archived" });

    const person = async (participantId: string) => {
      const id = randomUUID();
      await db.insertInto("support_persons").values({
        id, participant_id: participantId, name: "Rosa", relationship_kind: "friend", closeness: "inner", status: "active", help_kinds: "[]", first_call: 0, remind_meetings: 1, remind_commitments: 1, version: 1, created_by: who, created_at: now, updated_at: now,
      }).execute();
      return id;
    };
    const grant = async (participantId: string, g: { startsOn?: string; expiresOn?: string | null; endedAt?: string | null; eventOn?: string | null }) => {
      const id = randomUUID();
      await db.insertInto("consent_grants").values({
        id, participant_id: participantId, support_person_id: await person(participantId), categories: JSON.stringify(["work_goal"]), purpose: "Support",
        may_attend_meetings: 1, may_receive_plan: 1, may_be_contacted: 1, starts_on: g.startsOn ?? "2026-01-01", expires_on: g.expiresOn ?? null, expiry_event: null,
        signed_method: "paper", signature_name: null, signed_on: "2026-01-01", participant_confirmed: 1, recorded_by: who, recorded_at: now,
        event_occurred_on: g.eventOn ?? null, ended_at: g.endedAt ?? null,
      }).execute();
      return id;
    };
    const revoke = (grantId: string, category: string | null, at: string) => db.insertInto("consent_revocations")
      .values({ id: randomUUID(), grant_id: grantId, category, revoked_at: at, reason: null, recorded_by: who }).execute();
    const meeting = (participantId: string, heldAt: string) => db.insertInto("meetings").values({
      id: randomUUID(), participant_id: participantId, kind: "support", title: "Meeting", scheduled_at: heldAt.slice(0, 16), duration_minutes: 60, place: "Office",
      checklist: "[]", agenda: "[]", separate_permission: null, status: "held", current_step: 0, held_at: heldAt, version: 1, created_by: who, created_at: now, updated_at: now,
    }).execute();
    const item = (participantId: string, status: string, updatedAt: string, report: string | null = null) => ({
      id: randomUUID(), participant_id: participantId, kind: "rides", description: "Rides", provider: "support_person", support_person_id: null,
      frequency: null, starts_on: null, ends_on: null, status, notes: null, shared_with_supports: 0, source_entry_id: null, version: 1, created_by: who, created_at: updatedAt, updated_at: updatedAt,
      support_report: report, support_report_at: report ? updatedAt : null,
    });
    const job = (participantId: string, startedOn: string, endedOn: string | null, competitive: number) => ({
      id: randomUUID(), participant_id: participantId, employer: "Bakery", title: "Clerk", started_on: startedOn, ended_on: endedOn, hours_hundredths: null, hourly_wage_cents: null,
      competitive, integrated: 1, end_reason: endedOn ? "quit" : null, end_note: null, follow_up_concern_id: null, version: 1, created_by: who, created_at: now, updated_by: who, updated_at: now,
    });

    // The period: February 2026. Participant 1 (Spec One):
    // consents: expiring on the last day (in force), ended at the first moment after it (in force), one with only a category withdrawn (in force);
    // not in force: expired the day before, event on the last day, whole withdrawal on the last day, starting the day after.
    await grant(participant1.id, { expiresOn: "2026-02-28" });
    await grant(participant1.id, { endedAt: "2026-03-01T00:00:00.000Z" });
    await revoke(await grant(participant1.id, {}), "work_goal", "2026-02-10T09:00:00.000Z");
    await grant(participant1.id, { expiresOn: "2026-02-27" });
    await grant(participant1.id, { eventOn: "2026-02-28" });
    await revoke(await grant(participant1.id, {}), null, "2026-02-28T23:59:00.000Z");
    await grant(participant1.id, { startsOn: "2026-03-01" });
    // Meetings held at the first and the last moment count; a moment before or after does not.
    await meeting(participant1.id, "2026-02-01T00:00:00.000Z");
    await meeting(participant1.id, "2026-02-28T23:59:59.999Z");
    await meeting(participant1.id, "2026-01-31T23:59:59.999Z");
    await meeting(participant1.id, "2026-03-01T00:00:00.000Z");
    await db.insertInto("plan_items").values([
      item(participant1.id, "done", "2026-02-01T00:00:00.000Z"), item(participant1.id, "done", "2026-03-01T00:00:00.000Z"), item(participant1.id, "active", "2026-02-10T00:00:00.000Z"),
      item(participant1.id, "active", "2026-02-28T12:00:00.000Z", "done"), item(participant1.id, "active", "2026-02-20T12:00:00.000Z", "not_possible"),
    ]).execute();
    // Jobs: started on the first and last day (two starts); one competitive job ending on the last day still counts as working, once.
    await db.insertInto("jobs").values([
      job(participant1.id, "2026-02-01", "2026-02-28", 1), job(participant1.id, "2026-02-28", null, 1), job(participant1.id, "2026-01-31", "2026-02-27", 1),
    ]).execute();
    // The archived participant has one of everything, and none of it counts.
    await grant(archived.id, {});
    await meeting(archived.id, "2026-02-10T10:00:00.000Z");
    await db.insertInto("plan_items").values(item(archived.id, "done", "2026-02-10T10:00:00.000Z")).execute();
    await db.insertInto("jobs").values(job(archived.id, "2026-02-10", null, 1)).execute();
    // The former specialist's participant: a job that ended the day before the period's end (not working then).
    await db.insertInto("jobs").values(job(leftBehind.id, "2026-02-05", "2026-02-27", 1)).execute();

    const query = { from: "2026-02-01", to: "2026-02-28", team: null, specialist: null };
    const figures = (row: SpecialistFigures | undefined) => (row ? INDICATORS.map((i) => row[i]) : null);
    //                      participants, involved, consents, meetings, kept, plan done, job starts, working
    const specOne = [1, 0, 3, 2, 1, 1, 2, 1];
    const program = (await readReport(db, app.world.actors.admin, query, "api", systemMeta))!;
    const row = (id: string) => program.specialists.find((s) => s.specialistId === id);
    expect(figures(row(specialist1.id))).toEqual(specOne);
    expect(figures(row(empty.id))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(figures(row(former.id))).toEqual([1, 0, 0, 0, 0, 0, 1, 0]);
    expect(program.total.participants).toBe(4);

    // The team's report and one specialist's give the same figures as the program's.
    const team = (await readReport(db, app.world.actors.supervisor1, query, "api", systemMeta))!;
    expect(team.specialists.map((s) => s.name)).toEqual(["Spec Empty", "Spec Former", "Spec One", "Spec OneB"]);
    expect(figures(team.specialists.find((s) => s.specialistId === specialist1.id))).toEqual(specOne);
    expect(team.total.participants).toBe(3);
    const one = (await readReport(db, app.world.actors.admin, { ...query, specialist: specialist1.id }, "api", systemMeta))!;
    expect(one.specialists.map((s) => s.specialistId)).toEqual([specialist1.id]);
    expect(figures(one.total as SpecialistFigures)).toEqual(specOne);
    const nobody = (await readReport(db, app.world.actors.admin, { ...query, specialist: empty.id }, "api", systemMeta))!;
    expect(figures(nobody.total as SpecialistFigures)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
