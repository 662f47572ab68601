import type { Kysely } from "kysely";

// Contact notes (issue 14): a dated log of each contact with the participant and
// their supports. The people named are a JSON list of support person ids, like the
// other lists of the portable schema; `discloses` holds the consent categories the
// contact touched (consent by content), so a note naming a support person can be
// checked against that person's grant.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("contact_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("contacted_on", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("with_participant", "integer", (c) => c.notNull())
    .addColumn("support_person_ids", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("discloses", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contact_notes_participant_idx").on("contact_notes").columns(["participant_id", "contacted_on"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("contact_notes").execute();
}
