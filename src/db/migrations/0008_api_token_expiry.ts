import type { Kysely } from "kysely";

// Hardening (issue 10): personal API tokens expire. Tokens made before this have
// 90 days from the upgrade, so no program stops the day it is installed.
const DAYS = 90;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("api_tokens").addColumn("expires_at", "text").execute();
  const expiresAt = new Date(Date.now() + DAYS * 86_400_000).toISOString();
  await db.updateTable("api_tokens").set({ expires_at: expiresAt }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("api_tokens").dropColumn("expires_at").execute();
}
