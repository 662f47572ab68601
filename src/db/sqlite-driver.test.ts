import { describe, expect, it } from "vitest";
import { Kysely } from "kysely";
import { openSqlite } from "./sqlite-adapter.ts";
import { waitingSqliteDialect } from "./sqlite-driver.ts";

/** Synchronous work, as a page's render or a statement over many rows is. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* the CPU is taken, as by real work */ }
}

describe("the SQLite connection's queue", () => {
  it("lets the event loop take a turn (accept connections, read requests) while many requests wait for the connection", async () => {
    const { kysely, raw } = openSqlite(":memory:");
    const db = new Kysely<{ t: { id: number } }>({ dialect: waitingSqliteDialect(kysely, raw, 3000).dialect });
    await db.schema.createTable("t").addColumn("id", "integer", (c) => c.primaryKey()).execute();

    let done = 0;
    const request = async (id: number) => {
      await db.insertInto("t").values({ id }).execute();
      busyFor(1);
      await db.selectFrom("t").select("id").where("id", "=", id).executeTakeFirstOrThrow();
      busyFor(1);
      done++;
    };
    // 200 requests queue for the one connection; then the loop's next turn is asked for.
    const requests = Array.from({ length: 200 }, (_, i) => request(i + 1));
    const doneAtTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(done)));
    await Promise.all(requests);

    expect(done).toBe(200);
    // Handed over by promise alone, all 200 (400 ms of work) finished before the loop's turn came.
    expect(doneAtTurn).toBeLessThan(50);
    await db.destroy();
  });
});
