import type { Kysely } from "kysely";

// Issue 11 §2 (decision 0031): a participant may also sign in with their email and a
// password, when the program turns that on (off by default). The password hash has a
// table of its own, so no query that reads a participant's record ever carries it;
// a password sign-in opens a session of its own kind (it has no personal link) that
// the partner cookie carries, so every page of the participant's works unchanged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("program_settings").addColumn("participant_passwords", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createTable("participant_passwords")
    .addColumn("participant_id", "text", (c) => c.primaryKey().references("participants.id"))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("set_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createTable("participant_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("participant_sessions_participant").on("participant_sessions").column("participant_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("participant_sessions").execute();
  await db.schema.dropTable("participant_passwords").execute();
  await db.schema.alterTable("program_settings").dropColumn("participant_passwords").execute();
}
