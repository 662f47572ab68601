import { chmodSync, existsSync, mkdtempSync, readFileSync, appendFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { resolveAuditTrail } from "../../src/db/audit-trail.ts";
import { restoreBackup, writeBackup } from "../../src/db/backup.ts";
import { migrateToLatest, openDatabase, type Db, type DbHandle } from "../../src/db/index.ts";
import { migrationProvider } from "../../src/db/migrations/index.ts";
import { recordAuditRows, verifyAuditChain } from "../../src/domain/audit/audit.server.ts";
import { GENESIS_HASH, hashAuditRow } from "../../src/domain/audit/chain.ts";
import { checkpointAuditChain } from "../../src/domain/audit/checkpoints.server.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { asOwner, freshDatabase, testDbKind } from "../support/db.ts";

// The attacks of issue 10 #1, each by someone who can write the database but does
// not hold the audit key: today's plain SHA-256 chain with its end in the same
// database lets every one of them pass `allies audit verify`.

const opened: DbHandle[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

async function database(): Promise<DbHandle> {
  const handle = await freshDatabase();
  opened.push(handle);
  return handle;
}

async function writeRows(db: Db, count: number, label = "row"): Promise<void> {
  const events = Array.from({ length: count }, (_, i) => ({
    actor: { userId: null, label: "tamper test" }, action: "data.seed" as const, entityType: "test", reason: `${label} ${i}`, meta: systemMeta,
  }));
  await db.transaction().execute((trx) => recordAuditRows(trx, events));
}

const rows = (db: Db) => db.selectFrom("audit_log").selectAll().orderBy("seq").execute();

/** What a keyless attacker does to make the rows agree again: plain SHA-256 from `fromSeq` on, and the head moved to match. */
async function rechainWithoutKey(db: Db, fromSeq: number): Promise<void> {
  const all = await rows(db);
  let prev = fromSeq === 1 ? GENESIS_HASH : all.find((r) => Number(r.seq) === fromSeq - 1)!.hash;
  for (const row of all.filter((r) => Number(r.seq) >= fromSeq)) {
    const hash = hashAuditRow(prev, { ...row, seq: Number(row.seq) });
    await db.updateTable("audit_log").set({ prev_hash: prev, hash }).where("seq", "=", row.seq).execute();
    prev = hash;
  }
  await db.updateTable("audit_head").set({ hash: prev }).execute();
}

/** A log of 30 rows whose end at row 30 is in a signed checkpoint. */
async function checkpointedLog(): Promise<DbHandle> {
  const handle = await database();
  await writeRows(handle.db, 30);
  expect(await checkpointAuditChain(handle.db, "manual")).toMatchObject({ seq: 30 });
  expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, rows: 30, checkpoints: { checked: 2 } });
  return handle;
}

