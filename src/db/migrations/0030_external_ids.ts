import type { Kysely } from "kysely";

// The caseload import (issue 16): a program's own id for each participant, so a
// file imported again updates the people it names instead of adding them twice.
// Unique where given; most participants, entered by hand, have none.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("participants").addColumn("external_id", "text").execute();
  await db.schema.createIndex("participants_external_id_idx").on("participants").column("external_id").unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("participants_external_id_idx").execute();
  await db.schema.alterTable("participants").dropColumn("external_id").execute();
}
