import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyFromPassword } from "./password.ts";

/**
 * The TOTP secret at rest: AES-256-GCM under a key derived from the person's
 * password (decision 0019). Opening it needs the password, which sign-in, turning
 * two-factor off and changing the password all have in hand. A reset without the
 * old password cannot reopen it, so a reset turns two-factor off.
 */
export async function sealTotpSecret(secret: string, password: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", await keyFromPassword(password, salt), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", salt, iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The secret, or null when the password is not the one it was sealed with (or the value was altered). */
export async function openTotpSecret(sealedValue: string, password: string): Promise<string | null> {
  const [version, salt, iv, tag, sealed] = sealedValue.split(".");
  if (version !== "v1" || !salt || !iv || !tag || !sealed) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", await keyFromPassword(password, Buffer.from(salt, "base64url")), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
