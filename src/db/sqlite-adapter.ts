import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * Prepared statements kept per SQL text. Kysely asks for a statement on every
 * query, and preparing one costs about as much as running a small query, so the
 * benchmark spent a fifth of every request in `prepare`. Kysely's queries have a
 * fixed text per shape (values are bound), so a few hundred entries hold them all;
 * the least recently used goes when the cache is full (`in (?, ?, …)` lists of
 * varying length are the only shapes that multiply).
 */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Adapts Node's built-in `node:sqlite` to the better-sqlite3 shaped interface
 * Kysely's SqliteDialect expects. Node's driver needs no native compile at install
 * (see docs/decisions/0002-sqlite-driver.md).
 */
export function openSqlite(path: string): { kysely: SqliteDatabase; raw: DatabaseSync } {
  const raw = new DatabaseSync(path);
  raw.exec("PRAGMA journal_mode = WAL");
  raw.exec("PRAGMA foreign_keys = ON");
  // SQLite's busy wait sleeps inside the call and so stops the whole event loop;
  // the driver waits for the write lock on timers instead (sqlite-driver.ts).
  raw.exec("PRAGMA busy_timeout = 0");
  raw.exec("PRAGMA synchronous = NORMAL");
  const cache = new Map<string, { statement: StatementSync; reader: boolean }>();
  const cached = (sql: string) => {
    let entry = cache.get(sql);
    if (entry) {
      // Map keeps insertion order: moving the entry to the end makes the first one the least recently used.
      cache.delete(sql);
    } else {
      const statement = raw.prepare(sql);
      entry = { statement, reader: statement.columns().length > 0 };
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, entry);
    return entry;
  };
  const args = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
  const kysely: SqliteDatabase = {
    close: () => {
      cache.clear();
      raw.close();
    },
    prepare(sql: string): SqliteStatement {
      const { statement, reader } = cached(sql);
      return {
        reader,
        all: (parameters) => statement.all(...args(parameters)),
        run: (parameters) => statement.run(...args(parameters)),
        // A stream may be left half-read while other queries run, so it gets a statement of its own.
        iterate: (parameters) => raw.prepare(sql).iterate(...args(parameters)),
      };
    },
  };
  return { kysely, raw };
}
