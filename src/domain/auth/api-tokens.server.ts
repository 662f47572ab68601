import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { StaffActor, RequestMeta } from "./actor.ts";
import { loadActor } from "./sessions.server.ts";
import { hashSecret, newSecret } from "./tokens.ts";

export const API_TOKEN_PREFIX = "allies_pat_";
/** A token works for this many days; then its owner makes a new one. */
export const API_TOKEN_DAYS = 90;
/** last_used_at is written at most this often, not on every call. */
const LAST_USED_SECONDS = 60;

export async function createApiToken(db: Db, actor: StaffActor, name: string, meta: RequestMeta): Promise<{ id: string; token: string; expiresAt: string }> {
  const token = newSecret(API_TOKEN_PREFIX);
  const id = randomUUID();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + API_TOKEN_DAYS * 86_400_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("api_tokens").values({
      id, user_id: actor.userId, name, token_hash: hashSecret(token), created_at: now.toISOString(), last_used_at: null, revoked_at: null, expires_at: expiresAt,
    }).execute();
    await recordAudit(trx, { actor, action: "token.create", entityType: "api_token", entityId: id, reason: "own token", details: { name, expiresAt }, meta });
  });
  return { id, token, expiresAt };
}

export async function listApiTokens(db: Db, actor: StaffActor) {
  return db.selectFrom("api_tokens").select(["id", "name", "created_at", "last_used_at", "revoked_at", "expires_at"])
    .where("user_id", "=", actor.userId).orderBy("created_at", "desc").execute();
}

/** Revokes one of the actor's own tokens; false when there is no such live token. */
export async function revokeApiToken(db: Db, actor: StaffActor, tokenId: string, meta: RequestMeta): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable("api_tokens").set({ revoked_at: new Date().toISOString() })
      .where("id", "=", tokenId).where("user_id", "=", actor.userId).where("revoked_at", "is", null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { actor, action: "token.revoke", entityType: "api_token", entityId: tokenId, reason: "own token", meta });
    return true;
  });
}

/** The actor behind a live token: not revoked, not expired, its owner active. Records when it was last used. */
export async function actorForApiToken(db: Db, token: string, now = new Date()): Promise<StaffActor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db.selectFrom("api_tokens").select(["id", "user_id", "expires_at", "last_used_at"])
    .where("token_hash", "=", hashSecret(token)).where("revoked_at", "is", null).executeTakeFirst();
  if (!row || !row.expires_at || Date.parse(row.expires_at) <= now.getTime()) return null;
  const actor = await loadActor(db, row.user_id);
  if (!actor) return null;
  if (!row.last_used_at || Date.parse(row.last_used_at) + LAST_USED_SECONDS * 1000 <= now.getTime()) {
    await db.updateTable("api_tokens").set({ last_used_at: now.toISOString() }).where("id", "=", row.id).execute();
  }
  return actor;
}
