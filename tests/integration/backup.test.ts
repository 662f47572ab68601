import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_TABLES, readBackupHeader, restoreBackup, writeBackup, type AppTable } from "../../src/db/backup.ts";
import { readKeyFile, type BackupKey } from "../../src/db/backup-crypto.ts";
import { migrateToLatest, openDatabase, type Db, type DbHandle } from "../../src/db/index.ts";
import { migrations } from "../../src/db/migrations/index.ts";
import { buildParticipant } from "../../src/db/seed/factories.ts";
import { recordAudit, verifyAuditChain } from "../../src/domain/audit/audit.server.ts";
import { actorForApiToken, createApiToken, revokeApiToken } from "../../src/domain/auth/api-tokens.server.ts";
import { signIn } from "../../src/domain/auth/sessions.server.ts";
import { participantInputSchema } from "../../src/domain/participants/model.ts";
import { createParticipant, updateParticipant } from "../../src/domain/participants/participants.server.ts";
import { createUserDirect } from "../../src/domain/users/users.server.ts";
import { asOwner, freshDatabase, testDbKind } from "../support/db.ts";
import { buildWorld, TEST_PASSWORD, type World } from "../support/world.ts";

// Backup and restore on the database TEST_DB names, and across to SQLite and back,
// so TEST_DB=postgres covers both directions of a cross-database restore.
const meta = { ip: "198.51.100.4", requestId: "backup-test" };
// Text that breaks naive line formats: newlines, U+2028/U+2029 (JavaScript line breaks), quotes, backslashes, emoji.
const AWKWARD = 'Line one\nline two\r\nthree\u2028four\u2029five "quoted" \\ back\\slash “curly” émoji 🎉';

const dir = mkdtempSync(path.join(tmpdir(), "allies-backup-test-"));
const opened: DbHandle[] = [];
let source: DbHandle;
let world: World;
let token: string;
let backupFile: string;

async function database(kind: "test" | "sqlite" = "test"): Promise<DbHandle> {
  let handle: DbHandle;
  if (kind === "test") {
    handle = await freshDatabase();
  } else {
    handle = openDatabase(`file:${path.join(mkdtempSync(path.join(dir, "db-")), "allies.db")}`);
    await migrateToLatest(handle.db);
  }
  opened.push(handle);
  return handle;
}

/** Every row of a table, each as JSON with sorted keys, sorted: equal lists mean equal tables. */
async function tableRows(db: Db, table: AppTable): Promise<string[]> {
  const rows = await (db as unknown as Kysely<Record<string, Record<string, unknown>>>).selectFrom(table).selectAll().execute();
  return rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))))).sort();
}

/**
 * The target holds exactly the source's rows, plus `restores` data.restore audit
 * rows at the end of the chain (and the head moved on by as many).
 */
async function expectSameData(target: Db, from: Db, restores: number) {
  for (const table of APP_TABLES) {
    if (table === "audit_log" || table === "audit_head") continue;
    expect(await tableRows(target, table), table).toEqual(await tableRows(from, table));
  }
  const sourceAudit = await from.selectFrom("audit_log").selectAll().orderBy("seq").execute();
  const targetAudit = await target.selectFrom("audit_log").selectAll().orderBy("seq").execute();
  expect(targetAudit.slice(0, sourceAudit.length)).toEqual(sourceAudit);
  expect(targetAudit.slice(sourceAudit.length).map((r) => r.action)).toEqual(Array(restores).fill("data.restore"));
  const head = await target.selectFrom("audit_head").selectAll().executeTakeFirstOrThrow();
  expect(Number(head.seq)).toBe(sourceAudit.length + restores);
  expect(await verifyAuditChain(target)).toMatchObject({ ok: true, rows: sourceAudit.length + restores });
}

beforeAll(async () => {
  source = await database();
  world = await buildWorld(source.db);
  const { specialist1, admin } = world.actors;
  token = (await createApiToken(source.db, specialist1, "laptop", meta)).token;
  const revoked = await createApiToken(source.db, specialist1, "old phone", meta);
  await revokeApiToken(source.db, specialist1, revoked.id, meta);
  const signedIn = await signIn(source.db, { email: "spec1@test.org", password: TEST_PASSWORD }, meta, "vitest");
  expect(signedIn.ok).toBe(true);
  const created = await createParticipant(source.db, specialist1, participantInputSchema.parse({ firstName: "Ana", lastName: "Díaz-O'Brien" }), meta);
  if (!created.ok) throw new Error("create failed");
  await updateParticipant(source.db, specialist1, created.participant.id, {
    ...participantInputSchema.parse({ firstName: "Ana", lastName: "Díaz-O'Brien", workGoal: AWKWARD }), version: 1,
  }, meta);
  await buildParticipant(source.db, world.users.specialist2.id, { firstName: "Zoë", lastName: "Ng", strengths: AWKWARD, situationFlags: ["youngAdult"] });
  const made = await createUserDirect(source.db, { email: "late@test.org", name: "Late Hire", role: "admin", password: "long enough password" }, meta);
  expect(made.ok).toBe(true);
  await source.db.transaction().execute((trx) =>
    recordAudit(trx, { actor: admin, action: "audit.list", entityType: "audit_log", reason: "read:audit:any", details: { filter: { actor: AWKWARD, page: 1 }, shown: 0 }, meta }));
  backupFile = path.join(dir, "source.allies-backup");
  await writeBackup(source, backupFile);
});

