import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type DbHandle } from "../../src/db/index.ts";
import { readThenRecord } from "../../src/domain/audit/audit.server.ts";
import { testDbKind } from "../support/db.ts";

// Reports and exports read for a second or more; on SQLite a transaction that may
// write holds the one write lock from its start (decision 0040). Their reading runs
// in a read-only transaction, so another process (a second worker) writes meanwhile.
const opened: DbHandle[] = [];
afterAll(async () => {
  for (const handle of opened) await handle.close();
});

async function twoProcessesOnOneFile(): Promise<[DbHandle, DbHandle]> {
  const url = `file:${path.join(mkdtempSync(path.join(tmpdir(), "allies-read-")), "allies.db")}`;
  const first = openDatabase(url);
  opened.push(first);
  await migrateToLatest(first.db);
  // The other worker gives up at once rather than wait: a write it could not make shows.
  const second = openDatabase(url, { lockWaitMs: 0 });
  opened.push(second);
  return [first, second];
}

describe.runIf(testDbKind() === "sqlite")("a long audited read", () => {
  it("holds no write lock while it reads: another process writes in the middle of it, and the record step writes after", async () => {
    const [first, second] = await twoProcessesOnOneFile();
    const answer = await readThenRecord(first.db,
      async (trx) => {
        const teams = await trx.selectFrom("teams").select("id").execute();
        await sql`CREATE TABLE written_meanwhile (x INTEGER)`.execute(second.db);
        return teams.length;
      },
      async (trx, teams) => {
        await sql`CREATE TABLE written_after (x INTEGER)`.execute(trx);
        return `read ${teams} teams`;
      });
    expect(answer).toBe("read 0 teams");
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name LIKE 'written_%' ORDER BY name`.execute(second.db);
    expect(tables.rows.map((r) => r.name)).toEqual(["written_after", "written_meanwhile"]);
  });

  it("is unlike a transaction that may write, which keeps the other process out until it ends", async () => {
    const [first, second] = await twoProcessesOnOneFile();
    const refused = await first.db.transaction().execute(async (trx) => {
      await trx.selectFrom("teams").select("id").execute();
      return sql`CREATE TABLE written_meanwhile (x INTEGER)`.execute(second.db).then(() => null, (error: unknown) => error);
    });
    expect(refused).not.toBeNull();
  });
});
