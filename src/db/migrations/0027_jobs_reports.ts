import type { Kysely } from "kysely";

// Jobs (issue 15): each job a participant holds, the outcome IPS exists for. Money
// is integer cents and hours integer hundredths, like the benefits tables. A job
// that ended links the job-loss follow-up it opened. Reports (same issue) are
// read by supervisors for their team and administrators for any team: two new
// permissions, written here as literals like every other permission migration.
const REPORT_PERMISSIONS = [
  { role: "supervisor", permission: "read:report:team" },
  { role: "admin", permission: "read:report:any" },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("employer", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("started_on", "text", (c) => c.notNull())
    .addColumn("ended_on", "text")
    .addColumn("hours_hundredths", "integer")
    .addColumn("hourly_wage_cents", "integer")
    .addColumn("competitive", "integer", (c) => c.notNull())
    .addColumn("integrated", "integer", (c) => c.notNull())
    .addColumn("end_reason", "text")
    .addColumn("end_note", "text")
    .addColumn("follow_up_concern_id", "text", (c) => c.references("concerns.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("jobs_participant_idx").on("jobs").columns(["participant_id", "started_on"]).execute();
  await db.schema.createIndex("jobs_started_idx").on("jobs").columns(["started_on"]).execute();
  for (const row of REPORT_PERMISSIONS) {
    const existing = await db.selectFrom("role_permissions").select("role").where("role", "=", row.role).where("permission", "=", row.permission).execute();
    if (existing.length === 0) await db.insertInto("role_permissions").values(row).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("role_permissions").where("permission", "in", REPORT_PERMISSIONS.map((r) => r.permission)).execute();
  await db.schema.dropTable("jobs").execute();
}
