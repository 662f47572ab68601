import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { prepared } from "../../src/db/prepared.ts";
import { freshDatabase } from "../support/db.ts";

// Queries compiled once and run with new values (decision 0041), on the suite's database (SQLite or PostgreSQL).
describe("prepared queries", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase();
    // A fresh database has no settings row until an administrator saves one.
    await handle.db.insertInto("program_settings").values({ id: "program", name: "Start", time_zone: "America/Chicago", version: 1, updated_at: new Date().toISOString() }).execute();
  });
  afterAll(async () => {
    await handle.close();
  });

  const settingsName = prepared((db, v: { id: string }) => db.selectFrom("program_settings").select("name").where("id", "=", v.id));
  const rename = prepared((db, v: { id: string; name: string }) => db.updateTable("program_settings").set({ name: v.name }).where("id", "=", v.id).returning("name"));

  it("answers each run with that run's values, inside and outside a transaction", async () => {
    const { db } = handle;
    expect(await rename.first(db, { id: "program", name: "First name" })).toEqual({ name: "First name" });
    expect(await settingsName.first(db, { id: "program" })).toEqual({ name: "First name" });
    await db.transaction().execute(async (trx) => {
      expect(await rename.all(trx, { id: "program", name: "Second name" })).toEqual([{ name: "Second name" }]);
      expect(await settingsName.first(trx, { id: "program" })).toEqual({ name: "Second name" });
    });
    expect(await settingsName.first(db, { id: "program" })).toEqual({ name: "Second name" });
    expect(await settingsName.first(db, { id: "no such row" })).toBeUndefined();
  });

  it("keeps the constants written in the query beside the values given each run", async () => {
    const { db } = handle;
    const named = prepared((db, v: { name: string }) => db.selectFrom("program_settings").select("id").where("id", "=", "program").where("name", "=", v.name));
    expect(await named.all(db, { name: "Second name" })).toEqual([{ id: "program" }]);
    expect(await named.all(db, { name: "Another name" })).toEqual([]);
  });

  it("refuses a value that does not end up a bound parameter", async () => {
    // A value used as a column name would be run as whatever the first caller passed.
    const broken = prepared((db, v: { column: "name" }) => db.selectFrom("program_settings").select(v.column));
    await expect(broken.all(handle.db, { column: "name" })).rejects.toThrow(/bound|written into its SQL/);
  });
});
