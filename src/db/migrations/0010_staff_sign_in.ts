import type { Kysely } from "kysely";

// Hardening (issue 10, decision 0019): two-factor sign-in, recovery codes,
// administrator-issued password reset links, progressive sign-in delays in place
// of the lockout, and a notice of failed attempts on the next sign-in.
export async function up(db: Kysely<any>): Promise<void> {
  // The TOTP secret, sealed with a key derived from the person's password (never stored plain),
  // when they turned two-factor on, and the last time step accepted (a code is good once).
  await db.schema.alterTable("users").addColumn("totp_secret_sealed", "text").execute();
  await db.schema.alterTable("users").addColumn("totp_enabled_at", "text").execute();
  await db.schema.alterTable("users").addColumn("totp_last_step", "integer").execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_codes_user_idx").on("recovery_codes").column("user_id").execute();

  await db.schema
    .createTable("password_resets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("issued_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("voided_at", "text")
    .execute();
  await db.schema.createIndex("password_resets_user_idx").on("password_resets").column("user_id").execute();

  // Which part of a failed sign-in was wrong: "password" (anyone can cause it) or
  // "code" (only someone holding the password can). Null for a success.
  await db.schema.alterTable("login_attempts").addColumn("failure", "text").execute();
  await db.updateTable("login_attempts").set({ failure: "password" }).where("succeeded", "=", 0).execute();

  // Failed attempts since the previous sign-in, shown once on the session's first page (JSON).
  await db.schema.alterTable("sessions").addColumn("sign_in_notice", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("sign_in_notice").execute();
  await db.schema.alterTable("login_attempts").dropColumn("failure").execute();
  await db.schema.dropTable("password_resets").execute();
  await db.schema.dropTable("recovery_codes").execute();
  await db.schema.alterTable("users").dropColumn("totp_last_step").execute();
  await db.schema.alterTable("users").dropColumn("totp_enabled_at").execute();
  await db.schema.alterTable("users").dropColumn("totp_secret_sealed").execute();
}
