import { createHash, randomBytes } from "node:crypto";

/** A secret for a cookie or an API token: 32 random bytes, URL-safe. */
export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** Only this hash is stored, so a copy of the database gives no usable session or token. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
