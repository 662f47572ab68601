import type { Kysely } from "kysely";

// Reports and exports over a whole program (issue 15: under a second at N = 20,000).
// Each report figure is a count per specialist of a participant's rows in a period.
// Driven from the active participants, every count is then one index seek per
// participant that answers from the index alone, instead of a look-up of each
// grant, meeting and plan item row (a program's report read every row of those
// tables). The participants' index gives the specialist and the id in specialist
// order, so the counts group without a sort.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("participants_report_idx").on("participants").columns(["status", "specialist_id", "id"]).execute();
  // Consents in force on a day: started, not ended, not expired, no event; the id for the revocations.
  await db.schema.createIndex("consent_grants_in_force_idx").on("consent_grants")
    .columns(["participant_id", "starts_on", "ended_at", "expires_on", "event_occurred_on", "id"]).execute();
  // A participant's next planned meeting (the caseload export), and the meetings held in a period.
  await db.schema.createIndex("meetings_status_idx").on("meetings").columns(["participant_id", "status", "scheduled_at", "held_at"]).execute();
  // Plan items done in a period; it also serves every look-up by participant and status, which the index it replaces did.
  await db.schema.createIndex("plan_items_status_idx").on("plan_items").columns(["participant_id", "status", "updated_at"]).execute();
  await db.schema.dropIndex("plan_items_participant_idx").execute();
  // Commitments a support person kept in a period.
  await db.schema.createIndex("plan_items_kept_idx").on("plan_items").columns(["participant_id", "support_report", "support_report_at"]).execute();
  // People in a job (competitive or any) on a day; it also serves a participant's jobs by start, which the index it replaces did.
  await db.schema.createIndex("jobs_working_idx").on("jobs").columns(["participant_id", "started_on", "ended_on", "competitive"]).execute();
  await db.schema.dropIndex("jobs_participant_idx").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("jobs_participant_idx").on("jobs").columns(["participant_id", "started_on"]).execute();
  await db.schema.dropIndex("jobs_working_idx").execute();
  await db.schema.dropIndex("plan_items_kept_idx").execute();
  await db.schema.createIndex("plan_items_participant_idx").on("plan_items").columns(["participant_id", "status"]).execute();
  await db.schema.dropIndex("plan_items_status_idx").execute();
  await db.schema.dropIndex("meetings_status_idx").execute();
  await db.schema.dropIndex("consent_grants_in_force_idx").execute();
  await db.schema.dropIndex("participants_report_idx").execute();
}
