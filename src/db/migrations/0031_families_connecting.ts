import type { Kysely } from "kysely";

// Families connecting (issue 15, decision 0044). An agreement is either a support
// person's (they may be contacted by another family, sharing the phone and/or
// email they chose) or the participant's own (support_person_id null: their
// supports may be introduced to another family). Each is recorded with who and
// when, and withdrawn rather than deleted, so the record shows what held when.
// An introduction joins two support persons of two different participants; it
// ends when any of the four agreements behind it is withdrawn.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("family_agreements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("support_person_id", "text", (c) => c.references("support_persons.id"))
    .addColumn("share_phone", "integer", (c) => c.notNull())
    .addColumn("share_email", "integer", (c) => c.notNull())
    .addColumn("agreed_at", "text", (c) => c.notNull())
    .addColumn("agreed_by", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_by", "text")
    .execute();
  await db.schema.createIndex("family_agreements_participant_idx").on("family_agreements").columns(["participant_id", "withdrawn_at"]).execute();

  await db.schema
    .createTable("family_introductions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("first_participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("first_support_person_id", "text", (c) => c.notNull().references("support_persons.id"))
    .addColumn("second_participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("second_support_person_id", "text", (c) => c.notNull().references("support_persons.id"))
    .addColumn("note", "text")
    .addColumn("introduced_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("introduced_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .execute();
  await db.schema.createIndex("family_introductions_first_idx").on("family_introductions").columns(["first_support_person_id"]).execute();
  await db.schema.createIndex("family_introductions_second_idx").on("family_introductions").columns(["second_support_person_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("family_introductions").execute();
  await db.schema.dropTable("family_agreements").execute();
}
