import { describe, expect, it } from "vitest";
import { buildParticipantActor, buildStaffActor, buildSupportPersonActor } from "../access/builders.ts";
import type { StaffActor } from "../auth/actor.ts";
import type { Role } from "../auth/permissions.ts";
import { caseloadScope, mayAssignTo, mayParticipant, participantPermissions } from "./policy.ts";

function actor(role: Role, userId: string, teamId: string | null): StaffActor {
  return buildStaffActor(role, { userId, teamId });
}

const specialistA = actor("specialist", "spec-a", "team-1");
const specialistB = actor("specialist", "spec-b", "team-1");
const supervisor1 = actor("supervisor", "sup-1", "team-1");
const supervisor2 = actor("supervisor", "sup-2", "team-2");
const admin = actor("admin", "admin", null);
const onCaseloadA = { specialistId: "spec-a", teamId: "team-1" };
const otherTeam = { specialistId: "spec-z", teamId: "team-2" };

describe("participant policy", () => {
  it("lets a specialist read and change only their own caseload", () => {
    expect(participantPermissions(specialistA, onCaseloadA)).toEqual({
      read: "read:participant:own", update: "update:participant:own", archive: "archive:participant:own",
    });
    expect(mayParticipant(specialistB, "read", onCaseloadA)).toBe(false);
    expect(mayParticipant(specialistA, "update", otherTeam)).toBe(false);
  });

  it("lets a supervisor reach their team's caseloads and no other team's", () => {
    expect(mayParticipant(supervisor1, "read", onCaseloadA)).toBe(true);
    expect(mayParticipant(supervisor1, "update", onCaseloadA)).toBe(true);
    expect(mayParticipant(supervisor2, "read", onCaseloadA)).toBe(false);
  });

  it("lets an admin reach everything", () => {
    expect(mayParticipant(admin, "archive", otherTeam)).toBe(true);
  });

  it("gives a supervisor without a team nothing", () => {
    const loose = actor("supervisor", "sup-x", null);
    expect(mayParticipant(loose, "read", { specialistId: "s", teamId: null })).toBe(false);
    expect(caseloadScope(loose)).toEqual({ kind: "none" });
  });

  it("gives an actor without permissions nothing", () => {
    const nobody: StaffActor = { ...specialistA, permissions: [] };
    expect(participantPermissions(nobody, onCaseloadA)).toEqual({ read: null, update: null, archive: null });
    expect(caseloadScope(nobody)).toEqual({ kind: "none" });
  });

  it("gives a support person or the participant as actor nothing, even on their own participant's record", () => {
    for (const outsider of [buildSupportPersonActor({ participantId: "p-1" }), buildParticipantActor({ participantId: "p-1" })]) {
      expect(participantPermissions(outsider, onCaseloadA)).toEqual({ read: null, update: null, archive: null });
      expect(caseloadScope(outsider)).toEqual({ kind: "none" });
      expect(mayAssignTo(outsider, { id: "spec-a", teamId: "team-1", role: "specialist", active: true })).toBe(false);
    }
  });

  it("scopes caseload lists by role", () => {
    expect(caseloadScope(specialistA)).toEqual({ kind: "own", userId: "spec-a" });
    expect(caseloadScope(supervisor1)).toEqual({ kind: "team", teamId: "team-1" });
    expect(caseloadScope(admin)).toEqual({ kind: "any" });
  });

  it("only assigns participants to active specialists within reach", () => {
    const specB = { id: "spec-b", teamId: "team-1", role: "specialist", active: true };
    expect(mayAssignTo(specialistA, specB)).toBe(false);
    expect(mayAssignTo(specialistA, { ...specB, id: "spec-a" })).toBe(true);
    expect(mayAssignTo(supervisor1, specB)).toBe(true);
    expect(mayAssignTo(supervisor2, specB)).toBe(false);
    expect(mayAssignTo(admin, { ...specB, active: false })).toBe(false);
    expect(mayAssignTo(admin, { ...specB, role: "supervisor" })).toBe(false);
  });
});
