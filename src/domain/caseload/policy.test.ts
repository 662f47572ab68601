import { describe, expect, it } from "vitest";
import { buildParticipantActor, buildStaffActor } from "../access/builders.ts";
import { caseloadMovePermission, mayReceiveCaseload } from "./policy.ts";

const leaving = { id: "u-leaving", teamId: "t-1", role: "specialist", active: false };
const sameTeam = { id: "u-taking", teamId: "t-1", role: "specialist", active: true };
const otherTeam = { id: "u-far", teamId: "t-2", role: "specialist", active: true };

describe("caseloadMovePermission", () => {
  it("lets an administrator move anyone's caseload, and a supervisor only their own team's", () => {
    expect(caseloadMovePermission(buildStaffActor("admin", { userId: "u-admin" }), leaving)).toBe("update:participant:any");
    expect(caseloadMovePermission(buildStaffActor("supervisor", { userId: "u-sup", teamId: "t-1" }), leaving)).toBe("update:participant:team");
    expect(caseloadMovePermission(buildStaffActor("supervisor", { userId: "u-sup2", teamId: "t-2" }), leaving)).toBeNull();
    expect(caseloadMovePermission(buildStaffActor("supervisor", { userId: "u-sup3", teamId: null }), { ...leaving, teamId: null })).toBeNull();
  });
  it("never lets a specialist move participants, their own least of all", () => {
    expect(caseloadMovePermission(buildStaffActor("specialist", { userId: leaving.id, teamId: "t-1" }), leaving)).toBeNull();
    expect(caseloadMovePermission(buildStaffActor("specialist", { userId: "u-peer", teamId: "t-1" }), leaving)).toBeNull();
  });
  it("refuses anyone moving their own caseload, whatever their permissions", () => {
    expect(caseloadMovePermission(buildStaffActor("admin", { userId: leaving.id }), leaving)).toBeNull();
  });
  it("gives partners nothing", () => {
    expect(caseloadMovePermission(buildParticipantActor(), leaving)).toBeNull();
  });
});

describe("mayReceiveCaseload", () => {
  const supervisor = buildStaffActor("supervisor", { userId: "u-sup", teamId: "t-1" });
  const admin = buildStaffActor("admin", { userId: "u-admin" });
  it("sends participants only to another active specialist", () => {
    expect(mayReceiveCaseload(admin, leaving, sameTeam)).toBe(true);
    expect(mayReceiveCaseload(admin, leaving, { ...sameTeam, active: false })).toBe(false);
    expect(mayReceiveCaseload(admin, leaving, { ...sameTeam, role: "supervisor" })).toBe(false);
    expect(mayReceiveCaseload(admin, leaving, leaving)).toBe(false);
  });
  it("keeps a supervisor's move inside their team; an administrator may cross teams", () => {
    expect(mayReceiveCaseload(supervisor, leaving, sameTeam)).toBe(true);
    expect(mayReceiveCaseload(supervisor, leaving, otherTeam)).toBe(false);
    expect(mayReceiveCaseload(admin, leaving, otherTeam)).toBe(true);
  });
  it("refuses a receiver when the move itself is refused", () => {
    expect(mayReceiveCaseload(buildStaffActor("supervisor", { userId: "u-sup2", teamId: "t-2" }), leaving, otherTeam)).toBe(false);
  });
});
