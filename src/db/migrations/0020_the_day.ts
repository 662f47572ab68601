import type { Kysely } from "kysely";

// The specialist's day (issue 14 §1). The home page lists what support persons
// did since the staff member's last visit: one row per staff member keeps when
// they last opened it, and from when the page counts "new" for the current
// sign-in (so reloading the page does not empty the list). A private calendar
// feed is a random token, stored only as its hash, that a calendar app fetches.
// The indexes serve the home page's and calendar's date ranges across a caseload.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("home_visits")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id"))
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("visited_at", "text", (c) => c.notNull())
    .addColumn("news_since", "text")
    .execute();

  await db.schema.createTable("calendar_feeds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("calendar_feeds_user").on("calendar_feeds").column("user_id").execute();

  await db.schema.createIndex("meetings_scheduled_idx").on("meetings").column("scheduled_at").execute();
  await db.schema.createIndex("meeting_invitees_responded_idx").on("meeting_invitees").column("responded_at").execute();
  await db.schema.createIndex("plan_items_report_idx").on("plan_items").column("support_report_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("plan_items_report_idx").execute();
  await db.schema.dropIndex("meeting_invitees_responded_idx").execute();
  await db.schema.dropIndex("meetings_scheduled_idx").execute();
  await db.schema.dropTable("calendar_feeds").execute();
  await db.schema.dropTable("home_visits").execute();
}
