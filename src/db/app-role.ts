import { sql } from "kysely";
import type { Db } from "./index.ts";

/** Tables the app may read and append to, never change: the audit log. */
const APPEND_ONLY = ["audit_log"] as const;
/** The migrator's own tables: the owner migrates, the app only reads them on start. */
const READ_ONLY = ["schema_migrations", "schema_migrations_lock"] as const;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * PostgreSQL, run as the owner that migrates: lets `role` run the app (read and
 * write the app's tables) but only insert into and read the audit log, so a
 * compromised app server cannot update, delete or truncate audit rows
 * (docs/decisions/0017). Idempotent; run it again after each upgrade's migrations.
 */
export async function grantAppRole(db: Db, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`"${role}" is not a plain PostgreSQL role name (lower-case letters, digits and _).`);
  const found = await sql<{ rolsuper: boolean; owner: boolean }>`
    select r.rolsuper, r.rolname = current_user as owner from pg_roles r where r.rolname = ${role}`.execute(db);
  const row = found.rows[0];
  if (!row) throw new Error(`There is no PostgreSQL role ${role}. Create it first: CREATE ROLE ${role} LOGIN PASSWORD '…';`);
  if (row.rolsuper) throw new Error(`${role} is a superuser, which no privilege can hold back: the app needs an ordinary role.`);
  if (row.owner) throw new Error(`${role} is the role running this command (the owner): the app needs a role of its own.`);
  const app = sql.id(role);
  const database = (await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0]!.name;
  await db.transaction().execute(async (trx) => {
    await sql`grant connect on database ${sql.id(database)} to ${app}`.execute(trx);
    await sql`grant usage on schema public to ${app}`.execute(trx);
    await sql`grant select, insert, update, delete on all tables in schema public to ${app}`.execute(trx);
    await sql`grant usage, select on all sequences in schema public to ${app}`.execute(trx);
    for (const table of APPEND_ONLY) await sql`revoke update, delete, truncate on ${sql.table(table)} from ${app}`.execute(trx);
    for (const table of READ_ONLY) await sql`revoke insert, update, delete, truncate on ${sql.table(table)} from ${app}`.execute(trx);
    // Tables later migrations make are the app's too; the audit log is not among them.
    await sql`alter default privileges in schema public grant select, insert, update, delete on tables to ${app}`.execute(trx);
  });
}
