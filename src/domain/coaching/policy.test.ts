import { describe, expect, it } from "vitest";
import type { StaffActor } from "../auth/actor.ts";
import { ROLE_PERMISSIONS, type Role } from "../auth/permissions.ts";
import { mayCoach, mayCompleteFollowUp, mayOpenCoaching, mayReadNote } from "./policy.ts";

function staff(userId: string, role: Role, teamId: string | null): StaffActor {
  return { kind: "staff", userId, email: `${userId}@test.org`, name: userId, role, teamId, permissions: ROLE_PERMISSIONS[role], locale: "en" };
}

const specialist = { id: "spec-a", teamId: "t1", isSpecialist: true };
const note = { specialistId: "spec-a", supervisorId: "sup-1" };

describe("coaching policy", () => {
  it("lets a supervisor coach only the specialists of their own team", () => {
    expect(mayCoach(staff("sup-1", "supervisor", "t1"), specialist)).toBe(true);
    expect(mayCoach(staff("sup-2", "supervisor", "t2"), specialist)).toBe(false);
    expect(mayCoach(staff("sup-0", "supervisor", null), { ...specialist, teamId: null })).toBe(false);
    expect(mayCoach(staff("spec-b", "specialist", "t1"), specialist)).toBe(false);
    expect(mayCoach(staff("admin", "admin", null), specialist)).toBe(false);
    expect(mayCoach(staff("sup-1", "supervisor", "t1"), { ...specialist, isSpecialist: false })).toBe(false);
  });

  it("opens a specialist's coaching to them, their team's supervisors and administrators only", () => {
    expect(mayOpenCoaching(staff("spec-a", "specialist", "t1"), specialist)).toBe(true);
    expect(mayOpenCoaching(staff("spec-b", "specialist", "t1"), specialist)).toBe(false);
    expect(mayOpenCoaching(staff("sup-2", "supervisor", "t2"), specialist)).toBe(false);
    expect(mayOpenCoaching(staff("admin", "admin", null), specialist)).toBe(true);
    expect(mayOpenCoaching({ kind: "participant", participantId: "p", name: "P", locale: "en" }, specialist)).toBe(false);
  });

  it("shows a note to its two people and administrators, never to another supervisor of the team", () => {
    expect(mayReadNote(staff("spec-a", "specialist", "t1"), note)).toBe(true);
    expect(mayReadNote(staff("sup-1", "supervisor", "t1"), note)).toBe(true);
    expect(mayReadNote(staff("sup-1b", "supervisor", "t1"), note)).toBe(false);
    expect(mayReadNote(staff("spec-b", "specialist", "t1"), note)).toBe(false);
    expect(mayReadNote(staff("admin", "admin", null), note)).toBe(true);
  });

  it("lets only the two people mark a follow-up done: administrators read, they do not act", () => {
    expect(mayCompleteFollowUp(staff("spec-a", "specialist", "t1"), note)).toBe(true);
    expect(mayCompleteFollowUp(staff("sup-1", "supervisor", "t1"), note)).toBe(true);
    expect(mayCompleteFollowUp(staff("admin", "admin", null), note)).toBe(false);
  });
});