afterAll(async () => {
  // Newest first: the live test's second connection goes before its database is dropped.
  for (const handle of opened.reverse()) await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("backup", () => {
  it("names its format, the source database and the migrations it was made at", async () => {
    const header = await readBackupHeader(backupFile);
    expect(header).toMatchObject({ format: "allies-backup", version: 1, sourceKind: testDbKind(), tables: [...APP_TABLES] });
    expect(header.migrations).toEqual(Object.keys(migrations).sort());
    const lines = gunzipSync(readFileSync(backupFile)).toString("utf8").split("\n").filter(Boolean);
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({ end: true, rows: { users: 7, participants: 5 } });
  });
});

describe("restore", () => {
  it("gives back every table row for row, with a verifying audit chain and working credentials", async () => {
    const target = await database();
    const result = await restoreBackup(asOwner(target).db, backupFile);
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.chain.ok).toBe(true);
    await expectSameData(target.db, source.db, 1);
    expect((await actorForApiToken(target.db, token))?.userId).toBe(world.users.specialist1.id);
    const restoredSignIn = await signIn(target.db, { email: "spec2@test.org", password: TEST_PASSWORD }, meta, "vitest");
    expect(restoredSignIn.ok).toBe(true);
    const goal = await target.db.selectFrom("participants").select("work_goal").where("last_name", "=", "Díaz-O'Brien").executeTakeFirstOrThrow();
    expect(goal.work_goal).toBe(AWKWARD);
  });

  it("restores into SQLite and back again, whichever database the backup came from", async () => {
    const embedded = await database("sqlite");
    const there = await restoreBackup(asOwner(embedded).db, backupFile);
    expect(there.ok).toBe(true);
    await expectSameData(embedded.db, source.db, 1);

    const secondFile = path.join(dir, "from-sqlite.allies-backup");
    await writeBackup(embedded, secondFile);
    expect((await readBackupHeader(secondFile)).sourceKind).toBe("sqlite");
    const back = await database();
    const again = await restoreBackup(asOwner(back).db, secondFile);
    expect(again.ok).toBe(true);
    await expectSameData(back.db, source.db, 2);
  });

  it("refuses a database that has data unless forced, and then replaces all of it", async () => {
    const target = await database();
    await buildWorld(target.db);
    const usersBefore = await tableRows(target.db, "users");
    const refused = await restoreBackup(asOwner(target).db, backupFile);
    expect(refused).toMatchObject({ ok: false, reason: "not_empty" });
    if (refused.ok) throw new Error("expected a refusal");
    expect(refused.tablesWithData).toEqual(expect.arrayContaining(["teams", "users", "participants"]));
    expect(await tableRows(target.db, "users")).toEqual(usersBefore);

    const forced = await restoreBackup(asOwner(target).db, backupFile, { force: true });
    expect(forced.ok).toBe(true);
    await expectSameData(target.db, source.db, 1);
  });

  it("refuses a damaged, cut-short or foreign file and leaves the database as it was", async () => {
    const target = await database();
    const lines = gunzipSync(readFileSync(backupFile)).toString("utf8").split("\n");
    const write = (name: string, content: string | Buffer) => {
      const file = path.join(dir, name);
      writeFileSync(file, typeof content === "string" ? gzipSync(content) : content);
      return file;
    };
    const header = JSON.parse(lines[0]!);

    await expect(restoreBackup(asOwner(target).db, write("cut.gz", lines.slice(0, -3).join("\n")))).rejects.toThrow(/incomplete/);
    await expect(restoreBackup(asOwner(target).db, write("not-gzip", Buffer.from("hello")))).rejects.toThrow();
    await expect(restoreBackup(asOwner(target).db, write("other.gz", '{"format":"something-else"}\n'))).rejects.toThrow(/not an Allies backup/);
    const newer = write("newer.gz", [JSON.stringify({ ...header, migrations: [...header.migrations, "9999_future"] }), ...lines.slice(1)].join("\n"));
    await expect(restoreBackup(asOwner(target).db, newer)).rejects.toThrow(/newer version/);
    const participantsLine = lines.findIndex((l) => l.startsWith('{"table":"participants"'));
    const edited = [...lines];
    edited[participantsLine + 1] = "[1,2,3]";
    await expect(restoreBackup(asOwner(target).db, write("edited.gz", edited.join("\n")))).rejects.toThrow(/damaged/);

    for (const table of APP_TABLES) {
      if (table === "role_permissions" || table === "audit_head") continue;
      expect(await tableRows(target.db, table), table).toEqual([]);
    }
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true, rows: 0 });
  });
});

