import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/index.ts";
import { verifyAuditChain, type AuditVerification } from "../../domain/audit/audit.server.ts";
import type { ChainFinding } from "../../domain/audit/chain.ts";
import { checkpointAuditChain } from "../../domain/audit/checkpoints.server.ts";

const USAGE = `Usage: allies audit verify
       allies audit checkpoint

verify      checks every audit row against the audit key (rows from before the key
            against the old scheme, up to its signed anchor) and the log against
            every signed checkpoint. Exits 0 when it holds, 1 when it does not,
            saying which: an edited row, a re-hashed chain, missing or removed
            rows, an emptied log, or a damaged checkpoint file.
checkpoint  appends a signed checkpoint of the chain's end to the checkpoint file
            (the server also does every ALLIES_AUDIT_CHECKPOINT_MINUTES).`;

/** One headline per finding, so a reader knows at once which story the log tells. */
const HEADLINE: Record<ChainFinding, string> = {
  edited: "EDITED: a row was changed after it was written",
  rechained: "RE-CHAINED: the rows were re-hashed to hide a change",
  missing_rows: "TRUNCATED: rows are missing from the middle of the log",
  truncated: "TRUNCATED: rows were removed from the end of the log",
  reset: "RESET: the log was emptied",
  bad_checkpoint: "CHECKPOINTS DAMAGED: the checkpoint file holds a line the audit key did not sign",
  unanchored: "UNANCHORED: no signed checkpoint vouches for this log",
};

function report(check: AuditVerification): void {
  const cp = check.checkpoints;
  if (check.ok) {
    const latest = cp?.latest ? `, the latest at row ${cp.latest.seq} (${cp.latest.at})` : "";
    console.log(`Audit chain OK: ${check.rows} rows`);
    if (cp) console.log(`Checked against the audit key and ${cp.checked} signed checkpoints in ${cp.file}${latest}.`);
  } else {
    console.log(`Audit chain ${HEADLINE[check.finding]}.`);
    console.log(`At row ${check.brokenAtSeq}: ${check.problem}.`);
    if (check.finding === "edited" || check.finding === "rechained" || check.finding === "missing_rows") {
      console.log(`The rows before it verify; from row ${check.brokenAtSeq} on, the log cannot be trusted.`);
    }
  }
  if (cp?.restore) {
    console.log(`Restored from the backup ${cp.restore.backup} at ${cp.restore.at}; ${cp.beforeRestore} checkpoints from before the restore describe the log it replaced and were not held against this one.`);
  }
}

export async function audit(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if ((subcommand !== "verify" && subcommand !== "checkpoint") || rest.length > 0) {
    console.error(USAGE);
    return subcommand === "--help" || subcommand === "help" ? 0 : 2;
  }
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    if (subcommand === "checkpoint") {
      const checkpoint = await checkpointAuditChain(database.db, "manual");
      if (!checkpoint) {
        console.error("This database has no checkpoint file (an in-memory database).");
        return 1;
      }
      console.log(`Checkpoint of row ${checkpoint.seq} appended to ${database.audit.checkpointsFile}.`);
      return 0;
    }
    const check = await verifyAuditChain(database.db);
    report(check);
    return check.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}
