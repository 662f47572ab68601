import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { writeBackup } from "../../src/db/backup.ts";
import { migrateToLatest, openDatabase, type DbHandle } from "../../src/db/index.ts";
import { verifyAuditChain } from "../../src/domain/audit/audit.server.ts";
import { holdWriteLock } from "../../scripts/reliability/outside-lock.ts";
import { useTestApp } from "../support/app.ts";
import { testDbKind } from "../support/db.ts";

// Another process holding SQLite's write lock (docs/decisions/0020-sqlite-outside-lock.md).
// Embedded SQLite only: PostgreSQL has row locks and no file lock to hold.
const onSqlite = testDbKind() === "sqlite";
const SLOW = { timeout: 60_000 };
const root = path.resolve(import.meta.dirname, "../..");
const opened: DbHandle[] = [];

afterAll(async () => {
  for (const handle of opened) await handle.close();
});

function scratchSqlite(): { url: string; file: string } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "allies-lock-")), "allies.db");
  return { url: `file:${file}`, file };
}

async function open(url: string): Promise<DbHandle> {
  const handle = openDatabase(url);
  opened.push(handle);
  await migrateToLatest(handle.db);
  return handle;
}

describe.runIf(onSqlite)("requests while another process holds the write lock", SLOW, () => {
  const app = useTestApp();

  it("answer 503 with Retry-After (page, .data and API), save nothing, keep /healthz quick, and work again after the lock goes", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const lastSeqBefore = await app.lastSeq();
    const outside = holdWriteLock(app.database.url.slice("file:".length), 6000);
    await outside.locked;

    const healthTimes: number[] = [];
    const healthBodies: string[] = [];
    let polling = true;
    const health = (async () => {
      while (polling) {
        const started = performance.now();
        const response = await fetch(`${app.url}/healthz`);
        healthBodies.push(await response.text());
        healthTimes.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    // Each of these reads writes its audit row, or writes a record, so each needs the lock.
    const [page, pageData, apiRead, apiWrite] = await Promise.all([
      spec1.fetch(`/participants/${id}`),
      spec1.fetch(`/participants/${id}.data`),
      spec1.api("GET", `/participants/${id}`),
      spec1.api("POST", `/participants/${id}/support-persons`, { name: "Written Under Lock", relationshipKind: "friend", closeness: "friends" }),
    ]);
    polling = false;
    await health;

    for (const answer of [page, pageData, apiRead, apiWrite]) {
      expect(answer.status, answer.url).toBe(503);
      expect(answer.headers.get("retry-after"), answer.url).toMatch(/^\d+$/);
    }
    expect(await page.text()).toContain("Busy, try again");
    expect(await apiRead.json()).toMatchObject({ error: { code: "busy" } });
    expect(await apiWrite.json()).toMatchObject({ error: { code: "busy" } });
    await pageData.arrayBuffer();
    expect(healthTimes.length).toBeGreaterThan(10);
    expect(Math.max(...healthTimes)).toBeLessThan(500);
    expect(healthBodies).toContain('{"status":"degraded","database":"waiting for a write lock another process holds"}');

    await outside.released;
    const written = await app.database.db.selectFrom("support_persons").select("id").where("name", "=", "Written Under Lock").execute();
    expect(written).toEqual([]);
    expect(await app.lastSeq()).toBe(lastSeqBefore);

    expect((await spec1.fetch(`/participants/${id}`)).status).toBe(200);
    expect((await spec1.api("GET", `/participants/${id}`)).status).toBe(200);
    expect((await spec1.api("POST", `/participants/${id}/support-persons`, { name: "Written After Lock", relationshipKind: "friend", closeness: "friends" })).status).toBe(201);
    expect(await (await fetch(`${app.url}/healthz`)).text()).toBe('{"status":"ok"}');
    expect(await verifyAuditChain(app.database.db)).toMatchObject({ ok: true });
  });
});

describe.runIf(onSqlite)("transactions of two processes on one database", SLOW, () => {
  it("read-then-write transactions each take the write lock at BEGIN, so both commit and no update is lost", async () => {
    const { url } = scratchSqlite();
    const first = await open(url);
    const second = await open(url);
    await sql`create table tally (n integer not null)`.execute(first.db);
    await sql`insert into tally (n) values (0)`.execute(first.db);
    // Read, let the other process run, then write what was read plus one: with a
    // deferred BEGIN both read 0, and the second write is refused (SQLITE_BUSY).
    const increment = (handle: DbHandle) => handle.db.transaction().execute(async (trx) => {
      const { n } = (await sql<{ n: number }>`select n from tally`.execute(trx)).rows[0]!;
      await new Promise((resolve) => setTimeout(resolve, 100));
      await sql`update tally set n = ${n + 1}`.execute(trx);
    });
    await Promise.all([increment(first), increment(second), increment(first), increment(second)]);
    expect((await sql<{ n: number }>`select n from tally`.execute(first.db)).rows[0]!.n).toBe(4);
  });

  it("a backup (a read-only transaction) runs while another process holds the write lock", async () => {
    const { url, file } = scratchSqlite();
    const handle = await open(url);
    const outside = holdWriteLock(file, 5000);
    await outside.locked;
    const summary = await writeBackup(handle, `${file}.backup`);
    expect(summary.header.tables.length).toBeGreaterThan(10);
    await outside.released;
  });
});

/** `allies` as a child process with the Node running vitest. */
function allies(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["src/cli/main.ts", ...args], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "warn", ALLIES_DEMO_DATA: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, exited, output: () => output };
}

async function untilListening(server: ReturnType<typeof allies>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!/running at http/.test(server.output())) {
    if (Date.now() > deadline || server.child.exitCode !== null) throw new Error(`allies serve did not start: ${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(onSqlite)("allies restore and a running server", SLOW, () => {
  it("refuses to restore into a database a server has open, and restores once it has stopped", async () => {
    const { url, file } = scratchSqlite();
    const source = await open(scratchSqlite().url);
    const backup = `${file}.backup`;
    await writeBackup(source, backup);

    const server = allies(["serve"], { DATABASE_URL: url });
    await untilListening(server);
    const refused = allies(["restore", backup], { DATABASE_URL: url });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/open in a running server .* nothing was restored/);

    server.child.kill("SIGTERM");
    await server.exited;
    const restored = allies(["restore", backup], { DATABASE_URL: url });
    expect(await restored.exited, restored.output()).toBe(0);
    expect(restored.output()).toMatch(/^Restored /m);
  });
});
