import type { Kysely } from "kysely";

// Issue 14 §3, the network's words: "other" help is described in the person's own
// words (help_other); a young adult who was in foster care is asked about people
// from that time (flag_foster_care); a commitment made in a meeting can be
// dismissed and restored, and stays in the minutes and the plan history marked
// as dismissed rather than deleted. The plan item made from a commitment carries
// the same mark, so the support person's page and reminders need read only it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("support_persons").addColumn("help_other", "text").execute();
  await db.schema.alterTable("participants").addColumn("flag_foster_care", "integer", (c) => c.notNull().defaultTo(0)).execute();
  for (const table of ["meeting_entries", "plan_items"]) {
    await db.schema.alterTable(table).addColumn("dismissed_at", "text").execute();
    await db.schema.alterTable(table).addColumn("dismissed_by", "text", (c) => c.references("users.id")).execute();
    await db.schema.alterTable(table).addColumn("dismissed_reason", "text").execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["plan_items", "meeting_entries"]) {
    for (const column of ["dismissed_reason", "dismissed_by", "dismissed_at"]) await db.schema.alterTable(table).dropColumn(column).execute();
  }
  await db.schema.alterTable("participants").dropColumn("flag_foster_care").execute();
  await db.schema.alterTable("support_persons").dropColumn("help_other").execute();
}
