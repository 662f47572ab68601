import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Kysely, Migrator, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { DatabaseSync } from "node:sqlite";
import type { Database } from "./schema.ts";
import { openSqlite } from "./sqlite-adapter.ts";
import { DEFAULT_LOCK_WAIT_MS, waitingSqliteDialect } from "./sqlite-driver.ts";
import { AuditTrailPlugin, resolveAuditTrail, type AuditTrail } from "./audit-trail.ts";
import { anchorAuditChain } from "../domain/audit/checkpoints.server.ts";
import { migrationProvider } from "./migrations/index.ts";

export type Db = Kysely<Database>;
export type DbKind = "sqlite" | "postgres";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  url: string;
  /** The node:sqlite connection, for online backup; null on PostgreSQL. */
  sqlite: DatabaseSync | null;
  /**
   * How long the longest request now waiting for SQLite's write lock has waited
   * (ms); 0 when none is, and always on PostgreSQL.
   */
  longestLockWaitMs(): number;
  /** The audit key and checkpoint file this database's audit log is kept with. */
  audit: AuditTrail;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** SQLite: how long a write waits for a lock another process holds before giving up as busy. */
  lockWaitMs?: number;
  /** The audit key and checkpoint file; by default from the environment (src/db/audit-trail.ts). */
  audit?: AuditTrail;
  /** PostgreSQL: the most connections this process opens (DATABASE_POOL_MAX for the server; 10 otherwise). */
  poolMax?: number;
}

// PostgreSQL returns bigint/numeric as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function dbKindOf(url: string): DbKind {
  return url.startsWith("postgres://") || url.startsWith("postgresql://") ? "postgres" : "sqlite";
}

/** The file of an embedded database's URL (`file:PATH` or a path). */
export function sqlitePathOf(url: string): string {
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

/**
 * A DATABASE_URL of `postgres://...` means PostgreSQL; `file:PATH` or a path means SQLite.
 * A database cannot be opened without its audit key and checkpoint file.
 */
export function openDatabase(url: string, options: OpenOptions = {}): DbHandle {
  const kind = dbKindOf(url);
  if (kind === "postgres") {
    const audit = options.audit ?? resolveAuditTrail({ kind, database: decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres" });
    const pool = new pg.Pool({ connectionString: url, max: options.poolMax ?? 10 });
    // An idle connection the server ends (a restart, a failover, an administrator) is
    // dropped by the pool and the next query opens a new one. Without a listener the
    // pool's "error" event would be thrown and take the whole process down.
    pool.on("error", () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new AuditTrailPlugin(audit)] });
    return { db, kind, url, sqlite: null, longestLockWaitMs: () => 0, audit, close: () => db.destroy() };
  }
  const path = sqlitePathOf(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const audit = options.audit ?? resolveAuditTrail({ kind, path });
  const { kysely, raw } = openSqlite(path);
  const { dialect, longestLockWaitMs } = waitingSqliteDialect(kysely, raw, options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
  const db = new Kysely<Database>({ dialect, plugins: [new AuditTrailPlugin(audit)] });
  return { db, kind, url, sqlite: raw, longestLockWaitMs, audit, close: () => db.destroy() };
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableName: "schema_migrations", migrationLockTableName: "schema_migrations_lock" });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  // The first start after the audit key arrived signs where the old, keyless chain ends.
  await anchorAuditChain(db);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const row = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

export { sql };
