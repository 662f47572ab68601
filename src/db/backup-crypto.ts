import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { Transform, type TransformCallback } from "node:stream";
import { promisify } from "node:util";

/**
 * An encrypted backup (docs/decisions/0005-backup-format.md, "Encryption"): the
 * gzip'd backup sealed with AES-256-GCM in chunks, so a backup of any size streams
 * and any change, reordering or truncation is refused before a row is restored.
 *
 *   header  = "ALLIESBK" | version 1 | key source (1 key file, 2 passphrase) | salt (16) | nonce prefix (8)
 *   chunk   = length (4, big-endian) | ciphertext | tag (16)
 *
 * Chunk i is sealed with nonce = prefix | i (4 bytes) and additional data = header |
 * i | final flag, so chunks cannot be moved, and a file whose last chunk is not
 * marked final was cut short.
 */
const MAGIC = Buffer.from("ALLIESBK");
const VERSION = 1;
const HEADER_BYTES = MAGIC.length + 2 + 16 + 8;
const CHUNK_BYTES = 64 * 1024;
const TAG_BYTES = 16;

export type BackupKey = { kind: "key_file"; key: Buffer } | { kind: "passphrase"; passphrase: string };

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** scrypt at N = 2^17 (about 128 MB, a fraction of a second): slow to guess, once per backup. */
async function keyFor(source: BackupKey, salt: Buffer): Promise<Buffer> {
  if (source.kind === "key_file") return source.key;
  return scrypt(source.passphrase.normalize("NFC"), salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
}

/** A key file holds 32 random bytes, as hex or base64 text or raw; it must not be readable by others. */
export async function readKeyFile(file: string): Promise<Buffer> {
  const { mode } = await stat(file);
  if (mode & 0o077) throw new Error(`The key file ${file} can be read by other users (mode ${(mode & 0o777).toString(8)}): run chmod 600 on it first.`);
  const raw = await readFile(file);
  const text = raw.toString("utf8").trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex")
    : /^[A-Za-z0-9+/]{43}=$/.test(text) ? Buffer.from(text, "base64")
    : raw;
  if (key.length !== 32) throw new Error(`The key file ${file} must hold 32 bytes (64 hex digits): it holds ${key.length}.`);
  return key;
}

export function isEncryptedBackup(firstBytes: Buffer): boolean {
  return firstBytes.subarray(0, MAGIC.length).equals(MAGIC);
}

function nonce(prefix: Buffer, index: number): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, 8);
  return n;
}

function additionalData(header: Buffer, index: number, final: boolean): Buffer {
  const extra = Buffer.alloc(5);
  extra.writeUInt32BE(index, 0);
  extra[4] = final ? 1 : 0;
  return Buffer.concat([header, extra]);
}

/** Seals whatever flows through it. */
export async function encryptingStream(source: BackupKey): Promise<Transform> {
  const salt = randomBytes(16);
  const prefix = randomBytes(8);
  const key = await keyFor(source, salt);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION, source.kind === "key_file" ? 1 : 2]), salt, prefix]);
  let pending = Buffer.alloc(0);
  let index = 0;
  let headerSent = false;

  const seal = (plain: Buffer, final: boolean): Buffer => {
    if (index === 0xffffffff) throw new Error("The backup is too large to encrypt in one file.");
    const cipher = createCipheriv("aes-256-gcm", key, nonce(prefix, index));
    cipher.setAAD(additionalData(header, index, final));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    index++;
    return Buffer.concat([length, body, cipher.getAuthTag()]);
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (!headerSent) {
        this.push(header);
        headerSent = true;
      }
      pending = Buffer.concat([pending, chunk]);
      // Keep at least one byte back so the last chunk, marked final, is never empty of meaning.
      while (pending.length > CHUNK_BYTES) {
        this.push(seal(pending.subarray(0, CHUNK_BYTES), false));
        pending = pending.subarray(CHUNK_BYTES);
      }
      callback();
    },
    flush(callback: TransformCallback) {
      if (!headerSent) this.push(header);
      this.push(seal(pending, true));
      callback();
    },
  });
}

const DAMAGED = "The backup cannot be decrypted: the passphrase or key is wrong, or the file was changed or cut short.";

/** Opens a sealed backup; any change, reordering or truncation fails before its data is used. */
export function decryptingStream(source: BackupKey): Transform {
  let buffered = Buffer.alloc(0);
  let header: Buffer | null = null;
  let key: Buffer | null = null;
  let index = 0;

  const open = (body: Buffer, tag: Buffer, final: boolean): Buffer | null => {
    const decipher = createDecipheriv("aes-256-gcm", key!, nonce(header!.subarray(HEADER_BYTES - 8), index));
    decipher.setAAD(additionalData(header!, index, final));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      return null;
    }
  };

  return new Transform({
    async transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        buffered = Buffer.concat([buffered, chunk]);
        if (!header) {
          if (buffered.length < HEADER_BYTES) return callback();
          header = buffered.subarray(0, HEADER_BYTES);
          if (!isEncryptedBackup(header) || header[MAGIC.length] !== VERSION) return callback(new Error("This is not an encrypted Allies backup of a version this Allies reads."));
          const wanted = header[MAGIC.length + 1] === 1 ? "key_file" : "passphrase";
          if (wanted !== source.kind) {
            return callback(new Error(wanted === "key_file" ? "This backup was encrypted with a key file: give it with --key-file." : "This backup was encrypted with a passphrase: give it with --passphrase-stdin."));
          }
          key = await keyFor(source, header.subarray(MAGIC.length + 2, MAGIC.length + 18));
          buffered = buffered.subarray(HEADER_BYTES);
        }
        // A chunk is opened only once the next one has begun, so the last one is known and must say final.
        for (;;) {
          if (buffered.length < 4) break;
          const length = buffered.readUInt32BE(0);
          if (length > CHUNK_BYTES) return callback(new Error(DAMAGED));
          const total = 4 + length + TAG_BYTES;
          if (buffered.length <= total) break;
          const plain = open(buffered.subarray(4, 4 + length), buffered.subarray(4 + length, total), false);
          if (!plain) return callback(new Error(DAMAGED));
          this.push(plain);
          index++;
          buffered = buffered.subarray(total);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      if (!header || !key || buffered.length < 4 + TAG_BYTES) return callback(new Error(DAMAGED));
      const length = buffered.readUInt32BE(0);
      if (buffered.length !== 4 + length + TAG_BYTES) return callback(new Error(DAMAGED));
      const plain = open(buffered.subarray(4, 4 + length), buffered.subarray(4 + length), true);
      if (!plain) return callback(new Error(DAMAGED));
      this.push(plain);
      callback();
    },
  });
}
