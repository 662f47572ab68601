import { describe, expect, it } from "vitest";
import { Kysely, SqliteDialect, sql } from "kysely";
import { STATEMENT_CACHE_SIZE, openSqlite } from "./sqlite-adapter.ts";

function open() {
  const { kysely } = openSqlite(":memory:");
  const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: kysely }) });
  return db;
}

describe("sqlite adapter's statement cache", () => {
  it("reuses a statement with new values, and keeps answering past the cache's size", async () => {
    const db = open();
    await db.schema.createTable("t").addColumn("id", "integer", (c) => c.primaryKey()).addColumn("name", "text").execute();
    for (let i = 1; i <= 3; i++) await db.insertInto("t").values({ id: i, name: `n${i}` }).execute();
    const byId = (id: number) => db.selectFrom("t").select("name").where("id", "=", id).executeTakeFirst();
    expect(await byId(2)).toEqual({ name: "n2" });
    expect(await byId(3)).toEqual({ name: "n3" });
    // More distinct texts than the cache holds: the oldest are dropped and prepared again when needed.
    for (let i = 0; i < STATEMENT_CACHE_SIZE + 20; i++) {
      expect((await sql<{ v: number }>`select ${sql.lit(i)} + ${1} as v`.execute(db)).rows).toEqual([{ v: i + 1 }]);
    }
    expect(await byId(1)).toEqual({ name: "n1" });
    await db.destroy();
  });

  it("sees columns added after a statement was cached", async () => {
    const db = open();
    await db.schema.createTable("t").addColumn("id", "integer", (c) => c.primaryKey()).execute();
    await db.insertInto("t").values({ id: 1 } as never).execute();
    const all = () => sql<Record<string, unknown>>`select * from t`.execute(db);
    expect((await all()).rows).toEqual([{ id: 1 }]);
    await sql`alter table t add column name text default 'x'`.execute(db);
    expect((await all()).rows).toEqual([{ id: 1, name: "x" }]);
    await db.destroy();
  });

  it("streams, and answers the same query after a stream left half-read", async () => {
    const db = open();
    await db.schema.createTable("t").addColumn("id", "integer", (c) => c.primaryKey()).addColumn("name", "text").execute();
    await db.insertInto("t").values([1, 2, 3].map((id) => ({ id, name: `n${id}` }))).execute();
    const query = db.selectFrom("t").select("id").orderBy("id");
    expect((await query.execute()).map((r) => r.id)).toEqual([1, 2, 3]);
    for await (const row of query.stream()) {
      expect(row.id).toBe(1);
      break;
    }
    expect((await query.execute()).map((r) => r.id)).toEqual([1, 2, 3]);
    await db.destroy();
  });
});
