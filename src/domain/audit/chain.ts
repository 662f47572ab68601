import { createHash } from "node:crypto";

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

/**
 * Each row's hash covers its own content and the previous row's hash, so editing,
 * removing or reordering any row breaks every hash after it.
 */
export function hashAuditRow(prevHash: string, row: AuditRowContent): string {
  const canonical = JSON.stringify([
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
  return createHash("sha256").update(canonical).digest("hex");
}

export type ChainCheck =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAtSeq: number; problem: string };

/** Walks rows in seq order; pure so it is tested without a database. */
export function verifyChain(
  rows: Iterable<AuditRowContent & { prev_hash: string; hash: string }>,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainCheck {
  let expectedPrev = start.hash;
  let expectedSeq = start.seq + 1;
  let count = 0;
  for (const row of rows) {
    count++;
    if (Number(row.seq) !== expectedSeq) {
      return { ok: false, rows: count, brokenAtSeq: Number(row.seq), problem: `expected row ${expectedSeq}, found ${row.seq}` };
    }
    if (row.prev_hash !== expectedPrev) {
      return { ok: false, rows: count, brokenAtSeq: Number(row.seq), problem: "previous hash does not match" };
    }
    const recomputed = hashAuditRow(row.prev_hash, { ...row, seq: Number(row.seq) });
    if (recomputed !== row.hash) {
      return { ok: false, rows: count, brokenAtSeq: Number(row.seq), problem: "row content does not match its hash" };
    }
    expectedPrev = row.hash;
    expectedSeq++;
  }
  return { ok: true, rows: count };
}
