import type { DatabaseSync } from "node:sqlite";
import {
  SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, SelectQueryNode, type CompiledQuery,
  type DatabaseConnection, type DatabaseIntrospector, type Dialect, type DialectAdapter, type Driver, type Kysely,
  type QueryCompiler, type QueryResult, type SqliteDatabase, type TransactionSettings,
} from "kysely";

/**
 * How long a request waits for SQLite's write lock while another process holds it
 * before it is answered "busy, try again" (docs/decisions/0020-sqlite-outside-lock.md).
 */
export const DEFAULT_LOCK_WAIT_MS = 3000;

/** Seconds a client is told to wait before trying again after a busy answer. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

const BUSY_CODE = "ALLIES_DATABASE_BUSY";

/**
 * Another process held the database's write lock for longer than this process
 * waits. Nothing of the transaction was written.
 */
export class DatabaseBusyError extends Error {
  readonly code = BUSY_CODE;
  /** `waitedMs` is null when SQLite refused a statement of a transaction that cannot wait. */
  constructor(waitedMs: number | null) {
    super(waitedMs === null
      ? "Another process holds a lock this transaction needs; it was rolled back."
      : `The database's write lock is held by another process; gave up after ${waitedMs} ms.`);
    this.name = "DatabaseBusyError";
  }
}

/**
 * Whether an error is a DatabaseBusyError. Checked by its code, not instanceof:
 * the route modules run from the Vite build, which has its own copy of this file.
 */
export function isDatabaseBusy(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === BUSY_CODE;
}

// SQLITE_BUSY and its extended codes (BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT) share the low byte 5.
function isSqliteBusy(error: unknown): boolean {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  return typeof errcode === "number" && (errcode & 0xff) === 5;
}

/**
 * How long the connection may pass from request to request by promise alone
 * before it passes on the event loop's next turn instead (setImmediate).
 */
const HAND_OVER_SLICE_MS = 10;

/**
 * SQLite has one connection per process here: whoever holds it runs the next statement.
 *
 * SQLite answers synchronously, so when the connection passes to the next waiter
 * by promise, that request runs its statements, and often its whole page, in the
 * same turn of the event loop, and so on down the queue: under 100 clients one
 * turn lasted one to two seconds, the server took in one new connection per turn,
 * and a request on a new connection waited more than 15 s to be read. So after
 * 10 ms of hand-overs in one turn, the next one waits for the loop's next turn,
 * which first accepts connections and reads requests. Passing on every turn cost
 * too much: each of a page's statements waited for a whole turn, and throughput
 * fell by more than half. Decision 0020, "One turn of the loop".
 */
class ConnectionMutex {
  #held = false;
  #waiting: (() => void)[] = [];
  /** When the current run of hand-overs in one turn of the loop began. */
  #sliceStarted = 0;

  async lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      this.#sliceStarted = performance.now();
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    const next = this.#waiting.shift();
    if (!next) {
      this.#held = false;
      return;
    }
    if (performance.now() - this.#sliceStarted < HAND_OVER_SLICE_MS) {
      next();
      return;
    }
    setImmediate(() => {
      this.#sliceStarted = performance.now();
      next();
    });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits for the write lock without blocking the event loop. SQLite's own busy
 * wait (busy_timeout) sleeps inside the call, which froze every request and
 * /healthz while another process held the lock; here the busy timeout is 0 and
 * each refused attempt is retried after a timer, with the connection handed to
 * other requests in between (reads never need the write lock in WAL mode).
 */
class LockWaiter {
  readonly #mutex: ConnectionMutex;
  readonly #limitMs: number;
  /** When each attempt now waiting first found the lock taken. */
  readonly #waiting = new Set<{ since: number }>();

  constructor(mutex: ConnectionMutex, limitMs: number) {
    this.#mutex = mutex;
    this.#limitMs = limitMs;
  }

