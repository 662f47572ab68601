import type { Kysely } from "kysely";

// Guests who are not family or friends (issue 11 §3): a benefits counselor, a job
// coach or a clinician is a support person of a professional kind, and where they
// work is kept beside their role.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("support_persons").addColumn("organization", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("support_persons").dropColumn("organization").execute();
}
