import type { Kysely } from "kysely";

// The partners' own pages (issue 11). A personal link is a random token, stored
// only as its hash, that opens one subject's page: one support person of one
// participant, or the participant themselves. Opening it trades the token for a
// partner session (its own table, so a partner never holds a staff session).
// Help requests are needs the specialist or the participant posts for the
// network to claim. An invitee's RSVP carries a note, a support person reports
// on their own commitment. (A support person stepping out of the network is
// recorded as the end of their place in it, with the reason "stepped_out".)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("personal_links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("subject_kind", "text", (c) => c.notNull())
    .addColumn("support_person_id", "text", (c) => c.references("support_persons.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("issued_by", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("renew_days", "integer")
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text")
    .addColumn("revoked_reason", "text")
    .execute();
  await db.schema.createIndex("personal_links_subject").on("personal_links").columns(["participant_id", "support_person_id"]).execute();

  await db.schema.createTable("partner_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("link_id", "text", (c) => c.notNull().references("personal_links.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("partner_sessions_link").on("partner_sessions").column("link_id").execute();

  await db.schema.createTable("help_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("needed_on", "text", (c) => c.notNull())
    .addColumn("needed_time", "text")
    .addColumn("discloses", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("posted_by", "text", (c) => c.notNull())
    .addColumn("posted_at", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text", (c) => c.references("support_persons.id"))
    .addColumn("claimed_at", "text")
    .addColumn("plan_item_id", "text", (c) => c.references("plan_items.id"))
    .addColumn("cancelled_at", "text")
    .addColumn("cancelled_by", "text")
    .execute();
  await db.schema.createIndex("help_requests_participant").on("help_requests").columns(["participant_id", "status"]).execute();

  await db.schema.alterTable("meeting_invitees").addColumn("response_note", "text").execute();
  await db.schema.alterTable("plan_items").addColumn("support_report", "text").execute();
  await db.schema.alterTable("plan_items").addColumn("support_report_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("plan_items").dropColumn("support_report_at").execute();
  await db.schema.alterTable("plan_items").dropColumn("support_report").execute();
  await db.schema.alterTable("meeting_invitees").dropColumn("response_note").execute();
  await db.schema.dropTable("help_requests").execute();
  await db.schema.dropTable("partner_sessions").execute();
  await db.schema.dropTable("personal_links").execute();
}
