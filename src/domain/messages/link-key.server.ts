import { randomBytes } from "node:crypto";
import type { Db } from "../../db/index.ts";
import type { Trx } from "../audit/audit.server.ts";

/** The program's key for unsubscribe links: made once, kept with the data so every app server signs alike. */
export async function messageLinkKey(db: Db | Trx): Promise<Buffer> {
  const found = await db.selectFrom("app_meta").select("value").where("key", "=", "message_link_key").executeTakeFirst();
  if (found) return Buffer.from(found.value, "base64url");
  await db.insertInto("app_meta").values({ key: "message_link_key", value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("key").doNothing()).execute();
  const made = await db.selectFrom("app_meta").select("value").where("key", "=", "message_link_key").executeTakeFirstOrThrow();
  return Buffer.from(made.value, "base64url");
}