  /** Runs `attempt` (with the connection held) until it is not refused as busy, or the time is up. */
  async untilLocked<T>(attempt: () => T): Promise<T> {
    try {
      return attempt();
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
    }
    const waiting = { since: Date.now() };
    this.#waiting.add(waiting);
    try {
      // Short pauses: a sibling worker's transactions last milliseconds, and a waiter that slept
      // 100 ms kept losing the lock to fresh requests until its 3 s were up (503s under load).
      for (let pause = 2; ; pause = Math.min(pause * 2, 16)) {
        const waited = Date.now() - waiting.since;
        if (waited >= this.#limitMs) throw new DatabaseBusyError(waited);
        this.#mutex.unlock();
        try {
          // Backoff with jitter, so many waiting requests do not retry in step.
          await sleep(Math.min(pause * (0.5 + Math.random()), this.#limitMs - waited));
        } finally {
          await this.#mutex.lock();
        }
        try {
          return attempt();
        } catch (error) {
          if (!isSqliteBusy(error)) throw error;
        }
      }
    } finally {
      this.#waiting.delete(waiting);
    }
  }

  /** How long the longest attempt now waiting has waited (0 when none is). */
  longestWaitMs(now = Date.now()): number {
    let longest = 0;
    for (const { since } of this.#waiting) longest = Math.max(longest, now - since);
    return longest;
  }
}

class WaitingSqliteConnection implements DatabaseConnection {
  readonly #db: SqliteDatabase;
  readonly #raw: DatabaseSync;
  readonly #waiter: LockWaiter;

  constructor(db: SqliteDatabase, raw: DatabaseSync, waiter: LockWaiter) {
    this.#db = db;
    this.#raw = raw;
    this.#waiter = waiter;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const run = (): QueryResult<R> => {
      const statement = this.#db.prepare(compiledQuery.sql);
      if (statement.reader) return { rows: statement.all(compiledQuery.parameters) as R[] };
      const { changes, lastInsertRowid } = statement.run(compiledQuery.parameters);
      return {
        numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
        insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
        rows: [],
      };
    };
    // Inside a transaction the lock was taken at BEGIN IMMEDIATE; a busy answer
    // there cannot be waited out, so the transaction ends and nothing is saved.
    if (this.#raw.isTransaction) {
      try {
        return run();
      } catch (error) {
        if (isSqliteBusy(error)) throw new DatabaseBusyError(null);
        throw error;
      }
    }
    // A statement on its own commits by itself, so a refused one is simply tried again.
    return this.#waiter.untilLocked(run);
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error("SQLite only streams select queries");
    for (const row of this.#db.prepare(compiledQuery.sql).iterate(compiledQuery.parameters)) yield { rows: [row as R] };
  }

  beginImmediate(): Promise<void> {
    return this.#waiter.untilLocked(() => this.#raw.exec("BEGIN IMMEDIATE"));
  }

  beginDeferred(): void {
    this.#raw.exec("BEGIN");
  }

  end(statement: "COMMIT" | "ROLLBACK"): void {
    try {
      this.#raw.exec(statement);
    } catch (error) {
      if (isSqliteBusy(error)) throw new DatabaseBusyError(null);
      throw error;
    }
  }

  /** SQLite ends a transaction itself on some errors; a second ROLLBACK would hide the first error. */
  get inTransaction(): boolean {
    return this.#raw.isTransaction;
  }
}

class WaitingSqliteDriver implements Driver {
  readonly #mutex: ConnectionMutex;
  readonly #connection: WaitingSqliteConnection;
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase, raw: DatabaseSync, waiter: LockWaiter, mutex: ConnectionMutex) {
    this.#db = db;
    this.#mutex = mutex;
    this.#connection = new WaitingSqliteConnection(db, raw, waiter);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  /**
   * A transaction that may write takes the write lock at its start (BEGIN
   * IMMEDIATE). A deferred BEGIN would take it at the first write, after the
   * reads: if another process wrote in between, SQLite must refuse that write
   * (the reads are stale), and no waiting helps. A read-only transaction (a
   * backup) needs no write lock and keeps the plain BEGIN.
   */
  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.accessMode === "read only") this.#connection.beginDeferred();
    else await this.#connection.beginImmediate();
  }

  async commitTransaction(): Promise<void> {
    this.#connection.end("COMMIT");
  }

  async rollbackTransaction(): Promise<void> {
    if (this.#connection.inTransaction) this.#connection.end("ROLLBACK");
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.#db.close();
  }
}

export interface WaitingSqliteDialect {
  dialect: Dialect;
  /** How long the longest request now waiting for the write lock has waited, in ms. */
  longestLockWaitMs(): number;
}

/**
 * Kysely's SQLite dialect with the driver above: same compiler, adapter and
 * introspector, a driver that starts writing transactions with BEGIN IMMEDIATE
 * and waits for the write lock on timers instead of inside SQLite.
 */
export function waitingSqliteDialect(db: SqliteDatabase, raw: DatabaseSync, lockWaitMs: number): WaitingSqliteDialect {
  const mutex = new ConnectionMutex();
  const waiter = new LockWaiter(mutex, lockWaitMs);
  const dialect: Dialect = {
    createDriver: (): Driver => new WaitingSqliteDriver(db, raw, waiter, mutex),
    createQueryCompiler: (): QueryCompiler => new SqliteQueryCompiler(),
    createAdapter: (): DialectAdapter => new SqliteAdapter(),
    createIntrospector: (kysely: Kysely<any>): DatabaseIntrospector => new SqliteIntrospector(kysely),
  };
  return { dialect, longestLockWaitMs: () => waiter.longestWaitMs() };
}
