import type { Kysely } from "kysely";

// Each staff member chooses the language of the pages on their profile. The column
// holds a catalog code ("en"); a code with no catalog (one removed later) reads as
// English, so the frozen default here is the only literal the migration needs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("locale", "text", (c) => c.notNull().defaultTo("en")).execute();
}
