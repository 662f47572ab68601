import type { Kysely } from "kysely";

// The home page's lists (issue 14 §1): each is one query over the caseload's
// participants, so each seek per participant should land on the rows the list
// wants instead of reading all of that participant's rows to filter them.
export async function up(db: Kysely<any>): Promise<void> {
  // Commitments still to do, by the date they are due (the status index read every open item, dated or not).
  await db.schema.createIndex("plan_items_due_idx").on("plan_items").columns(["participant_id", "status", "ends_on"]).execute();
  // Consents not ended, by the day they run out (the participant's index read every grant ever given).
  await db.schema.createIndex("consent_grants_ending_idx").on("consent_grants").columns(["participant_id", "ended_at", "expires_on"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("consent_grants_ending_idx").execute();
  await db.schema.dropIndex("plan_items_due_idx").execute();
}
