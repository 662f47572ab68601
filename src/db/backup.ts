import { closeSync, createReadStream, createWriteStream, openSync, readSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import { recordAudit, verifyAuditChain, type Trx } from "../domain/audit/audit.server.ts";
import type { ChainCheck } from "../domain/audit/chain.ts";
import { checkpointAuditChain } from "../domain/audit/checkpoints.server.ts";
import { systemMeta } from "../domain/auth/actor.ts";
import { decryptingStream, encryptingStream, isEncryptedBackup, type BackupKey } from "./backup-crypto.ts";
import { migrateToLatest, type Db, type DbHandle, type DbKind } from "./index.ts";
import { migrations } from "./migrations/index.ts";
import { TABLES_IN_DEPENDENCY_ORDER, type Database } from "./schema.ts";

/**
 * One backup format for SQLite and PostgreSQL (docs/decisions/0005-backup-format.md):
 * gzip'd JSON lines. A header line, then per table a line naming it and its
 * columns followed by one JSON array per row, then an end line with the row
 * counts, so a truncated file is refused rather than half restored.
 */
export const BACKUP_FORMAT = "allies-backup";
export const BACKUP_VERSION = 1;

export type AppTable = (typeof TABLES_IN_DEPENDENCY_ORDER)[number];
export const APP_TABLES: readonly AppTable[] = TABLES_IN_DEPENDENCY_ORDER;

// A table added to Database but not to the copy order would silently be left out of backups.
type Uncopied = Exclude<keyof Database, AppTable>;
const everyTableCopied: [Uncopied] extends [never] ? true : Uncopied = true;
void everyTableCopied;

/**
 * Rows the migrations themselves write, and the message scheduler's lease that any
 * server started on the database takes: a target holding only these counts as empty.
 */
const WRITTEN_BY_MIGRATIONS: readonly AppTable[] = ["role_permissions", "audit_head", "outbox_leases"];

/** The portable types of docs/decisions/0003: text, integers, null. */
type CellValue = string | number | null;
type GenericRow = Record<string, CellValue>;
/**
 * Backup copies every table the same way, so it sees the database as tables of
 * named cells; which tables exist is still fixed by APP_TABLES.
 */
type GenericDb = Kysely<Record<string, GenericRow>>;
const generic = (db: Db | Trx) => db as unknown as GenericDb;

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  sourceKind: z.enum(["sqlite", "postgres"]),
  migrations: z.array(z.string()),
  tables: z.array(z.string()),
});
export type BackupHeader = z.infer<typeof headerSchema>;

const tableLineSchema = z.object({ table: z.enum(TABLES_IN_DEPENDENCY_ORDER), columns: z.array(z.string()) });
const endLineSchema = z.object({ end: z.literal(true), rows: z.record(z.string(), z.number().int().min(0)) });

const PAGE = 5000;

/**
 * The primary key's columns, which order a table's rows and let it be read in
 * pages (keyset: after the last key seen) however large it grows.
 */
async function primaryKey(trx: Trx, kind: DbKind, table: AppTable): Promise<string[]> {
  const query = kind === "sqlite"
    ? sql<{ name: string }>`select name from pragma_table_info(${table}) where pk > 0 order by pk`
    : sql<{ name: string }>`select a.attname as name from pg_index i
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = ${table}::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`;
  const columns = (await query.execute(trx)).rows.map((r) => r.name);
  if (columns.length === 0) throw new Error(`Table ${table} has no primary key, so it cannot be copied in order.`);
  return columns;
}

function cell(table: string, column: string, value: unknown): CellValue {
  if (value === null || typeof value === "string" || typeof value === "number") return value;
  throw new Error(`${table}.${column} holds a ${typeof value}, which the portable schema does not allow`);
}

async function* tableLines(trx: Trx, kind: DbKind, table: AppTable, counts: Record<string, number>): AsyncGenerator<string> {
  const db = generic(trx);
  const key = await primaryKey(trx, kind, table);
  let columns: string[] | null = null;
  let last: GenericRow | null = null;
  counts[table] = 0;
  for (;;) {
    let query = db.selectFrom(table).selectAll();
    for (const column of key) query = query.orderBy(column);
    if (last) {
      const after = last;
      // (k1, k2, ...) > (v1, v2, ...), spelled out so both databases plan it on the key's index.
      query = query.where((eb) => eb.or(key.map((column, i) => eb.and([
        ...key.slice(0, i).map((earlier) => eb(earlier, "=", after[earlier]!)),
        eb(column, ">", after[column]!),
      ]))));
    }
    const rows = await query.limit(PAGE).execute();
    if (columns === null) {
      columns = rows.length ? Object.keys(rows[0]!) : [];
      yield `${JSON.stringify({ table, columns })}\n`;
    }
    if (rows.length === 0) return;
    let chunk = "";
    for (const row of rows) chunk += `${JSON.stringify(columns.map((c) => cell(table, c, row[c])))}\n`;
    yield chunk;
    counts[table] += rows.length;
    last = rows[rows.length - 1]!;
    if (rows.length < PAGE) return;
  }
}

