import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { addPayStub } from "../../src/domain/benefits/earnings.server.ts";
import { payStubInputSchema } from "../../src/domain/benefits/records.ts";
import { createConcern } from "../../src/domain/concerns/concerns.server.ts";
import { concernInputSchema } from "../../src/domain/concerns/model.ts";
import { authorized } from "../support/access.ts";
import { freshDatabase } from "../support/db.ts";
import { buildWorld, type World } from "../support/world.ts";

// A retried request carries the same client key, and behind a load balancer the
// first try and the retry may reach two app servers at the same moment (decision
// 0042). Both look for the key, find nothing and insert; the unique key stops the
// second, which must then answer with the first record instead of failing.
let database: DbHandle;
let world: World;
const meta = { ip: "127.0.0.1", requestId: null };
beforeAll(async () => {
  database = await freshDatabase();
  world = await buildWorld(database.db);
});
afterAll(async () => {
  await database?.close();
});

describe("the same client key twice at the same moment", () => {
  it("stores one pay stub and answers both with it", async () => {
    const access = await authorized(database.db, world.actors.specialist1, world.participants.participant1.id);
    const input = payStubInputSchema.parse({ payDate: "2026-03-13", periodStart: "2026-02-27", periodEnd: "2026-03-12", hours: 12, gross: 180, employer: "Corner Bakery", clientKey: "stub-at-once" });
    for (let round = 0; round < 5; round++) {
      const key = `stub-at-once-${round}`;
      const answers = await Promise.all([1, 2, 3].map(() => addPayStub(database.db, access, { ...input, clientKey: key }, meta)));
      const ids = answers.map((a) => (a.ok ? a.stub.id : null));
      expect(new Set(ids).size).toBe(1);
      expect(ids[0]).not.toBeNull();
      expect(answers.filter((a) => a.ok && a.created)).toHaveLength(1);
      const stored = await database.db.selectFrom("pay_stubs").select("id").where("client_key", "=", key).execute();
      expect(stored).toEqual([{ id: ids[0] }]);
      const audited = await database.db.selectFrom("audit_log").select("id").where("action", "=", "pay_stub.create").where("entity_id", "=", ids[0]!).execute();
      expect(audited).toHaveLength(1);
    }
  });

  it("stores one concern and answers both with it", async () => {
    const access = await authorized(database.db, world.actors.specialist1, world.participants.participant1.id);
    for (let round = 0; round < 5; round++) {
      const key = `concern-at-once-${round}`;
      const input = concernInputSchema.parse({ type: "transport", raisedBy: "participant", description: "The early bus does not run on Sundays.", clientKey: key });
      const answers = await Promise.all([1, 2, 3].map(() => createConcern(database.db, access, input, meta)));
      const ids = answers.map((a) => (a.ok ? a.concern.id : null));
      expect(new Set(ids).size).toBe(1);
      expect(ids[0]).not.toBeNull();
      const stored = await database.db.selectFrom("concerns").select("id").where("client_key", "=", key).execute();
      expect(stored).toEqual([{ id: ids[0] }]);
    }
  });
});
