import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../../src/db/index.ts";
import { recordAuditRows, verifyAuditChain } from "../../src/domain/audit/audit.server.ts";
import { checkpointAuditChain, readCheckpoints } from "../../src/domain/audit/checkpoints.server.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { freshDatabase, testDbKind } from "../support/db.ts";

// Several app servers on one PostgreSQL (decision 0042) each append signed
// checkpoints to the one shared file while all of them write audit rows. A server
// that read the chain's end just before another wrote rows and signed a later end
// must not take that later checkpoint for a cut log: no false alarm, and the file
// of interleaved checkpoints still verifies.
let first: DbHandle;
let second: DbHandle;
beforeAll(async () => {
  first = await freshDatabase();
  // A second server: its own connections, the same audit key and checkpoint file.
  second = testDbKind() === "postgres" ? openDatabase(first.url, { audit: first.audit }) : first;
});
afterAll(async () => {
  if (second !== first) await second?.close();
  await first?.close();
});

describe("audit checkpoints from several servers", () => {
  it("are all written while both servers write rows, and the log verifies against them", async () => {
    const write = (handle: DbHandle, round: number) => handle.db.transaction().execute((trx) => recordAuditRows(trx, [
      { actor: { userId: null, label: "server" }, action: "data.seed", entityType: "test", reason: `round ${round}`, meta: systemMeta },
    ]));
    const before = readCheckpoints(first.audit).checkpoints.length;
    for (let round = 0; round < 15; round++) {
      const outcomes = await Promise.allSettled([
        write(first, round), checkpointAuditChain(first.db, "periodic"), write(second, round), checkpointAuditChain(second.db, "periodic"),
        write(first, round), checkpointAuditChain(second.db, "periodic"), checkpointAuditChain(first.db, "periodic"),
      ]);
      const refused = outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason));
      expect(refused).toEqual([]);
    }
    expect(readCheckpoints(first.audit).checkpoints.length - before).toBe(15 * 4);
    expect(await verifyAuditChain(first.db)).toMatchObject({ ok: true });
  });
});
