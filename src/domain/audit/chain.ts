import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The fields of an audit row that its hash covers. */
export interface AuditRowContent {
  seq: number;
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  participant_id: string | null;
  ip: string | null;
  request_id: string | null;
  reason: string;
  details: string;
}

function canonicalRow(prevHash: string, row: AuditRowContent): string {
  return JSON.stringify([
    prevHash,
    row.seq,
    row.id,
    row.occurred_at,
    row.actor_id,
    row.actor_label,
    row.action,
    row.entity_type,
    row.entity_id,
    row.participant_id,
    row.ip,
    row.request_id,
    row.reason,
    row.details,
  ]);
}

/**
 * The scheme of the rows written before the audit key: each row's hash covers its
 * own content and the previous row's hash, so editing, removing or reordering any
 * row breaks every hash after it — unless someone re-hashes them all, which anyone
 * can, hence the keyed scheme below.
 */
export function hashAuditRow(prevHash: string, row: AuditRowContent): string {
  return createHash("sha256").update(canonicalRow(prevHash, row)).digest("hex");
}

/** Every row since the audit key: the same chain, signed with HMAC-SHA256 under a key outside the database. */
export function macAuditRow(rowKey: Buffer, prevHash: string, row: AuditRowContent): string {
  return createHmac("sha256", rowKey).update(canonicalRow(prevHash, row)).digest("hex");
}

/**
 * What `allies audit verify` can find, each a different story for whoever reads it:
 * a row changed in place; rows re-hashed so the chain holds again (without the key,
 * or contradicting a signed checkpoint); rows gone from the middle or the end; the
 * whole log emptied; a checkpoint file someone edited; or a log with no signed
 * checkpoint to hold it to.
 */
export type ChainFinding = "edited" | "rechained" | "missing_rows" | "truncated" | "reset" | "bad_checkpoint" | "unanchored";

export type ChainCheck =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAtSeq: number; problem: string; finding: ChainFinding };

export interface ChainKeys {
  rowKey: Buffer;
  /** Rows up to this seq use the keyless scheme of before the audit key. */
  keyedFromSeq: number;
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Walks rows in seq order; pure so it is tested without a database. */
export function verifyChain(
  rows: Iterable<AuditRowContent & { prev_hash: string; hash: string }>,
  keys: ChainKeys,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainCheck {
  let expectedPrev = start.hash;
  let expectedSeq = start.seq + 1;
  let count = 0;
  for (const row of rows) {
    count++;
    const seq = Number(row.seq);
    if (seq !== expectedSeq) {
      return { ok: false, rows: count, brokenAtSeq: seq, finding: "missing_rows", problem: `rows ${expectedSeq} to ${seq - 1} are missing` };
    }
    if (row.prev_hash !== expectedPrev) {
      return { ok: false, rows: count, brokenAtSeq: seq, finding: "edited", problem: "its link to the previous row was changed" };
    }
    const content = { ...row, seq };
    if (seq > keys.keyedFromSeq) {
      if (!sameHex(macAuditRow(keys.rowKey, row.prev_hash, content), row.hash)) {
        return hashAuditRow(row.prev_hash, content) === row.hash
          ? { ok: false, rows: count, brokenAtSeq: seq, finding: "rechained", problem: "it was re-hashed without the audit key (plain SHA-256 where a keyed hash belongs)" }
          : { ok: false, rows: count, brokenAtSeq: seq, finding: "edited", problem: "its content does not match its keyed hash" };
      }
    } else if (hashAuditRow(row.prev_hash, content) !== row.hash) {
      return { ok: false, rows: count, brokenAtSeq: seq, finding: "edited", problem: "its content does not match its hash" };
    }
    expectedPrev = row.hash;
    expectedSeq++;
  }
  return { ok: true, rows: count };
}

/**
 * A signed note of where the chain ended at a moment, kept outside the database:
 * rows removed from the end, a re-hashed chain and an emptied log all contradict
 * some checkpoint, and without the key no one can write a new one.
 */
export interface AuditCheckpoint {
  /** anchor: where the keyless chain of before the audit key ended; restore: the end right after `allies restore`. */
  kind: "anchor" | "periodic" | "manual" | "shutdown" | "restore";
  seq: number;
  hash: string;
  at: string;
  /** Where keyed rows begin, so the checkpoint also pins the boundary of the old scheme. */
  keyedFromSeq: number;
  /** For a restore: the backup file's name and when it was made. */
  backup: string | null;
}

function canonicalCheckpoint(c: AuditCheckpoint): string {
  return JSON.stringify(["allies-audit-checkpoint", c.kind, c.seq, c.hash, c.at, c.keyedFromSeq, c.backup]);
}

export function signCheckpoint(checkpointKey: Buffer, checkpoint: AuditCheckpoint): string {
  return createHmac("sha256", checkpointKey).update(canonicalCheckpoint(checkpoint)).digest("hex");
}

export function checkpointSignatureHolds(checkpointKey: Buffer, checkpoint: AuditCheckpoint, mac: string): boolean {
  return sameHex(signCheckpoint(checkpointKey, checkpoint), mac);
}
