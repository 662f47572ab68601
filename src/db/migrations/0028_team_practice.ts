import type { Kysely } from "kysely";

// The team's own practice (issue 15): coaching notes between a supervisor and a
// specialist, the program's resource directory and the resources offered to a
// participant or one of their supports, and the log of family advocates and the
// steering committee. The new permissions are written as literals, like every
// migration that changes role_permissions (src/domain/auth/permissions.ts).
const PERMISSIONS_0028: { role: string; permission: string }[] = [
  { role: "supervisor", permission: "coach:specialist:team" },
  { role: "admin", permission: "read:coaching:any" },
  { role: "specialist", permission: "manage:resource:any" },
  { role: "admin", permission: "manage:resource:any" },
  { role: "supervisor", permission: "manage:advocacy:any" },
  { role: "admin", permission: "manage:advocacy:any" },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("coaching_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("specialist_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("supervisor_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("met_on", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("follow_up_on", "text")
    .addColumn("follow_up_done_at", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("coaching_notes_specialist_idx").on("coaching_notes").columns(["specialist_id", "met_on"]).execute();

  await db.schema
    .createTable("resources")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("contact", "text")
    .addColumn("address", "text")
    .addColumn("languages", "text", (c) => c.notNull())
    .addColumn("category", "text")
    .addColumn("retired_at", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("resource_offers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("resource_id", "text", (c) => c.notNull().references("resources.id"))
    .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
    .addColumn("support_person_id", "text", (c) => c.references("support_persons.id"))
    .addColumn("offered_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("offered_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("resource_offers_participant_idx").on("resource_offers").columns(["participant_id", "offered_at"]).execute();

  await db.schema
    .createTable("advocacy_members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("since", "text", (c) => c.notNull())
    .addColumn("until", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("advocacy_meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("advocacy_speakers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("spoke_on", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  for (const row of PERMISSIONS_0028) {
    const existing = await db.selectFrom("role_permissions").select("role").where("role", "=", row.role).where("permission", "=", row.permission).execute();
    if (existing.length === 0) await db.insertInto("role_permissions").values(row).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const row of PERMISSIONS_0028) {
    await db.deleteFrom("role_permissions").where("role", "=", row.role).where("permission", "=", row.permission).execute();
  }
  for (const table of ["advocacy_speakers", "advocacy_meetings", "advocacy_members", "resource_offers", "resources", "coaching_notes"]) {
    await db.schema.dropTable(table).execute();
  }
}
