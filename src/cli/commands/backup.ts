import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/index.ts";
import { restoreBackup, writeBackup } from "../../db/backup.ts";

const BACKUP_USAGE = `Usage: allies backup FILE

Writes a consistent copy of every table to FILE (gzip'd JSON lines, the same
format for SQLite and PostgreSQL) while the app keeps running.`;

const RESTORE_USAGE = `Usage: allies restore FILE [--force]

Replaces the database's data with a backup's, in one transaction, and verifies
the audit chain. Refuses a database that already has data unless --force.
A backup from either database restores into either.`;

function parse(args: string[], usage: string, withForce: boolean): { file: string; force: boolean } | number {
  try {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true, options: withForce ? { force: { type: "boolean" } } : {},
    });
    if (positionals.length !== 1) {
      console.error(usage);
      return 2;
    }
    return { file: positionals[0]!, force: values.force === true };
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

export async function backup(args: string[]): Promise<number> {
  const parsed = parse(args, BACKUP_USAGE, false);
  if (typeof parsed === "number") return parsed;
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    const started = performance.now();
    const summary = await writeBackup(database, parsed.file);
    const { size } = await stat(parsed.file);
    console.log(`Backed up ${summary.totalRows} rows of ${summary.header.tables.length} tables (${database.kind}) to ${parsed.file}: ${(size / 1024).toFixed(0)} kB in ${seconds(started)} s.`);
    return 0;
  } finally {
    await database.close();
  }
}

export async function restore(args: string[]): Promise<number> {
  const parsed = parse(args, RESTORE_USAGE, true);
  if (typeof parsed === "number") return parsed;
  try {
    await stat(parsed.file);
  } catch {
    console.error(`There is no backup file at ${parsed.file}.`);
    return 2;
  }
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    const started = performance.now();
    const result = await restoreBackup(database.db, parsed.file, { force: parsed.force });
    if (!result.ok) {
      console.error(`The database already has data (${result.tablesWithData.join(", ")}), so nothing was restored.`);
      console.error("Run `allies restore FILE --force` to replace all of it with the backup.");
      return 1;
    }
    console.log(`Restored ${result.totalRows} rows from a ${result.header.sourceKind} backup made ${result.header.createdAt} into ${database.kind} in ${seconds(started)} s.`);
    if (result.chain.ok) {
      console.log(`Audit chain OK: ${result.chain.rows} rows (plus one recording this restore).`);
      return 0;
    }
    console.log(`Audit chain BROKEN in the backup at row ${result.chain.brokenAtSeq}: ${result.chain.problem}.`);
    console.log("The data was restored as it is; the audit log before that row verifies, from it on it cannot be trusted.");
    return 1;
  } finally {
    await database.close();
  }
}
