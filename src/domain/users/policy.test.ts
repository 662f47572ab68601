import { describe, expect, it } from "vitest";
import { buildStaffActor, buildSupportPersonActor } from "../access/builders.ts";
import type { StaffActor } from "../auth/actor.ts";
import type { Role } from "../auth/permissions.ts";
import { acceptInvitationSchema, changeRoleSchema, inviteInputSchema } from "./model.ts";
import { invitationState, mayManageUsers, roleNeedsTeam, userActions } from "./policy.ts";

function actor(role: Role, userId: string, teamId: string | null = null): StaffActor {
  return buildStaffActor(role, { userId, teamId });
}

const admin = actor("admin", "admin-1");
const supervisor = actor("supervisor", "sup-1", "team-1");
const specialist = actor("specialist", "spec-1", "team-1");

describe("user administration policy", () => {
  it("lets only actors with manage:user:any manage users", () => {
    expect(mayManageUsers(admin)).toBe(true);
    expect(mayManageUsers(supervisor)).toBe(false);
    expect(mayManageUsers(specialist)).toBe(false);
    // Reading team members is not managing them.
    expect(mayManageUsers({ ...supervisor, permissions: ["read:user:any"] })).toBe(false);
  });

  it("goes by permissions, not the role's name", () => {
    expect(mayManageUsers({ ...admin, permissions: [] })).toBe(false);
    expect(mayManageUsers({ ...specialist, permissions: ["manage:user:any"] })).toBe(true);
  });


  it("lets a support person manage no one", () => {
    const supportPerson = buildSupportPersonActor();
    expect(mayManageUsers(supportPerson)).toBe(false);
    expect(userActions(supportPerson, { id: "spec-1", active: false })).toEqual({ changeRole: false, changeTeam: false, deactivate: false, reactivate: false });
  });

  it("keeps an admin from deactivating themselves or changing their own role", () => {
    expect(userActions(admin, { id: "admin-1", active: true })).toEqual({ changeRole: false, changeTeam: true, deactivate: false, reactivate: false });
    expect(userActions(admin, { id: "spec-1", active: true })).toEqual({ changeRole: true, changeTeam: true, deactivate: true, reactivate: false });
  });

  it("offers reactivation only for a deactivated account", () => {
    expect(userActions(admin, { id: "spec-1", active: false })).toMatchObject({ deactivate: false, reactivate: true });
  });

  it("gives someone who may not manage users no actions at all", () => {
    expect(userActions(supervisor, { id: "spec-1", active: true })).toEqual({ changeRole: false, changeTeam: false, deactivate: false, reactivate: false });
    expect(userActions(supervisor, { id: "spec-1", active: false }).reactivate).toBe(false);
  });

  it("requires a team for specialists and supervisors only", () => {
    expect(roleNeedsTeam("specialist")).toBe(true);
    expect(roleNeedsTeam("supervisor")).toBe(true);
    expect(roleNeedsTeam("admin")).toBe(false);
  });
});

describe("invitation state", () => {
  const now = new Date("2026-03-10T12:00:00.000Z");
  it("is open until it expires, and used once accepted", () => {
    expect(invitationState({ expiresAt: "2026-03-17T12:00:00.000Z", acceptedAt: null }, now)).toBe("open");
    expect(invitationState({ expiresAt: "2026-03-10T12:00:00.000Z", acceptedAt: null }, now)).toBe("expired");
    expect(invitationState({ expiresAt: "2026-03-17T12:00:00.000Z", acceptedAt: "2026-03-09T08:00:00.000Z" }, now)).toBe("accepted");
  });
});

describe("user forms", () => {
  it("asks for a team when inviting a specialist or supervisor, not an admin", () => {
    const missing = inviteInputSchema.safeParse({ email: "A@Example.org ", name: "Ann", role: "specialist", teamId: "" });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["teamId", "admin.team.required"]]);
    const adminInvite = inviteInputSchema.parse({ email: "A@Example.org ", name: "Ann", role: "admin", teamId: "" });
    expect(adminInvite).toEqual({ email: "a@example.org", name: "Ann", role: "admin", teamId: null });
  });

  it("refuses an unknown role", () => {
    const result = changeRoleSchema.safeParse({ role: "participant", teamId: "t", version: "1" });
    expect(result.error?.issues[0]?.message).toBe("admin.role.invalid");
  });

  it("wants a password of at least 12 characters, typed the same twice", () => {
    const short = acceptInvitationSchema.safeParse({ name: "Ann", password: "elevenchars", confirm: "elevenchars" });
    expect(short.error?.issues.map((i) => i.message)).toEqual(["admin.password.tooShort"]);
    const mismatch = acceptInvitationSchema.safeParse({ name: "Ann", password: "twelve chars", confirm: "twelve charz" });
    expect(mismatch.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["confirm", "admin.password.mismatch"]]);
    expect(acceptInvitationSchema.safeParse({ name: "Ann", password: "twelve chars", confirm: "twelve chars" }).success).toBe(true);
  });
});
