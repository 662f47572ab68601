import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";

/**
 * Beside an embedded database, a small SQLite file whose locks say who has the
 * database: every running `allies serve` holds a shared (read) lock on it, and
 * `allies restore` needs the exclusive lock, so a restore cannot replace the data
 * under a running server, nor a server start in the middle of a restore. The
 * operating system drops the locks when a process ends, even by kill -9, so a
 * crash leaves nothing stale to clean up (a pid file would).
 */
export function serverLockPath(databasePath: string): string {
  return `${databasePath}.serving`;
}

export interface HeldLock {
  release(): void;
}

const isBusy = (error: unknown) => ((error as { errcode?: number } | null)?.errcode ?? 0) % 256 === 5;

/** Opens the lock file and takes a lock with `begin`; null when another process's lock is in the way. */
function take(databasePath: string, begin: string): HeldLock | null {
  // No other process can open an in-memory database.
  if (databasePath === ":memory:") return { release: () => {} };
  mkdirSync(dirname(databasePath), { recursive: true });
  const file = new DatabaseSync(serverLockPath(databasePath));
  const release = () => {
    if (file.isTransaction) file.exec("ROLLBACK");
    file.close();
  };
  try {
    // Rollback-journal mode, where a read transaction holds a shared lock on the
    // file itself (in WAL mode readers take no lock that a writer waits for);
    // the empty table is there to be read.
    file.exec("PRAGMA busy_timeout = 0; PRAGMA journal_mode = DELETE; CREATE TABLE IF NOT EXISTS serving (id INTEGER PRIMARY KEY)");
    file.exec(begin);
  } catch (error) {
    release();
    if (isBusy(error)) return null;
    throw error;
  }
  return { release };
}

/** Held for the life of `allies serve` on an embedded database; servers share it. */
export function lockForServing(databasePath: string): HeldLock {
  const held = take(databasePath, "BEGIN; SELECT count(*) FROM serving");
  if (!held) throw new Error(`A restore is running on ${databasePath}; start the server when it has finished.`);
  return held;
}

/** The exclusive lock for a restore, or null while a server has the database open. */
export function lockForRestore(databasePath: string): HeldLock | null {
  return take(databasePath, "BEGIN EXCLUSIVE");
}
