import type { Kysely } from "kysely";

// The support network and consent (issue 3). Consent rows are never updated:
// a grant is written once, and a revocation is a new row.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("support_persons")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("relationship_kind", "text", (c) => c.notNull())
    .addColumn("relationship_other", "text")
    .addColumn("closeness", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("preferred_channel", "text")
    .addColumn("help_kinds", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("notes", "text")
    .addColumn("first_call", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("discovered_from", "text")
    .addColumn("ended_at", "text")
    .addColumn("ended_reason", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_persons_participant_idx").on("support_persons").columns(["participant_id", "ended_at"]).execute();

  await db.schema
    .createTable("support_person_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("support_person_id", "text", (c) => c.notNull().references("support_persons.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.notNull())
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_person_versions_person_idx").on("support_person_versions").columns(["support_person_id", "version"]).execute();

  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("content_base64", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("consent_grants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("support_person_id", "text", (c) => c.notNull().references("support_persons.id"))
    .addColumn("categories", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("may_attend_meetings", "integer", (c) => c.notNull())
    .addColumn("may_receive_plan", "integer", (c) => c.notNull())
    .addColumn("may_be_contacted", "integer", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("expires_on", "text")
    .addColumn("expiry_event", "text")
    .addColumn("signed_method", "text", (c) => c.notNull())
    .addColumn("signature_name", "text")
    .addColumn("signed_on", "text", (c) => c.notNull())
    .addColumn("participant_confirmed", "integer", (c) => c.notNull())
    .addColumn("scan_document_id", "text", (c) => c.references("documents.id"))
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("consent_grants_participant_idx").on("consent_grants").columns(["participant_id", "support_person_id"]).execute();

  await db.schema
    .createTable("consent_revocations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("grant_id", "text", (c) => c.notNull().references("consent_grants.id"))
    .addColumn("category", "text")
    .addColumn("revoked_at", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("consent_revocations_grant_idx").on("consent_revocations").column("grant_id").execute();
}

export async function down(): Promise<void> {
  throw new Error("Allies migrations only go forward; restore a backup to go back.");
}
