import type { Kysely } from "kysely";

// Benefits and earnings (issue 6): the benefits profile, referrals to a benefits
// counselor (CWIC), the earnings log from pay stubs, the months reported to SSA,
// estimates shared with supports, and benefit figures an administrator adds.
// Money is integer cents; hours are integer hundredths of an hour. Pay stubs are
// never deleted: a mistaken one is voided, and the log keeps it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("benefits_profiles")
    .addColumn("participant_id", "text", (c) => c.primaryKey().references("participants.id"))
    .addColumn("has_ssi", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_ssdi", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_medicaid", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_medicare", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_housing_assistance", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_snap", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ssi_monthly_cents", "integer")
    .addColumn("ssdi_monthly_cents", "integer")
    .addColumn("other_unearned_cents", "integer")
    .addColumn("irwe_monthly_cents", "integer")
    .addColumn("blind", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("student", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("birth_year", "integer")
    // Trial work months SSA counted before this log was kept (JSON list of "YYYY-MM").
    .addColumn("prior_trial_work_months", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("notes", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("benefits_referrals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("referred_on", "text", (c) => c.notNull())
    .addColumn("counselor_name", "text", (c) => c.notNull())
    .addColumn("organization", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("outcome_on", "text")
    .addColumn("notes", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("benefits_referrals_participant_idx").on("benefits_referrals").columns(["participant_id", "referred_on"]).execute();

  await db.schema
    .createTable("pay_stubs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("pay_date", "text", (c) => c.notNull())
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("hours_hundredths", "integer")
    .addColumn("gross_cents", "integer", (c) => c.notNull())
    .addColumn("employer", "text", (c) => c.notNull())
    // A resubmitted form carries the same key, so the stub is stored once.
    .addColumn("client_key", "text", (c) => c.unique())
    .addColumn("entered_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("voided_at", "text")
    .addColumn("voided_by", "text")
    .addColumn("void_reason", "text")
    .execute();
  await db.schema.createIndex("pay_stubs_participant_idx").on("pay_stubs").columns(["participant_id", "pay_date"]).execute();

  // One row per month of wages reported to SSA (SSI: by the 10th of the next month).
  await db.schema
    .createTable("earnings_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("reported_on", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("gross_cents", "integer", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("earnings_reports_participant_idx").on("earnings_reports").columns(["participant_id", "month"]).execute();

  // A copy of an estimate shared with a support person, as it was at the moment of sharing.
  await db.schema
    .createTable("benefits_estimate_shares")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("support_person_id", "text", (c) => c.notNull().references("support_persons.id"))
    .addColumn("request", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("shared_by", "text", (c) => c.notNull())
    .addColumn("shared_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("benefits_estimate_shares_participant_idx").on("benefits_estimate_shares").columns(["participant_id", "shared_at"]).execute();

  // Yearly figures an administrator added; the newest row for a year is the one in force.
  await db.schema
    .createTable("benefit_years")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("figures", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("benefit_years_year_idx").on("benefit_years").columns(["year", "created_at"]).execute();

  // Administrators keep the benefit figures. Only added when missing, so a database
  // whose reference roles already carry it is left as it is.
  const existing = await db.selectFrom("role_permissions").select("permission")
    .where("role", "=", "admin").where("permission", "=", "manage:benefits:any").execute();
  if (existing.length === 0) await db.insertInto("role_permissions").values({ role: "admin", permission: "manage:benefits:any" }).execute();
}

export async function down(): Promise<void> {
  throw new Error("Allies migrations only go forward; restore a backup to go back.");
}