describe("audit verify against an attacker without the key", () => {
  it("reports rows deleted from the end with the recorded end moved back as truncation", async () => {
    const handle = await checkpointedLog();
    const owner = asOwner(handle).db;
    await owner.deleteFrom("audit_log").where("seq", ">", 25).execute();
    const end = await owner.selectFrom("audit_log").select("hash").where("seq", "=", 25).executeTakeFirstOrThrow();
    await owner.updateTable("audit_head").set({ seq: 25, hash: end.hash }).execute();

    const check = await verifyAuditChain(handle.db);
    expect(check).toMatchObject({ ok: false, finding: "truncated", brokenAtSeq: 26 });
    if (!check.ok) expect(check.problem).toMatch(/the log ends at row 25, but the manual checkpoint of .* recorded row 30: rows 26 to 30 are gone/);
  });

  it("reports an edited row re-hashed with plain SHA-256 to the end as re-chaining, at that row", async () => {
    const handle = await checkpointedLog();
    const owner = asOwner(handle).db;
    await owner.updateTable("audit_log").set({ actor_label: "someone-else@example.org" }).where("seq", "=", 12).execute();
    await rechainWithoutKey(owner, 12);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, finding: "rechained", brokenAtSeq: 12 });
  });

  it("reports an edited row left as it is as an edit", async () => {
    const handle = await checkpointedLog();
    await asOwner(handle).db.updateTable("audit_log").set({ reason: "nothing to see" }).where("seq", "=", 7).execute();
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, finding: "edited", brokenAtSeq: 7 });
  });

  it("reports an emptied log with its head reset as a reset", async () => {
    const handle = await checkpointedLog();
    const owner = asOwner(handle).db;
    await owner.deleteFrom("audit_log").execute();
    await owner.updateTable("audit_head").set({ seq: 0, hash: GENESIS_HASH }).execute();
    const check = await verifyAuditChain(handle.db);
    expect(check).toMatchObject({ ok: false, finding: "reset" });
    if (!check.ok) expect(check.problem).toMatch(/the log is empty, but the manual checkpoint of .* recorded 30 rows/);
  });

  it("reports rows removed from the middle", async () => {
    const handle = await checkpointedLog();
    await asOwner(handle).db.deleteFrom("audit_log").where("seq", "in", [10, 11]).execute();
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, finding: "missing_rows", brokenAtSeq: 12 });
  });

  it("refuses a checkpoint line written without the key, and a log whose checkpoints were removed", async () => {
    const handle = await checkpointedLog();
    const file = handle.audit.checkpointsFile!;
    const lines = readFileSync(file, "utf8");
    appendFileSync(file, `${JSON.stringify({ kind: "restore", seq: 0, hash: GENESIS_HASH, at: new Date().toISOString(), keyedFromSeq: 0, backup: "x", mac: "0".repeat(64) })}\n`);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, finding: "bad_checkpoint" });

    rmSync(file);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, finding: "unanchored" });
    appendFileSync(file, lines);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true });
  });

  it("records a restore from a backup as such: verify names the backup rather than reporting the rows since it as gone", async () => {
    const handle = await database();
    await writeRows(handle.db, 20);
    const dir = mkdtempSync(path.join(tmpdir(), "allies-tamper-"));
    const backup = path.join(dir, "before.allies-backup");
    await writeBackup(handle, backup);
    await writeRows(handle.db, 10, "after the backup");
    await checkpointAuditChain(handle.db, "periodic");

    const result = await restoreBackup(asOwner(handle).db, backup, { force: true });
    expect(result).toMatchObject({ ok: true, chain: { ok: true, rows: 20 } });
    const check = await verifyAuditChain(handle.db);
    expect(check).toMatchObject({ ok: true, rows: 21, checkpoints: { restore: { kind: "restore", backup: "before.allies-backup", seq: 21 }, beforeRestore: 2 } });
    const actions = (await rows(handle.db)).map((r) => r.action);
    expect(actions.at(-1)).toBe("data.restore");
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(testDbKind() === "postgres")("holds the tests' app role on PostgreSQL to reading and appending: update, delete and truncate of the audit log are refused", async () => {
    const handle = await database();
    await writeRows(handle.db, 3);
    const role = (await sql<{ user: string; superuser: string }>`select current_user as user, current_setting('is_superuser') as superuser`.execute(handle.db)).rows[0]!;
    expect(role).toEqual({ user: "allies_test_app", superuser: "off" });
    await expect(handle.db.updateTable("audit_log").set({ reason: "x" }).where("seq", "=", 1).execute()).rejects.toThrow(/permission denied/);
    await expect(handle.db.deleteFrom("audit_log").where("seq", "=", 3).execute()).rejects.toThrow(/permission denied/);
    await expect(sql`truncate audit_log`.execute(handle.db)).rejects.toThrow(/permission denied/);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, rows: 3 });
  });
});

