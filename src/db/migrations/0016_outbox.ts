import type { Kysely } from "kysely";

// Issue 12 (decision 0025): messages that reach people by email or text go through a
// durable outbox. A row is written in the same transaction as the event that causes
// it (or by the scheduler, for messages caused by time) and a worker sends it.
// Each row keeps what it discloses (categories and the way it reaches its reader),
// so consent is checked again just before sending; every attempt is kept.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("outbox_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    // Handed to the provider (the email's Message-ID, the text provider's idempotency key):
    // a copy sent again after a crash is recognisable as the same message.
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    // Messages caused by time: kind, record and due time, so no reminder is queued twice.
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("participant_id", "text", (c) => c.references("participants.id"))
    .addColumn("reader_kind", "text", (c) => c.notNull())
    .addColumn("reader_id", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("discloses", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    // What the message says, as the catalog's arguments: rendered at sending in the reader's language.
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("provider", "text")
    .addColumn("provider_id", "text")
    .addColumn("last_error", "text")
    // The message as it was last rendered (the development mailbox and the queue page show it).
    .addColumn("rendered", "text")
    .execute();
  await db.schema.createIndex("outbox_messages_due").on("outbox_messages").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("outbox_messages_reader").on("outbox_messages").columns(["reader_kind", "reader_id", "status"]).execute();
  await db.schema.createIndex("outbox_messages_participant").on("outbox_messages").columns(["participant_id", "status"]).execute();

  await db.schema.createTable("outbox_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull().references("outbox_messages.id"))
    .addColumn("attempted_at", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("outbox_attempts_message").on("outbox_attempts").column("message_id").execute();

  // A person's choice to get no more messages on a channel (the email's unsubscribe link).
  await db.schema.createTable("message_opt_outs")
    .addColumn("reader_kind", "text", (c) => c.notNull())
    .addColumn("reader_id", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("opted_out_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("message_opt_outs_pk", ["reader_kind", "reader_id", "channel"])
    .execute();

  // Work that must run on one app server at a time (the scheduler): a lease row each.
  await db.schema.createTable("outbox_leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("until", "text", (c) => c.notNull())
    .execute();

  // When the support person is reminded of a commitment, chosen per commitment (an ISO time; null: never).
  await db.schema.alterTable("plan_items").addColumn("reminder_at", "text").execute();
  // A participant who asked to be reminded on the 5th to report last month's pay to Social Security.
  await db.schema.createTable("ssi_report_reminders")
    .addColumn("participant_id", "text", (c) => c.primaryKey().references("participants.id"))
    .addColumn("chosen_by", "text", (c) => c.notNull())
    .addColumn("chosen_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("ssi_report_reminders").execute();
  await db.schema.alterTable("plan_items").dropColumn("reminder_at").execute();
  await db.schema.dropTable("outbox_leases").execute();
  await db.schema.dropTable("message_opt_outs").execute();
  await db.schema.dropTable("outbox_attempts").execute();
  await db.schema.dropTable("outbox_messages").execute();
}
