import { describe, expect, it } from "vitest";
import type { StaffActor, SupportPersonActor } from "../auth/actor.ts";
import { ROLE_PERMISSIONS, type Role } from "../auth/permissions.ts";
import { calendarScope, homeView } from "./policy.ts";

function staff(role: Role, teamId: string | null = "t-1"): StaffActor {
  return { kind: "staff", userId: `u-${role}`, email: `${role}@test.org`, name: role, role, teamId, permissions: ROLE_PERMISSIONS[role], locale: "en" };
}

describe("the day's policy", () => {
  it("gives a specialist their own caseload and a supervisor their team's", () => {
    expect(homeView(staff("specialist"))).toEqual({ kind: "caseload", scope: { kind: "own", userId: "u-specialist" } });
    expect(homeView(staff("supervisor"))).toEqual({ kind: "caseload", scope: { kind: "team", teamId: "t-1" } });
    expect(calendarScope(staff("specialist"))).toEqual({ kind: "own", userId: "u-specialist" });
  });

  it("gives an administrator counts only, and no calendar", () => {
    expect(homeView(staff("admin"))).toEqual({ kind: "summary" });
    expect(calendarScope(staff("admin"))).toBeNull();
  });

  it("gives a supervisor without a team, and anyone who is not staff, nothing", () => {
    expect(homeView(staff("supervisor", null))).toEqual({ kind: "none" });
    const supporter: SupportPersonActor = { kind: "support_person", supportPersonId: "s-1", participantId: "p-1", name: "Gloria", locale: "en" };
    expect(homeView(supporter)).toEqual({ kind: "none" });
    expect(calendarScope(supporter)).toBeNull();
  });
});
