import { loadConfig } from "../../config.ts";
import { grantAppRole } from "../../db/app-role.ts";
import { openDatabase } from "../../db/index.ts";

const USAGE = `Usage: allies db grant-app-role ROLE

PostgreSQL only. Run as the database's owner (the role that migrates), after
\`allies migrate\`: lets ROLE read and write the app's tables, but only read and
append to the audit log (no UPDATE, DELETE or TRUNCATE). Run the app servers as
ROLE. Idempotent: run it again after each upgrade.`;

export async function db(args: string[]): Promise<number> {
  const [subcommand, role, ...rest] = args;
  if (subcommand !== "grant-app-role" || !role || rest.length > 0) {
    console.error(USAGE);
    return subcommand === "--help" || subcommand === "help" ? 0 : 2;
  }
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    if (database.kind !== "postgres") {
      console.error("grant-app-role is for PostgreSQL: an embedded SQLite database has no roles (protect its file instead).");
      return 2;
    }
    await grantAppRole(database.db, role);
    console.log(`${role} may now run the app; it may read and append to the audit log but not change it.`);
    return 0;
  } finally {
    await database.close();
  }
}
