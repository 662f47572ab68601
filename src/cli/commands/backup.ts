import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config.ts";
import { dbKindOf, openDatabase, sqlitePathOf } from "../../db/index.ts";
import { lockForRestore } from "../../db/server-lock.ts";
import { backupIsEncrypted, restoreBackup, writeBackup } from "../../db/backup.ts";
import { readKeyFile, type BackupKey } from "../../db/backup-crypto.ts";
import { readStdin } from "../stdin.ts";

const BACKUP_USAGE = `Usage: allies backup FILE [--passphrase-stdin | --key-file KEYFILE]

Writes a consistent copy of every table to FILE (gzip'd JSON lines, the same
format for SQLite and PostgreSQL) while the app keeps running. The file is
readable by its owner only. With --passphrase-stdin (a passphrase of at least
12 characters on standard input) or --key-file (32 random bytes, e.g. made with
\`openssl rand -hex 32 > KEYFILE; chmod 600 KEYFILE\`) it is encrypted
(AES-256-GCM); keep the passphrase or key apart from the backups.`;

const RESTORE_USAGE = `Usage: allies restore FILE [--force] [--passphrase-stdin | --key-file KEYFILE]

Replaces the database's data with a backup's, in one transaction, verifies the
audit chain, and records the restore in the signed audit checkpoints. Refuses a
database that already has data unless --force, and an embedded (SQLite) database
while \`allies serve\` has it open. On PostgreSQL run it as the database's owner
(the app's role may not empty the audit log).
A backup from either database restores into either. An encrypted backup needs
the passphrase or key file it was made with.`;

const MIN_PASSPHRASE = 12;

interface Parsed { file: string; force: boolean; key: BackupKey | null }

async function parse(args: string[], usage: string, withForce: boolean): Promise<Parsed | number> {
  try {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { "passphrase-stdin": { type: "boolean" }, "key-file": { type: "string" }, ...(withForce ? { force: { type: "boolean" } } : {}) },
    });
    if (positionals.length !== 1 || (values["passphrase-stdin"] && values["key-file"])) {
      console.error(usage);
      return 2;
    }
    let key: BackupKey | null = null;
    if (values["key-file"]) key = { kind: "key_file", key: await readKeyFile(values["key-file"]) };
    if (values["passphrase-stdin"]) {
      const passphrase = (await readStdin()).replace(/\r?\n$/, "");
      if (passphrase.length < MIN_PASSPHRASE) {
        console.error(`The passphrase must be at least ${MIN_PASSPHRASE} characters long.`);
        return 2;
      }
      key = { kind: "passphrase", passphrase };
    }
    return { file: positionals[0]!, force: values.force === true, key };
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

export async function backup(args: string[]): Promise<number> {
  const parsed = await parse(args, BACKUP_USAGE, false);
  if (typeof parsed === "number") return parsed;
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    const started = performance.now();
    const summary = await writeBackup(database, parsed.file, new Date(), { key: parsed.key ?? undefined });
    const { size } = await stat(parsed.file);
    const sealed = parsed.key ? ", encrypted" : "";
    console.log(`Backed up ${summary.totalRows} rows of ${summary.header.tables.length} tables (${database.kind}) to ${parsed.file}${sealed}: ${(size / 1024).toFixed(0)} kB in ${seconds(started)} s.`);
    return 0;
  } finally {
    await database.close();
  }
}

export async function restore(args: string[]): Promise<number> {
  const parsed = await parse(args, RESTORE_USAGE, true);
  if (typeof parsed === "number") return parsed;
  try {
    await stat(parsed.file);
  } catch {
    console.error(`There is no backup file at ${parsed.file}.`);
    return 2;
  }
  if (backupIsEncrypted(parsed.file) && !parsed.key) {
    console.error("This backup is encrypted: give its passphrase with --passphrase-stdin or its key with --key-file.");
    return 2;
  }
  const url = loadConfig().DATABASE_URL;
  // Replacing an embedded database's data under a running server would leave the
  // server's view of it stale: stop the server first. Held until the restore ends.
  const restoring = dbKindOf(url) === "sqlite" ? lockForRestore(sqlitePathOf(url)) : null;
  if (dbKindOf(url) === "sqlite" && !restoring) {
    console.error(`${sqlitePathOf(url)} is open in a running server (allies serve) or another restore, so nothing was restored. Stop the server, then run the restore again.`);
    return 1;
  }
  const database = openDatabase(url);
  try {
    const started = performance.now();
    const result = await restoreBackup(database.db, parsed.file, { force: parsed.force, key: parsed.key ?? undefined });
    if (!result.ok) {
      console.error(`The database already has data (${result.tablesWithData.join(", ")}), so nothing was restored.`);
      console.error("Run `allies restore FILE --force` to replace all of it with the backup.");
      return 1;
    }
    console.log(`Restored ${result.totalRows} rows from a ${result.header.sourceKind} backup made ${result.header.createdAt} into ${database.kind} in ${seconds(started)} s.`);
    if (database.audit.checkpointsFile) console.log(`Recorded as a restore of ${basename(parsed.file)} in the signed audit checkpoints (${database.audit.checkpointsFile}).`);
    if (result.chain.ok) {
      console.log(`Audit chain OK: ${result.chain.rows} rows (plus one recording this restore).`);
      return 0;
    }
    console.log(`Audit chain BROKEN in the backup at row ${result.chain.brokenAtSeq}: ${result.chain.problem}.`);
    console.log("The data was restored as it is; the audit log before that row verifies, from it on it cannot be trusted.");
    return 1;
  } finally {
    await database.close();
    restoring?.release();
  }
}
