import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
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

/** A migrated, empty database of its own for one test file. */
export async function freshDatabase(): Promise<DbHandle> {
  let handle: DbHandle;
  if (testDbKind() === "postgres") {
    const name = `allies_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: adminPgUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminPgUrl());
    url.pathname = `/${name}`;
    handle = openDatabase(url.toString());
    const close = handle.close;
    handle.close = async () => {
      await close();
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
