import { sql, type Kysely } from "kysely";

// Issue 10: audit rows are signed with a key kept outside the database
// (docs/decisions/0017). The rows already written stay as they are; the head
// remembers where their plain SHA-256 chain ends, and the keyed chain goes on from
// there. A signed checkpoint outside the database records the same point, so
// moving this number later is seen by `allies audit verify`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_head").addColumn("keyed_from_seq", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.updateTable("audit_head").set({ keyed_from_seq: sql`seq` }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_head").dropColumn("keyed_from_seq").execute();
}
