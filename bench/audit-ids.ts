/**
 * What an audit row's id costs to insert (decision 0041, fourth round): every page
 * a person opens writes one audit row, and the row's id has a unique index. A random
 * id (UUID v4) lands on a random page of that index, which on a large log is rarely
 * in memory; a time-ordered id (UUID v7) lands next to the one before it. Inserts
 * rows both ways, alternately, into a copy of a seeded database, one transaction per
 * row as a page does, and prints the time per insert. Not part of `npm run bench`:
 * it answers one question, with the operating system's file cache emptied first when
 * it may be (as root), since that cache is what a busy server cannot count on.
 *
 *   npx node bench/audit-ids.ts --database file:/tmp/x/allies.db [--rows 3000] [--rounds 2]
 */
import { randomUUID, randomUUIDv7 } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { DatabaseSync } from "node:sqlite";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { database: { type: "string" }, rows: { type: "string", default: "3000" }, rounds: { type: "string", default: "2" } },
});
if (!values.database?.startsWith("file:")) throw new Error("--database file:/path/to/seeded.db is required (a database `allies seed --scale N` made)");
const dir = mkdtempSync(path.join(tmpdir(), "allies-audit-ids-"));
const file = path.join(dir, "allies.db");
copyFileSync(values.database.slice("file:".length), file);

/** Empties the file cache (root only); says so when it cannot, since the figures then describe a warm cache. */
function dropFileCache(): boolean {
  try {
    execFileSync("sync");
    writeFileSync("/proc/sys/vm/drop_caches", "3");
    return true;
  } catch {
    return false;
  }
}

const ids = { random: () => randomUUID(), "time-ordered": () => randomUUIDv7() } as const;
const buckets = ["< 0.05 ms", "< 0.2 ms", "< 1 ms", "< 10 ms", ">= 10 ms"];
try {
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const [kind, newId] of Object.entries(ids)) {
      const cold = dropFileCache();
      const db = new DatabaseSync(file);
      db.exec("PRAGMA journal_mode = WAL");
      db.exec("PRAGMA synchronous = NORMAL");
      const participants = (db.prepare("select id from participants order by id limit 20").all() as { id: string }[]).map((r) => r.id);
      const head = db.prepare("update audit_head set seq = seq + 1 where id = 1 returning seq");
      const insert = db.prepare(`insert into audit_log (seq, id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, participant_id, ip, request_id, reason, details, prev_hash, hash)
        values (?, ?, ?, null, 'bench', 'participant.read', 'participant', ?, ?, '127.0.0.1', ?, 'read:participant:own', '{}', ?, ?)`);
      const counts = [0, 0, 0, 0, 0];
      let total = 0;
      const rows = Number(values.rows);
      for (let i = 0; i < rows; i++) {
        const participant = participants[i % participants.length] ?? null;
        db.exec("BEGIN IMMEDIATE");
        const { seq } = head.get() as { seq: number };
        const started = performance.now();
        insert.run(seq, newId(), new Date().toISOString(), participant, participant, randomUUID(), "0".repeat(64), "1".repeat(64));
        const ms = performance.now() - started;
        db.exec("COMMIT");
        total += ms;
        counts[ms < 0.05 ? 0 : ms < 0.2 ? 1 : ms < 1 ? 2 : ms < 10 ? 3 : 4]!++;
      }
      db.close();
      const spread = buckets.map((b, i) => `${b}: ${counts[i]}`).join(", ");
      console.log(`round ${round}, ${kind} ids${cold ? " (file cache emptied first)" : " (file cache as it was)"}: ${Math.round((total / rows) * 1000)} µs an insert on average; ${spread}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