describe("a backup kept from other eyes", () => {
  it("is readable by its owner only, whatever the umask", () => {
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
  });

  it("encrypted with a passphrase or a key file, restores only with it, and refuses any change or cut", async () => {
    const keyFile = path.join(dir, "backup.key");
    writeFileSync(keyFile, "ab".repeat(32) + "\n", { mode: 0o600 });
    const keys: BackupKey[] = [{ kind: "passphrase", passphrase: "correct horse battery staple" }, { kind: "key_file", key: await readKeyFile(keyFile) }];
    for (const key of keys) {
      const sealed = path.join(dir, `sealed-${key.kind}.allies-backup`);
      await writeBackup(source, sealed, new Date(), { key });
      expect(statSync(sealed).mode & 0o777).toBe(0o600);
      const bytes = readFileSync(sealed);
      // Nothing of the data shows through: not the awkward text, not the gzip'd stream.
      expect(bytes.includes(Buffer.from("Díaz"))).toBe(false);
      expect(bytes.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false);

      const target = await database();
      await expect(restoreBackup(asOwner(target).db, sealed)).rejects.toThrow(/encrypted/);
      const wrong: BackupKey = key.kind === "passphrase" ? { kind: "passphrase", passphrase: "wrong horse battery staple" } : { kind: "key_file", key: Buffer.alloc(32, 7) };
      await expect(restoreBackup(asOwner(target).db, sealed, { key: wrong })).rejects.toThrow(/cannot be decrypted/);
      const flipped = Buffer.from(bytes);
      flipped[flipped.length - 40]! ^= 1;
      writeFileSync(path.join(dir, "flipped"), flipped);
      await expect(restoreBackup(asOwner(target).db, path.join(dir, "flipped"), { key })).rejects.toThrow(/cannot be decrypted/);
      writeFileSync(path.join(dir, "cut"), bytes.subarray(0, bytes.length - 20));
      await expect(restoreBackup(asOwner(target).db, path.join(dir, "cut"), { key })).rejects.toThrow(/cannot be decrypted/);
      for (const table of APP_TABLES) {
        if (table === "role_permissions" || table === "audit_head") continue;
        expect(await tableRows(target.db, table), table).toEqual([]);
      }

      const restored = await restoreBackup(asOwner(target).db, sealed, { key });
      expect(restored.ok).toBe(true);
      await expectSameData(target.db, source.db, 1);
    }
  });

  it("refuses a key file other users can read", async () => {
    const keyFile = path.join(dir, "open.key");
    writeFileSync(keyFile, "cd".repeat(32));
    chmodSync(keyFile, 0o644);
    await expect(readKeyFile(keyFile)).rejects.toThrow(/chmod 600/);
  });
});

describe("backup while the app writes", () => {
  it("copies one consistent moment: the chain of every copy verifies", async () => {
    // A second connection, as the running app would have.
    const writer = openDatabase(source.url);
    opened.push(writer);
    let writing = true;
    let written = 0;
    const writes = (async () => {
      // Yield to the event loop between writes: node:sqlite is synchronous, and a tight loop would starve the backup.
      while (writing && written < 2000) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        await writer.db.transaction().execute((trx) =>
          recordAudit(trx, { actor: world.actors.admin, action: "audit.list", entityType: "audit_log", reason: "read:audit:any", details: { filter: { page: written + 1 }, shown: 0 }, meta }));
        written++;
      }
    })();
    try {
      for (let i = 0; i < 3; i++) {
        const file = path.join(dir, `live-${i}.allies-backup`);
        await writeBackup(source, file);
        const target = await database();
        const result = await restoreBackup(asOwner(target).db, file);
        if (!result.ok) throw new Error("refused");
        expect(result.chain).toMatchObject({ ok: true });
      }
    } finally {
      writing = false;
      await writes;
    }
    expect(written).toBeGreaterThan(0);
  });
});
