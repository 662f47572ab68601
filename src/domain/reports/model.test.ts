import { describe, expect, it } from "vitest";
import { emptyFigures, percent, reportFilter, reportQueryFrom, reportView, sharesOf, specialistChoices, totalsOf, type SpecialistFigures } from "./model.ts";
import { reportScope, teamFor } from "./policy.ts";
import { endsBeforeStart, jobEndSchema, jobInputSchema } from "../jobs/model.ts";
import type { StaffActor } from "../auth/actor.ts";

const person = (id: string, teamId: string | null, teamName: string | null, figures: Partial<SpecialistFigures>): SpecialistFigures =>
  ({ specialistId: id, name: id, teamId, teamName, ...emptyFigures(), ...figures });

describe("report indicators", () => {
  it("add specialists into their teams and a grand total, teams by name with no team last", () => {
    const { teams, total } = totalsOf([
      person("a", "t2", "West", { participants: 3, jobStarts: 1 }), person("b", "t1", "East", { participants: 2, jobStarts: 2 }),
      person("c", null, null, { participants: 1 }), person("d", "t2", "West", { participants: 4, workingCompetitive: 2 }),
    ]);
    expect(teams.map((t) => [t.teamName, t.specialists, t.participants, t.jobStarts, t.workingCompetitive])).toEqual([["East", 1, 2, 2, 0], ["West", 2, 7, 1, 2], [null, 1, 1, 0, 0]]);
    expect([total.participants, total.jobStarts, total.workingCompetitive]).toEqual([10, 3, 2]);
  });
  it("give shares as whole percentages, and none for an empty caseload rather than 0%", () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBeNull();
    expect(sharesOf({ ...emptyFigures(), participants: 4, involved: 3, workingCompetitive: 1 })).toEqual({ involved: 75, workingCompetitive: 25 });
  });
  it("read a period from the address, the last 90 days by default, refusing an end before the start", () => {
    const none = reportQueryFrom(new URLSearchParams(), "2026-03-31");
    expect(none.ok && [none.query.from, none.query.to, none.query.team]).toEqual(["2026-01-01", "2026-03-31", null]);
    const backwards = reportQueryFrom(new URLSearchParams({ from: "2026-03-01", to: "2026-02-01" }), "2026-03-31");
    expect(!backwards.ok && backwards.errors).toEqual({ to: "report.period.order" });
    expect(reportQueryFrom(new URLSearchParams({ from: "2026-02-30x" }), "2026-03-31").ok).toBe(false);
  });
});

describe("what a report draws", () => {
  const report = (specialists: SpecialistFigures[]) => ({ specialists, ...totalsOf(specialists) });
  it("draws each specialist when the report covers one team, however many they are", () => {
    const team = Array.from({ length: 40 }, (_, i) => person(`s${i}`, "t1", "East", { participants: 1 }));
    const view = reportView(report(team));
    expect(view.level).toBe("specialists");
    expect(view.level === "specialists" && view.specialists.length).toBe(40);
  });
  it("draws each team, with its specialists counted, when the report covers several, and keeps the program's total", () => {
    const view = reportView(report([
      person("a", "t2", "West", { jobStarts: 1 }), person("b", "t1", "East", { jobStarts: 2 }), person("c", "t2", "West", { jobStarts: 4 }), person("d", null, null, {}),
    ]));
    expect(view.level === "teams" && view.teams.map((t) => [t.teamName, t.specialists, t.jobStarts])).toEqual([["East", 1, 2], ["West", 2, 5], [null, 1, 0]]);
    expect(view.total.jobStarts).toBe(7);
  });
  it("offers the chosen team's specialists, everyone within one team, and over several teams nobody until a team is chosen", () => {
    const people = [{ id: "a", teamId: "t1" }, { id: "b", teamId: "t2" }, { id: "c", teamId: "t1" }];
    expect(specialistChoices(people, 2, "t1").map((s) => s.id)).toEqual(["a", "c"]);
    expect(specialistChoices(people, 2, null)).toEqual([]);
    expect(specialistChoices(people.slice(0, 1), 1, null).map((s) => s.id)).toEqual(["a"]);
  });
  it("fills in a chosen specialist's team when the address names none, and offers that team's specialists", () => {
    const all = { teams: ["East", "West"], specialists: [{ id: "a", teamId: "t1" }, { id: "b", teamId: "t2" }, { id: "c", teamId: "t1" }] };
    const filter = reportFilter(all, { from: "2025-01-01", to: "2025-12-31", team: "", specialist: "b" });
    expect(filter.values.team).toBe("t2");
    expect(filter.choices.specialists.map((s) => s.id)).toEqual(["b"]);
    expect(reportFilter(all, { from: "2025-01-01", to: "2025-12-31", team: "", specialist: "" }).choices.specialists).toEqual([]);
  });
});

describe("report scope", () => {
  const staff = (permissions: string[], teamId: string | null): StaffActor =>
    ({ kind: "staff", userId: "u", email: "u@x", name: "U", role: "supervisor", teamId, permissions, locale: "en" });
  it("keeps a supervisor to their own team and lets an administrator choose any", () => {
    const sup = reportScope(staff(["read:report:team"], "t1"));
    expect(teamFor(sup, null)).toEqual({ teamId: "t1" });
    expect(teamFor(sup, "t1")).toEqual({ teamId: "t1" });
    expect(teamFor(sup, "t2")).toBeNull();
    const admin = reportScope(staff(["read:report:any"], null));
    expect(teamFor(admin, "t2")).toEqual({ teamId: "t2" });
    expect(teamFor(admin, null)).toEqual({ teamId: null });
    expect(teamFor(reportScope(staff(["read:participant:own"], "t1")), null)).toBeNull();
    expect(teamFor(reportScope(staff(["read:report:team"], null)), null)).toBeNull();
  });
});

describe("job input", () => {
  it("keeps hours and pay as exact hundredths and refuses what is not an amount", () => {
    const ok = jobInputSchema.parse({ employer: "Bakery", title: "Baker", startedOn: "2026-01-05", hoursPerWeek: "17.5", hourlyWage: "15.05", competitive: "on" });
    expect([ok.hoursPerWeek, ok.hourlyWage, ok.competitive, ok.integrated]).toEqual([1750, 1505, true, false]);
    expect(jobInputSchema.safeParse({ employer: "B", title: "B", startedOn: "2026-01-05", hourlyWage: "$15" }).success).toBe(false);
    expect(jobInputSchema.safeParse({ employer: "B", title: "B", startedOn: "2026-01-05", hoursPerWeek: "120" }).success).toBe(false);
    expect(jobInputSchema.parse({ employer: "B", title: "B", startedOn: "2026-01-05", hoursPerWeek: "" }).hoursPerWeek).toBeNull();
  });
  it("asks for a word when a job ended for another reason, and lets a job end the day it started", () => {
    expect(jobEndSchema.safeParse({ endedOn: "2026-02-01", endReason: "other", version: 1 }).success).toBe(false);
    expect(jobEndSchema.safeParse({ endedOn: "2026-02-01", endReason: "other", endNote: "Moved away", version: 1 }).success).toBe(true);
    expect(endsBeforeStart("2026-02-01", "2026-02-01")).toBe(false);
    expect(endsBeforeStart("2026-02-01", "2026-01-31")).toBe(true);
  });
});
