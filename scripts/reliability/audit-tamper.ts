/**
 * Issue 10 #1: someone who can write the database but does not hold the audit key
 * rewrites the audit log the three ways that passed `allies audit verify` before
 * the key: rows removed from the end with the recorded end moved back, a row
 * edited and everything after it re-hashed with plain SHA-256, the log emptied.
 * Each on a scratch database of its own, through the real `allies` command.
 */
import { openDatabase, migrateToLatest, type Db, type DbKind } from "../../src/db/index.ts";
import { recordAuditRows } from "../../src/domain/audit/audit.server.ts";
import { GENESIS_HASH, hashAuditRow } from "../../src/domain/audit/chain.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { runCli, scratchDatabase } from "./harness.ts";
import type { Results } from "./report.ts";

type Tamper = (db: Db) => Promise<void>;

const TAMPERS: { name: string; expect: RegExp; tamper: Tamper }[] = [
  {
    name: "rows removed from the end, end moved back",
    expect: /^Audit chain TRUNCATED: rows were removed from the end/,
    tamper: async (db) => {
      await db.deleteFrom("audit_log").where("seq", ">", 40).execute();
      const end = await db.selectFrom("audit_log").select("hash").where("seq", "=", 40).executeTakeFirstOrThrow();
      await db.updateTable("audit_head").set({ seq: 40, hash: end.hash }).execute();
    },
  },
  {
    name: "a row edited and the chain re-hashed without the key",
    expect: /^Audit chain RE-CHAINED: the rows were re-hashed/,
    tamper: async (db) => {
      await db.updateTable("audit_log").set({ actor_label: "nobody@example.org" }).where("seq", "=", 20).execute();
      const rows = await db.selectFrom("audit_log").selectAll().where("seq", ">=", 20).orderBy("seq").execute();
      let prev = (await db.selectFrom("audit_log").select("hash").where("seq", "=", 19).executeTakeFirstOrThrow()).hash;
      for (const row of rows) {
        const hash = hashAuditRow(prev, { ...row, seq: Number(row.seq) });
        await db.updateTable("audit_log").set({ prev_hash: prev, hash }).where("seq", "=", row.seq).execute();
        prev = hash;
      }
      await db.updateTable("audit_head").set({ hash: prev }).execute();
    },
  },
  {
    name: "the log emptied",
    expect: /^Audit chain RESET: the log was emptied/,
    tamper: async (db) => {
      await db.deleteFrom("audit_log").execute();
      await db.updateTable("audit_head").set({ seq: 0, hash: GENESIS_HASH }).execute();
    },
  },
];

/** `allies audit verify`'s exit status and what it printed. */
function verify(url: string): { code: number; stdout: string } {
  try {
    return { code: 0, stdout: runCli(["audit", "verify"], url, { timeoutMs: 120_000 }) };
  } catch (error) {
    const e = error as { status?: number; stdout?: string };
    return { code: e.status ?? -1, stdout: e.stdout ?? "" };
  }
}

export async function checkAuditTamper(results: Results, kind: DbKind): Promise<void> {
  for (const scenario of TAMPERS) {
    const scratch = await scratchDatabase(kind, "tamper");
    const database = openDatabase(scratch.url);
    try {
      await migrateToLatest(database.db);
      const events = Array.from({ length: 50 }, (_, i) => ({
        actor: { userId: null, label: "reliability" }, action: "data.seed" as const, entityType: "test", reason: `row ${i}`, meta: systemMeta,
      }));
      await database.db.transaction().execute((trx) => recordAuditRows(trx, events));
      runCli(["audit", "checkpoint"], scratch.url);
      const clean = verify(scratch.url);
      results.record("integrity", kind, `audit verify: a clean log before "${scenario.name}"`, clean.code === 0 && clean.stdout.startsWith("Audit chain OK: 50 rows"), clean.stdout.trim().split("\n")[0] ?? "");
      await scenario.tamper(database.db);
      const caught = verify(scratch.url);
      results.record("integrity", kind, `audit verify reports ${scenario.name}`, caught.code === 1 && scenario.expect.test(caught.stdout), `exit ${caught.code}: ${caught.stdout.trim().split("\n").slice(0, 2).join(" ")}`);
    } finally {
      await database.close();
      await scratch.drop();
    }
  }
}
