import type { Kysely } from "kysely";

// A grant that ends on an event ("when the job search ends") ends when a specialist
// records that the event happened: the day it happened, a note, who recorded it and
// when, and the moment the grant stopped covering anything (`ended_at`). A renewal
// is a new grant, signed again, that names the grant it follows (`renews_grant_id`).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("consent_grants").addColumn("event_occurred_on", "text").execute();
  await db.schema.alterTable("consent_grants").addColumn("event_note", "text").execute();
  await db.schema.alterTable("consent_grants").addColumn("event_recorded_by", "text", (c) => c.references("users.id")).execute();
  await db.schema.alterTable("consent_grants").addColumn("event_recorded_at", "text").execute();
  await db.schema.alterTable("consent_grants").addColumn("ended_at", "text").execute();
  await db.schema.alterTable("consent_grants").addColumn("renews_grant_id", "text", (c) => c.references("consent_grants.id")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["renews_grant_id", "ended_at", "event_recorded_at", "event_recorded_by", "event_note", "event_occurred_on"]) {
    await db.schema.alterTable("consent_grants").dropColumn(column).execute();
  }
}
