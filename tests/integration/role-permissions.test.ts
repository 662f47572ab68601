import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { ROLE_PERMISSIONS, ROLES } from "../../src/domain/auth/permissions.ts";
import { freshDatabase } from "../support/db.ts";

// Signed-in actors carry the permissions the role_permissions table gives their
// role; the code's policies and tests read ROLE_PERMISSIONS. The two must agree.
let database: DbHandle;

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("reference roles", () => {
  it("after every migration, the role_permissions table is exactly ROLE_PERMISSIONS", async () => {
    const rows = await database.db.selectFrom("role_permissions").select(["role", "permission"]).execute();
    const migrated = Object.fromEntries(ROLES.map((role) => [role, rows.filter((r) => r.role === role).map((r) => r.permission).sort()]));
    const declared = Object.fromEntries(ROLES.map((role) => [role, [...ROLE_PERMISSIONS[role]].sort()]));
    expect(migrated).toEqual(declared);
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(ROLES));
  });
});
