import type { Kysely } from "kysely";

// A migration writes what was true when it was made: literals, never a live
// constant of the app, so a later edit to the app cannot change history.

/** The reference roles as they were first shipped; later changes come in their own migrations (0004). */
const ROLE_PERMISSIONS_0001: Record<string, string[]> = {
  specialist: [
    "read:participant:own",
    "create:participant:own",
    "update:participant:own",
    "archive:participant:own",
  ],
  supervisor: [
    "read:participant:team",
    "create:participant:team",
    "update:participant:team",
    "archive:participant:team",
    "read:user:team",
  ],
  admin: [
    "read:participant:any",
    "create:participant:any",
    "update:participant:any",
    "archive:participant:any",
    "read:user:any",
    "manage:user:any",
    "read:audit:any",
  ],
};

/** The hash the audit chain starts from (GENESIS_HASH in domain/audit/chain.ts). */
const GENESIS_HASH = "0".repeat(64);

// Every column uses a type both SQLite and PostgreSQL store the same way
// (docs/decisions/0003-portable-schema.md).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("teams")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("team_id", "text", (c) => c.references("teams.id"))
    .addColumn("password_hash", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_team_idx").on("users").column("team_id").execute();

  await db.schema
    .createTable("role_permissions")
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("permission", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("role_permissions_pk", ["role", "permission"])
    .execute();
  const rows = Object.entries(ROLE_PERMISSIONS_0001).flatMap(([role, permissions]) =>
    permissions.map((permission) => ({ role, permission })),
  );
  await db.insertInto("role_permissions").values(rows).execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("api_tokens_user_idx").on("api_tokens").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("attempted_at", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempts_email_idx").on("login_attempts").columns(["email", "attempted_at"]).execute();
  await db.schema.createIndex("login_attempts_ip_idx").on("login_attempts").columns(["ip", "attempted_at"]).execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("team_id", "text", (c) => c.references("teams.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .execute();

  await db.schema
    .createTable("participants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("specialist_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("preferred_name", "text")
    .addColumn("search_name", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("preferred_language", "text", (c) => c.notNull().defaultTo("en"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("work_goal", "text")
    .addColumn("job_preferences", "text")
    .addColumn("strengths", "text")
    .addColumn("interests", "text")
    .addColumn("past_jobs", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("education", "text")
    .addColumn("flag_young_adult", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("flag_justice_involvement", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("flag_homelessness_history", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("flag_substance_use_history", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("flag_lost_touch_with_family", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("archived_at", "text")
    .execute();
  await db.schema
    .createIndex("participants_caseload_idx")
    .on("participants")
    .columns(["specialist_id", "status", "last_name", "first_name"])
    .execute();
  await db.schema.createIndex("participants_name_idx").on("participants").columns(["status", "last_name", "first_name"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("participant_id", "text")
    .addColumn("ip", "text")
    .addColumn("request_id", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor_id", "seq"]).execute();
  await db.schema.createIndex("audit_log_participant_idx").on("audit_log").columns(["participant_id", "seq"]).execute();
  await db.schema.createIndex("audit_log_action_idx").on("audit_log").columns(["action", "seq"]).execute();

  await db.schema
    .createTable("audit_head")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.insertInto("audit_head").values({ id: 1, seq: 0, hash: GENESIS_HASH }).execute();

  await db.schema
    .createTable("app_meta")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Allies migrations only go forward; restore a backup to go back.");
}
