import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.ts";
import { ROLE_PERMISSIONS, type Role } from "../auth/permissions.ts";
import { mayReadAuditLog } from "./policy.ts";

function actor(role: Role, permissions: readonly string[] = ROLE_PERMISSIONS[role]): Actor {
  return { kind: "staff", userId: `${role}-1`, role, teamId: role === "admin" ? null : "team-1", email: `${role}@x.org`, name: role, permissions, locale: "en" };
}

describe("who may read the audit log", () => {
  it("lets an admin read it", () => {
    expect(mayReadAuditLog(actor("admin"))).toBe(true);
  });

  it("keeps a supervisor out, though they oversee a team's caseloads", () => {
    expect(mayReadAuditLog(actor("supervisor"))).toBe(false);
  });

  it("keeps a specialist out", () => {
    expect(mayReadAuditLog(actor("specialist"))).toBe(false);
  });

  it("goes by the read:audit:any permission, not the role's name", () => {
    expect(mayReadAuditLog(actor("admin", []))).toBe(false);
    expect(mayReadAuditLog(actor("supervisor", ["read:audit:any"]))).toBe(true);
    // Audit access narrower than the whole program is not a thing: the log is one chain.
    expect(mayReadAuditLog(actor("supervisor", ["read:audit:team"]))).toBe(false);
  });
});
