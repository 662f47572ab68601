import type { Kysely } from "kysely";

// Issue 12 (decision 0026): what each person wants to be sent, and the numbers that
// replied STOP. A support person's channel is the preferred way of contact they
// already have (text or email; any other way means no messages), so only their
// language and reminder choices are new. A participant chooses a channel (null: no
// messages), and the SSI report reminder is theirs to opt into. The quiet hours of
// texts are a program setting (null: 21:00 to 08:00).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("support_persons").addColumn("preferred_language", "text").execute();
  await db.schema.alterTable("support_persons").addColumn("remind_meetings", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("support_persons").addColumn("remind_commitments", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("participants").addColumn("message_channel", "text").execute();
  await db.schema.alterTable("participants").addColumn("remind_meetings", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("participants").addColumn("remind_commitments", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("participants").addColumn("remind_ssi_report", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("program_settings").addColumn("quiet_hours_start", "text").execute();
  await db.schema.alterTable("program_settings").addColumn("quiet_hours_end", "text").execute();
  // One row per number (E.164) that replied STOP and has not replied START since. Kept
  // by number, not by person: the provider refuses the number whoever it belongs to,
  // and a number typed on a new person later is still one that asked for no texts.
  await db.schema.createTable("text_opt_outs")
    .addColumn("phone", "text", (c) => c.primaryKey())
    .addColumn("keyword", "text", (c) => c.notNull())
    .addColumn("opted_out_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("text_opt_outs").execute();
  await db.schema.alterTable("program_settings").dropColumn("quiet_hours_end").execute();
  await db.schema.alterTable("program_settings").dropColumn("quiet_hours_start").execute();
  for (const column of ["remind_ssi_report", "remind_commitments", "remind_meetings", "message_channel"]) {
    await db.schema.alterTable("participants").dropColumn(column).execute();
  }
  for (const column of ["remind_commitments", "remind_meetings", "preferred_language"]) {
    await db.schema.alterTable("support_persons").dropColumn(column).execute();
  }
}
