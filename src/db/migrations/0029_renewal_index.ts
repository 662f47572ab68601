import type { Kysely } from "kysely";

// Finding the grant that renews another (`renews_grant_id`) scanned every grant of
// the program: the home page's "consents ending" list asks it for each grant it
// shows, and the network and overview pages for each grant they read. At N = 20,000
// (60,000 grants) that scan made the home page take 300 ms of database time alone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("consent_grants_renews_idx").on("consent_grants").column("renews_grant_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("consent_grants_renews_idx").execute();
}
