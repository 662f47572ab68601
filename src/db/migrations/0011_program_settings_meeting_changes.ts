import type { Kysely } from "kysely";

// Issue 11 §3 (decision 0021): the program's own settings (name, address, phone, time
// zone, logo) in one row; a meeting that can be changed and cancelled carries the
// calendar SEQUENCE its invitees' files are at; the specialist has a phone to be
// reached at.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("program_settings")
    // One row, id "program": a program is one installation (decision 0021).
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("phone", "text")
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("logo_content_type", "text")
    .addColumn("logo_base64", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("meetings").addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("meetings").addColumn("cancelled_at", "text").execute();
  // Who came, noted at the meeting: 1 came, 0 did not, null not noted.
  await db.schema.alterTable("meeting_invitees").addColumn("attended", "integer").execute();
  await db.schema.alterTable("users").addColumn("phone", "text").execute();
  // Someone taken off a meeting's list: their invitee row goes (every reader of the list
  // stays right without knowing of this table); this row lets them still be handed the
  // calendar file that takes the meeting out of their calendar.
  await db.schema.createTable("meeting_invitee_removals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("support_person_id", "text", (c) => c.notNull().references("support_persons.id"))
    .addColumn("removed_by", "text", (c) => c.notNull())
    .addColumn("removed_at", "text", (c) => c.notNull())
    .addUniqueConstraint("meeting_invitee_removals_unique", ["meeting_id", "support_person_id"])
    .execute();
  const existing = await db.selectFrom("role_permissions").select("role")
    .where("role", "=", "admin").where("permission", "=", "manage:program:any").execute();
  if (existing.length === 0) await db.insertInto("role_permissions").values({ role: "admin", permission: "manage:program:any" }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("role_permissions").where("permission", "=", "manage:program:any").execute();
  await db.schema.dropTable("meeting_invitee_removals").execute();
  await db.schema.alterTable("users").dropColumn("phone").execute();
  await db.schema.alterTable("meeting_invitees").dropColumn("attended").execute();
  await db.schema.alterTable("meetings").dropColumn("cancelled_at").execute();
  await db.schema.alterTable("meetings").dropColumn("sequence").execute();
  await db.schema.dropTable("program_settings").execute();
}