export interface BackupSummary {
  file: string;
  header: BackupHeader;
  rows: Record<string, number>;
  totalRows: number;
}

/**
 * Writes a consistent copy of every application table while the app keeps
 * running: all reads happen in one read-only transaction (a REPEATABLE READ
 * snapshot on PostgreSQL; on SQLite in WAL mode one read transaction sees one
 * snapshot). The file appears under its name only when complete.
 */
export async function writeBackup(database: Pick<DbHandle, "db" | "kind">, file: string, now = new Date(), options: { key?: BackupKey } = {}): Promise<BackupSummary> {
  const temporary = `${file}.tmp`;
  // Health records: only the owner may read a backup (0600), whatever the umask.
  await rm(temporary, { force: true });
  const sealing = options.key ? [await encryptingStream(options.key)] : [];
  const rows: Record<string, number> = {};
  let header: BackupHeader;
  try {
    header = await database.db.transaction().setIsolationLevel("repeatable read").setAccessMode("read only").execute(async (trx) => {
      const applied = await trx.withTables<{ schema_migrations: { name: string } }>()
        .selectFrom("schema_migrations").select("name").orderBy("name").execute();
      const made: BackupHeader = {
        format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), sourceKind: database.kind,
        migrations: applied.map((m) => m.name), tables: [...APP_TABLES],
      };
      async function* lines() {
        yield `${JSON.stringify(made)}\n`;
        for (const table of APP_TABLES) yield* tableLines(trx, database.kind, table, rows);
        yield `${JSON.stringify({ end: true, rows })}\n`;
      }
      await pipeline(lines(), createGzip(), ...sealing, createWriteStream(temporary, { mode: 0o600, flags: "wx" }));
      return made;
    });
    const handle = await open(temporary, "r+");
    await handle.sync();
    await handle.close();
    await rename(temporary, file);
    const directory = await open(dirname(file), "r");
    await directory.sync();
    await directory.close();
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { file, header, rows, totalRows: Object.values(rows).reduce((a, b) => a + b, 0) };
}

/**
 * Splits on "\n" only: JSON escapes every other line break a value may hold except
 * U+2028 and U+2029, which node:readline would wrongly treat as ends of lines.
 */
async function* splitLines(text: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of text) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}

/** Whether a backup file is encrypted (read from its first bytes). */
export function backupIsEncrypted(file: string): boolean {
  const handle = openSync(file, "r");
  try {
    const first = Buffer.alloc(8);
    const read = readSync(handle, first, 0, 8, 0);
    return isEncryptedBackup(first.subarray(0, read));
  } finally {
    closeSync(handle);
  }
}

/** The lines of a backup file, read lazily so a large backup never sits in memory. */
function backupLines(file: string, key?: BackupKey) {
  const encrypted = backupIsEncrypted(file);
  if (encrypted && !key) throw new Error("This backup is encrypted: give its passphrase (--passphrase-stdin) or key file (--key-file).");
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on("error", (error) => gunzip.destroy(error));
  if (encrypted) {
    const opening = decryptingStream(key!);
    opening.on("error", (error) => gunzip.destroy(error));
    source.pipe(opening).pipe(gunzip).setEncoding("utf8");
  } else {
    source.pipe(gunzip).setEncoding("utf8");
  }
  const iterator = splitLines(gunzip);
  let lineNumber = 0;
  return {
    async next(): Promise<{ line: string; lineNumber: number } | null> {
      const result = await iterator.next();
      if (result.done) return null;
      return { line: result.value, lineNumber: ++lineNumber };
    },
    async close() {
      await iterator.return(undefined);
      source.destroy();
      gunzip.destroy();
    },
  };
}

