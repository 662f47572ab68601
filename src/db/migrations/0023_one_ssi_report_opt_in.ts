import type { Kysely } from "kysely";

// Issue 12: the participant's choice to be reminded of the monthly SSI wage report
// was kept twice, in participants.remind_ssi_report (their preferences page) and in
// the ssi_report_reminders table (read by the scheduler), so a box ticked on the page
// sent nothing. The column stays, as the one place; whoever was in the table keeps
// their reminder, then the table goes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.updateTable("participants").set({ remind_ssi_report: 1 })
    .where("id", "in", db.selectFrom("ssi_report_reminders").select("participant_id")).execute();
  await db.schema.dropTable("ssi_report_reminders").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("ssi_report_reminders")
    .addColumn("participant_id", "text", (c) => c.primaryKey().references("participants.id"))
    .addColumn("chosen_by", "text", (c) => c.notNull())
    .addColumn("chosen_at", "text", (c) => c.notNull())
    .execute();
  await db.insertInto("ssi_report_reminders")
    .columns(["participant_id", "chosen_by", "chosen_at"])
    .expression(db.selectFrom("participants").select(["id", (eb) => eb.val("migration 0023").as("chosen_by"), (eb) => eb.val(new Date().toISOString()).as("chosen_at")]).where("remind_ssi_report", "=", 1))
    .execute();
}
