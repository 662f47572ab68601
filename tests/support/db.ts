import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { grantAppRole } from "../../src/db/app-role.ts";
import { migrateToLatest, openDatabase, type DbHandle, type DbKind } from "../../src/db/index.ts";

/** Which database the integration suite runs on: TEST_DB=sqlite (default) or postgres. */
export function testDbKind(): DbKind {
  return process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";
}

function adminPgUrl(): string {
  const url = process.env.TEST_PG_URL;
  if (!url) throw new Error("TEST_DB=postgres needs TEST_PG_URL (npm test sets it up)");
  return url;
}

/**
 * On PostgreSQL the tests run as production does (docs/decisions/0017): the owner
 * role migrates, and the app's role, neither of them a superuser, may insert into
 * and read the audit log but not change it.
 */
export const PG_OWNER_ROLE = "allies_test_owner";
export const PG_APP_ROLE = "allies_test_app";

async function ensureRole(admin: pg.Client, role: string): Promise<void> {
  try {
    await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER`);
  } catch (error) {
    // Another test file made it first: 42710 duplicate_object, or 23505 when both raced.
    const code = (error as { code?: string }).code;
    if (code !== "42710" && code !== "23505") throw error;
  }
}

function urlAs(role: string, database: string): string {
  const url = new URL(adminPgUrl());
  url.username = role;
  url.password = "";
  url.pathname = `/${database}`;
  return url.toString();
}

const owners = new WeakMap<DbHandle, DbHandle>();

/**
 * The same database opened as its owner, for what the app's role may not do:
 * restore a backup (it empties the audit log) or tamper with the log to test that
 * verification sees it. On SQLite, which has no roles, the handle itself.
 */
export function asOwner(handle: DbHandle): DbHandle {
  return owners.get(handle) ?? handle;
}

/** A migrated, empty database of its own for one test file (on PostgreSQL, connected as the app's role). */
export async function freshDatabase(): Promise<DbHandle> {
  let handle: DbHandle;
  if (testDbKind() === "postgres") {
    const name = `allies_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: adminPgUrl() });
    await admin.connect();
    await ensureRole(admin, PG_OWNER_ROLE);
    await ensureRole(admin, PG_APP_ROLE);
    await admin.query(`CREATE DATABASE ${name} OWNER ${PG_OWNER_ROLE}`);
    await admin.end();
    const owner = openDatabase(urlAs(PG_OWNER_ROLE, name));
    await migrateToLatest(owner.db);
    await grantAppRole(owner.db, PG_APP_ROLE);
    handle = openDatabase(urlAs(PG_APP_ROLE, name));
    owners.set(handle, owner);
    const close = handle.close;
    handle.close = async () => {
      await close();
      await owner.close();
      const dropper = new pg.Client({ connectionString: adminPgUrl() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "allies-test-"));
    handle = openDatabase(`file:${path.join(dir, "test.db")}`);
  }
  await migrateToLatest(handle.db);
  return handle;
}