function parseLine<T>(schema: z.ZodType<T>, line: string, where: string): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`The backup is damaged: ${where} is not JSON.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`The backup is damaged or not an Allies backup: ${where} is not what was expected (${parsed.error.issues[0]?.message}).`);
  return parsed.data;
}

const rowSchema = z.array(z.union([z.string(), z.number(), z.null()]));

export async function readBackupHeader(file: string, key?: BackupKey): Promise<BackupHeader> {
  const lines = backupLines(file, key);
  try {
    const first = await lines.next();
    if (!first) throw new Error("The backup file is empty.");
    return parseLine(headerSchema, first.line, "the first line");
  } finally {
    await lines.close();
  }
}

export type RestoreResult =
  | { ok: true; header: BackupHeader; rows: Record<string, number>; totalRows: number; chain: ChainCheck }
  | { ok: false; reason: "not_empty"; tablesWithData: string[] };

export interface RestoreOptions {
  /** Replace whatever the target holds; without it a target with data is left alone. */
  force?: boolean;
  /** Who the `data.restore` audit row names. */
  actorLabel?: string;
  /** The passphrase or key an encrypted backup was made with. */
  key?: BackupKey;
}

async function tablesWithData(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const table of APP_TABLES) {
    if (WRITTEN_BY_MIGRATIONS.includes(table)) continue;
    const row = await generic(db).selectFrom(table).selectAll().limit(1).executeTakeFirst();
    if (row) found.push(table);
  }
  return found;
}

/**
 * Replaces the target's data with a backup's, in one transaction: the target is
 * migrated to the latest schema, emptied (children first), filled in the file's
 * order (parents first), and its audit chain verified. A `data.restore` audit row
 * then extends the restored chain. Any failure rolls everything back.
 */
export async function restoreBackup(db: Db, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const lines = backupLines(file, options.key);
  try {
    const first = await lines.next();
    if (!first) throw new Error("The backup file is empty.");
    const header = parseLine(headerSchema, first.line, "the first line");
    const known = Object.keys(migrations);
    const unknown = header.migrations.filter((m) => !known.includes(m));
    if (unknown.length) {
      throw new Error(`The backup was made by a newer version of Allies (migrations ${unknown.join(", ")}): upgrade Allies, then restore.`);
    }
    const missing = known.filter((m) => !header.migrations.includes(m));
    if (missing.length) {
      throw new Error(
        `The backup was made by an older version of Allies (before ${missing.join(", ")}). Restore it with that version, then upgrade: starting the new version migrates the data.`,
      );
    }

    await migrateToLatest(db);
    if (!options.force) {
      const found = await tablesWithData(db);
      if (found.length) return { ok: false, reason: "not_empty", tablesWithData: found };
    }

    const rows: Record<string, number> = {};
    const chain = await db.transaction().execute(async (trx) => {
      for (const table of [...APP_TABLES].reverse()) await generic(trx).deleteFrom(table).execute();

      let table: AppTable | null = null;
      let columns: string[] = [];
      let pending: GenericRow[] = [];
      const copied: AppTable[] = [];
      const flush = async () => {
        if (table && pending.length) await generic(trx).insertInto(table).values(pending).execute();
        pending = [];
      };
      for (;;) {
        const next = await lines.next();
        if (!next) throw new Error("The backup is incomplete: it ends before its last line. It may have been cut short while copying.");
        const where = `line ${next.lineNumber}`;
        if (next.line.startsWith("[")) {
          if (!table) throw new Error(`The backup is damaged: ${where} is a row before any table.`);
          const values = parseLine(rowSchema, next.line, where);
          if (values.length !== columns.length) throw new Error(`The backup is damaged: ${where} has ${values.length} values for ${columns.length} columns of ${table}.`);
          const row: GenericRow = {};
          for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i]!;
          pending.push(row);
          rows[table]!++;
          // SQLite binds at most 32766 values per statement.
          if (pending.length >= Math.min(500, Math.floor(30000 / columns.length))) await flush();
          continue;
        }
        await flush();
        const marker = parseLine(z.record(z.string(), z.unknown()), next.line, where);
        if ("end" in marker) {
          const end = parseLine(endLineSchema, next.line, where);
          for (const name of new Set([...Object.keys(end.rows), ...Object.keys(rows)])) {
            if ((end.rows[name] ?? 0) !== (rows[name] ?? 0)) {
              throw new Error(`The backup is damaged: ${name} should have ${end.rows[name] ?? 0} rows and has ${rows[name] ?? 0}.`);
            }
          }
          break;
        }
        const section = parseLine(tableLineSchema, next.line, where);
        const previous = copied.length ? APP_TABLES.indexOf(copied[copied.length - 1]!) : -1;
        if (APP_TABLES.indexOf(section.table) <= previous) {
          throw new Error(`The backup is damaged: ${where} starts ${section.table} out of order (parents must come before children).`);
        }
        table = section.table;
        columns = section.columns;
        copied.push(table);
        rows[table] = 0;
      }

      // The backup's rows alone: the target's checkpoints describe the log being replaced.
      const check = await verifyAuditChain(trx, { checkpoints: false });
      const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
      await recordAudit(trx, {
        actor: { userId: null, label: options.actorLabel ?? "system (cli)" }, action: "data.restore", entityType: "database",
        reason: "restore from a backup",
        details: { file: basename(file), backupCreatedAt: header.createdAt, sourceKind: header.sourceKind, rows: totalRows, chainOk: check.ok },
        meta: systemMeta,
      });
      return check;
    });
    // Signed outside the database, so `allies audit verify` tells this replaced log
    // from one someone rewrote: checkpoints before it describe the log now gone.
    await checkpointAuditChain(db, "restore", basename(file));
    return { ok: true, header, rows, totalRows: Object.values(rows).reduce((a, b) => a + b, 0), chain };
  } finally {
    await lines.close();
  }
}