describe("a log from before the audit key", () => {
  it("keeps its rows as they are, signs where they end on the first keyed start, and re-hashing them is seen", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "allies-old-chain-"));
    const handle = openDatabase(`file:${path.join(dir, "allies.db")}`);
    opened.push(handle);
    const migrator = new Migrator({ db: handle.db, provider: migrationProvider, migrationTableName: "schema_migrations", migrationTableSchema: undefined, migrationLockTableName: "schema_migrations_lock" });
    expect((await migrator.migrateTo("0008_api_token_expiry")).error).toBeUndefined();
    // Five rows as the version before the key wrote them: plain SHA-256.
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 5; seq++) {
      const row = {
        seq, id: `00000000-0000-4000-8000-00000000000${seq}`, occurred_at: new Date(Date.UTC(2026, 5, seq)).toISOString(), actor_id: null, actor_label: "system",
        action: "data.seed", entity_type: "test", entity_id: null, participant_id: null, ip: null, request_id: null, reason: `old ${seq}`, details: "{}",
      };
      const hash = hashAuditRow(prev, row);
      await handle.db.insertInto("audit_log").values({ ...row, prev_hash: prev, hash }).execute();
      prev = hash;
    }
    await sql`update audit_head set seq = 5, hash = ${prev}`.execute(handle.db);

    await migrateToLatest(handle.db);
    const anchor = readFileSync(handle.audit.checkpointsFile!, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(anchor).toEqual([expect.objectContaining({ kind: "anchor", seq: 5, hash: prev, keyedFromSeq: 5 })]);
    await writeRows(handle.db, 4, "keyed");
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, rows: 9 });

    // Moving the boundary in the database, so keyed rows would be read as old ones, contradicts the anchor.
    await handle.db.updateTable("audit_head").set({ keyed_from_seq: 9 }).execute();
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, finding: "rechained" });
    await handle.db.updateTable("audit_head").set({ keyed_from_seq: 5 }).execute();

    // An old row edited and everything re-hashed in the old scheme: the anchor's hash no longer matches.
    await handle.db.updateTable("audit_log").set({ reason: "rewritten" }).where("seq", "=", 2).execute();
    await rechainWithoutKey(handle.db, 2);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, finding: "rechained", brokenAtSeq: 5 });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("the audit key", () => {
  it("on SQLite without ALLIES_AUDIT_KEY, is made beside the database readable by its owner only, and refused once others can read it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "allies-key-"));
    const place = { kind: "sqlite" as const, path: path.join(dir, "allies.db") };
    const first = resolveAuditTrail(place, {});
    const keyFile = `${place.path}.audit-key`;
    expect(first.keySource).toBe(keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(first.checkpointsFile).toBe(`${place.path}.audit-checkpoints.jsonl`);
    expect(resolveAuditTrail(place, {}).rowKey).toEqual(first.rowKey);

    chmodSync(keyFile, 0o644);
    expect(() => resolveAuditTrail(place, {})).toThrow(`the audit key file ${keyFile} can be read or changed by other users (mode 0644)`);
    chmodSync(keyFile, 0o640);
    expect(() => resolveAuditTrail(place, {})).toThrow(/chmod 600/);
    rmSync(dir, { recursive: true, force: true });
  });

  it("is required on PostgreSQL, and must be long enough to be a key", () => {
    const place = { kind: "postgres" as const, database: "allies" };
    expect(() => resolveAuditTrail(place, {})).toThrow(/ALLIES_AUDIT_KEY is not set/);
    expect(() => resolveAuditTrail(place, { ALLIES_AUDIT_KEY: "secret" })).toThrow(/at least 64 hexadecimal characters/);
    const trail = resolveAuditTrail(place, { ALLIES_AUDIT_KEY: "ab".repeat(32), ALLIES_AUDIT_CHECKPOINTS: "/var/lib/allies/checkpoints" });
    expect(trail.checkpointsFile).toBe("/var/lib/allies/checkpoints/allies.audit-checkpoints.jsonl");
    expect(existsSync("/var/lib/allies/checkpoints")).toBe(false);
  });
});
