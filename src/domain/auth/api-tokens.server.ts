import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { StaffActor, RequestMeta } from "./actor.ts";
import { loadActor } from "./sessions.server.ts";
import { hashSecret, newSecret } from "./tokens.ts";

export const API_TOKEN_PREFIX = "allies_pat_";

export async function createApiToken(db: Db, actor: StaffActor, name: string, meta: RequestMeta): Promise<{ id: string; token: string }> {
  const token = newSecret(API_TOKEN_PREFIX);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("api_tokens").values({
      id, user_id: actor.userId, name, token_hash: hashSecret(token), created_at: new Date().toISOString(), last_used_at: null, revoked_at: null,
    }).execute();
    await recordAudit(trx, { actor, action: "token.create", entityType: "api_token", entityId: id, reason: "own token", details: { name }, meta });
  });
  return { id, token };
}

export async function listApiTokens(db: Db, actor: StaffActor) {
  return db.selectFrom("api_tokens").select(["id", "name", "created_at", "last_used_at", "revoked_at"])
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

export async function actorForApiToken(db: Db, token: string): Promise<StaffActor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db.selectFrom("api_tokens").select(["id", "user_id"])
    .where("token_hash", "=", hashSecret(token)).where("revoked_at", "is", null).executeTakeFirst();
  if (!row) return null;
  return loadActor(db, row.user_id);
}
