import type { Kysely } from "kysely";

// The participant's own page (issue 11): someone the participant would like in
// their network, said in their own words and held for the specialist to follow
// up. It is not a support person yet: nobody is contacted and no consent exists
// until the specialist has talked it through with the participant.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("support_suggestions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("how_to_reach", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("followed_up_at", "text")
    .addColumn("followed_up_by", "text", (c) => c.references("users.id"))
    .execute();
  await db.schema.createIndex("support_suggestions_participant_idx").on("support_suggestions").column("participant_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("support_suggestions").execute();
}
