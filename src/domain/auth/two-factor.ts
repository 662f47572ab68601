import { createHash, createHmac, randomBytes } from "node:crypto";

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, six
 * digits, 30-second steps, the parameters every authenticator app assumes.
 * Written on node:crypto rather than a library: it is twenty lines, checked
 * against the RFC's own test values (decision 0019).
 */
export const TOTP = { digits: 6, periodSeconds: 30, secretBytes: 20 } as const;
/** A code from the step before or after is still good: phones' clocks drift and people type slowly. */
export const TOTP_WINDOW_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error("not a base32 secret");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret for an authenticator app, in the base32 form the apps take. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(TOTP.secretBytes));
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP.periodSeconds);
}

/** RFC 4226 section 5.3: the code for one counter value. */
export function hotp(secret: Buffer, counter: number, digits: number = TOTP.digits, algorithm: "sha1" | "sha256" | "sha512" = "sha1"): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, "0");
}

/** The code an authenticator app shows now (tests, demo and the reliability suite sign in with it). */
export function totpCode(secretBase32: string, now: Date = new Date()): string {
  return hotp(base32Decode(secretBase32), totpStep(now));
}

/**
 * Which time step a typed code belongs to, or null when it is wrong, outside the
 * window, or not newer than the last step accepted: a code seen once (by a
 * shoulder-surfer or a phishing page relaying it) is refused the second time.
 */
export function matchTotp(secretBase32: string, code: string, now: Date, lastStep: number | null): number | null {
  const typed = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(typed)) return null;
  const secret = base32Decode(secretBase32);
  const current = totpStep(now);
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (hotp(secret, step) === typed) return step;
  }
  return null;
}

/** The otpauth:// address an authenticator app reads (Key Uri Format). */
export function otpauthUri(secretBase32: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({ secret: secretBase32, issuer, algorithm: "SHA1", digits: String(TOTP.digits), period: String(TOTP.periodSeconds) });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/**
 * Recovery codes: ten letters and digits in two groups of five, without the
 * look-alikes 0/O and 1/I, about 50 bits each, so a plain SHA-256 is enough to
 * store them (nobody can try them all).
 */
const RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

export function newRecoveryCodes(count: number = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = [...randomBytes(10)].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A typed recovery code in its stored form, or null when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const clean = typed.toUpperCase().replace(/[\s-]/g, "");
  if (!/^[2-9A-HJ-NP-Z]{10}$/.test(clean)) return null;
  return `${clean.slice(0, 5)}-${clean.slice(5)}`;
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(`allies-recovery:${code}`).digest("hex");
}

/**
 * Which unused recovery code a typed one is, by its stored hash; null when none.
 * Each is good once: the caller marks the one found as used.
 */
export function matchRecoveryCode(typed: string, unused: readonly { id: string; codeHash: string }[]): string | null {
  const code = normalizeRecoveryCode(typed);
  if (!code) return null;
  const hash = hashRecoveryCode(code);
  return unused.find((c) => c.codeHash === hash)?.id ?? null;
}
