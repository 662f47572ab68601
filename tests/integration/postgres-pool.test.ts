import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { sql } from "kysely";
import type { DbHandle } from "../../src/db/index.ts";
import { freshDatabase, testDbKind } from "../support/db.ts";

// On PostgreSQL the server may end an idle connection at any time (a restart, a
// failover, an administrator). The app must carry on with a new connection, not crash.
let database: DbHandle;

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe.skipIf(testDbKind() !== "postgres")("PostgreSQL connections", () => {
  it("survives the server ending an idle connection, and the next query works", async () => {
    const name = new URL(database.url).pathname.slice(1);
    await sql`select 1`.execute(database.db); // leaves one idle connection in the pool
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      const admin = new pg.Client({ connectionString: process.env.TEST_PG_URL });
      await admin.connect();
      const ended = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name]);
      await admin.end();
      expect(ended.rowCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const row = await sql<{ n: number }>`select 2 as n`.execute(database.db);
      expect(Number(row.rows[0]!.n)).toBe(2);
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });
});
