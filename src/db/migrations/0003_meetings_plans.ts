import type { Kysely } from "kysely";

// Support meetings, concerns, the job support plan and small wins (issue 4).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("scheduled_at", "text", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("checklist", "text", (c) => c.notNull())
    .addColumn("agenda", "text", (c) => c.notNull())
    .addColumn("separate_permission", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("current_step", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("held_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meetings_participant_idx").on("meetings").columns(["participant_id", "scheduled_at"]).execute();

  await db.schema
    .createTable("meeting_invitees")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("support_person_id", "text", (c) => c.notNull().references("support_persons.id"))
    .addColumn("response", "text", (c) => c.notNull())
    .addColumn("responded_at", "text")
    .addColumn("invited_at", "text", (c) => c.notNull())
    .addUniqueConstraint("meeting_invitees_unique", ["meeting_id", "support_person_id"])
    .execute();

  // Everything said while running a meeting. client_key makes a resubmitted form a no-op.
  await db.schema
    .createTable("meeting_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("speaker", "text", (c) => c.notNull())
    .addColumn("support_person_id", "text", (c) => c.references("support_persons.id"))
    .addColumn("when_text", "text")
    .addColumn("concern_id", "text")
    .addColumn("plan_item_id", "text")
    .addColumn("client_key", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meeting_entries_meeting_idx").on("meeting_entries").columns(["meeting_id", "created_at"]).execute();

  await db.schema
    .createTable("concerns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("raised_by", "text", (c) => c.notNull())
    .addColumn("support_person_id", "text", (c) => c.references("support_persons.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("mitigation_plan", "text")
    .addColumn("client_key", "text", (c) => c.unique())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("concerns_participant_idx").on("concerns").columns(["participant_id", "status"]).execute();

  await db.schema
    .createTable("plan_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("support_person_id", "text", (c) => c.references("support_persons.id"))
    .addColumn("frequency", "text")
    .addColumn("starts_on", "text")
    .addColumn("ends_on", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("shared_with_supports", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("source_entry_id", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_items_participant_idx").on("plan_items").columns(["participant_id", "status"]).execute();

  await db.schema
    .createTable("plan_item_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_item_id", "text", (c) => c.notNull().references("plan_items.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("changed_fields", "text", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.notNull())
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_item_versions_item_idx").on("plan_item_versions").columns(["plan_item_id", "version"]).execute();

  await db.schema
    .createTable("milestones")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("occurred_on", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("celebrate_with", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("milestones_participant_idx").on("milestones").columns(["participant_id", "occurred_on"]).execute();

  await db.schema
    .createTable("encouragement_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("milestone_id", "text", (c) => c.references("milestones.id"))
    .addColumn("support_person_id", "text", (c) => c.references("support_persons.id"))
    .addColumn("from_label", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Allies migrations only go forward; restore a backup to go back.");
}
