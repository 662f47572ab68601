import type { Kysely } from "kysely";

// Issue 11, help requests finished (decision 0024): a claimed request can be
// marked done, by the specialist or by the participant, once the help was given.
// Who marked it is a user id or `participant:<id>`, like `posted_by`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("help_requests").addColumn("done_at", "text").execute();
  await db.schema.alterTable("help_requests").addColumn("done_by", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("help_requests").dropColumn("done_by").execute();
  await db.schema.alterTable("help_requests").dropColumn("done_at").execute();
}
