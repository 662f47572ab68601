import { describe, expect, it } from "vitest";
import { accessFor, ROLE_PERMISSIONS } from "./permissions.ts";

describe("accessFor", () => {
  it("returns the widest access granted", () => {
    expect(accessFor(["read:participant:own", "read:participant:team"], "read", "participant")).toBe("team");
    expect(accessFor(["read:participant:any", "read:participant:own"], "read", "participant")).toBe("any");
  });
  it("does not confuse entities that share a prefix", () => {
    expect(accessFor(["read:participants:any"], "read", "participant")).toBeNull();
    expect(accessFor(["read:participant:own"], "update", "participant")).toBeNull();
  });
  it("gives only admins user management and the audit log", () => {
    expect(accessFor(ROLE_PERMISSIONS.admin, "manage", "user")).toBe("any");
    expect(accessFor(ROLE_PERMISSIONS.supervisor, "manage", "user")).toBeNull();
    expect(accessFor(ROLE_PERMISSIONS.specialist, "read", "audit")).toBeNull();
  });
});
