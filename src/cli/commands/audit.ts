import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/index.ts";
import { verifyAuditChain } from "../../domain/audit/audit.server.ts";

const USAGE = `Usage: allies audit verify

Recomputes every audit row's hash and checks the chain from the first row to the
recorded head. Exits 0 when it holds, 1 at the first row that breaks it.`;

export async function audit(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== "verify" || rest.length > 0) {
    console.error(USAGE);
    return subcommand === "--help" || subcommand === "help" ? 0 : 2;
  }
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    const check = await verifyAuditChain(database.db);
    if (check.ok) {
      console.log(`Audit chain OK: ${check.rows} rows`);
      return 0;
    }
    console.log(`Audit chain BROKEN at row ${check.brokenAtSeq}: ${check.problem}.`);
    console.log(`The rows before it verify; from row ${check.brokenAtSeq} on, the log cannot be trusted.`);
    return 1;
  } finally {
    await database.close();
  }
}
