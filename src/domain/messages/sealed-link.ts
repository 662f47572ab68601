import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * A personal link's token, sealed while its message waits in the outbox (decision
 * 0032). Links are stored only as a hash, so the token must not sit readable in a
 * plain column either: it is sealed with AES-256-GCM under a key derived from the
 * program's message key, and scrubbed from the row once the message has gone (or
 * will never go). Pure apart from the random nonce.
 */

const INFO = "allies personal link in a message";

function sealKey(programKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", programKey, Buffer.alloc(0), INFO, 32));
}

/** "v1.<nonce>.<ciphertext>.<tag>", base64url parts. */
export function sealLinkToken(programKey: Buffer, token: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(programKey), nonce);
  const sealed = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return ["v1", nonce, sealed, cipher.getAuthTag()].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The token, or null when the seal is not ours or was tampered with. */
export function openSealedLinkToken(programKey: Buffer, sealed: string): string | null {
  const [version, nonce, body, tag] = sealed.split(".");
  if (version !== "v1" || !nonce || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealKey(programKey), Buffer.from(nonce, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** What is kept of a message's text once it has gone: the link's place, without the token. */
export function withoutToken(text: string, token: string): string {
  return text.split(token).join("[link]");
}
