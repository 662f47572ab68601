import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkpointSignatureHolds, GENESIS_HASH, hashAuditRow, macAuditRow, signCheckpoint, verifyChain, type AuditCheckpoint, type AuditRowContent,
} from "./chain.ts";

type ChainRow = AuditRowContent & { prev_hash: string; hash: string };

function content(seq: number, overrides: Partial<AuditRowContent> = {}): AuditRowContent {
  return {
    seq,
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    occurred_at: new Date(Date.UTC(2026, 0, 1, 9, seq)).toISOString(),
    actor_id: seq % 3 === 0 ? null : `user-${seq % 2}`,
    actor_label: seq % 3 === 0 ? "system" : `user${seq % 2}@example.org`,
    action: seq % 2 ? "participant.read" : "participant.update",
    entity_type: "participant",
    entity_id: `participant-${seq % 4}`,
    participant_id: `participant-${seq % 4}`,
    ip: "127.0.0.1",
    request_id: null,
    reason: "read:participant:own",
    details: JSON.stringify({ n: seq }),
    ...overrides,
  };
}

const ROW_KEY = randomBytes(32);
/** Every row keyed, as a database made since the audit key holds them. */
const KEYED = { rowKey: ROW_KEY, keyedFromSeq: 0 };

/**
 * A correctly linked chain of `length` rows, as recordAudit would write it: rows up
 * to `keyedFromSeq` in the keyless scheme of before the audit key, the rest keyed.
 */
function buildChain(length: number, start = { seq: 0, hash: GENESIS_HASH }, keyedFromSeq = 0): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = start.hash;
  for (let seq = start.seq + 1; seq <= start.seq + length; seq++) {
    const row = content(seq);
    const hash = seq > keyedFromSeq ? macAuditRow(ROW_KEY, prev, row) : hashAuditRow(prev, row);
    rows.push({ ...row, prev_hash: prev, hash });
    prev = hash;
  }
  return rows;
}

/** What someone holding the key could do to hide an edit: recompute that row's own hash. */
function rehash(row: ChainRow): ChainRow {
  return { ...row, hash: macAuditRow(ROW_KEY, row.prev_hash, row) };
}

/** What anyone with write access to the table can do without the key: re-hash from a row on with plain SHA-256. */
function rechainWithoutKey(rows: ChainRow[], from: number): ChainRow[] {
  const out = rows.slice(0, from);
  let prev = from === 0 ? GENESIS_HASH : rows[from - 1]!.hash;
  for (const row of rows.slice(from)) {
    const hash = hashAuditRow(prev, row);
    out.push({ ...row, prev_hash: prev, hash });
    prev = hash;
  }
  return out;
}

const HASHED_FIELDS = ["id", "occurred_at", "actor_id", "actor_label", "action", "entity_type", "entity_id", "participant_id", "ip", "request_id", "reason", "details"] as const;

describe("hashAuditRow", () => {
  it("is a stable SHA-256 of the content and the previous hash", () => {
    const row = content(1);
    expect(hashAuditRow(GENESIS_HASH, row)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditRow(GENESIS_HASH, row)).toBe(hashAuditRow(GENESIS_HASH, { ...row }));
    expect(hashAuditRow("1".repeat(64), row)).not.toBe(hashAuditRow(GENESIS_HASH, row));
  });

  it("changes when any hashed field changes, including null against empty text", () => {
    const row = content(2);
    const original = hashAuditRow(GENESIS_HASH, row);
    expect(hashAuditRow(GENESIS_HASH, { ...row, seq: 3 })).not.toBe(original);
    for (const field of HASHED_FIELDS) {
      const changed = row[field] === null ? "" : `${row[field]}x`;
      expect(hashAuditRow(GENESIS_HASH, { ...row, [field]: changed }), field).not.toBe(original);
    }
    expect(hashAuditRow(GENESIS_HASH, { ...row, request_id: "" })).not.toBe(hashAuditRow(GENESIS_HASH, { ...row, request_id: null }));
  });

  it("keyed, differs from the plain hash and from the same row under another key", () => {
    const row = content(1);
    expect(macAuditRow(ROW_KEY, GENESIS_HASH, row)).toMatch(/^[0-9a-f]{64}$/);
    expect(macAuditRow(ROW_KEY, GENESIS_HASH, row)).not.toBe(hashAuditRow(GENESIS_HASH, row));
    expect(macAuditRow(randomBytes(32), GENESIS_HASH, row)).not.toBe(macAuditRow(ROW_KEY, GENESIS_HASH, row));
  });

  it("cannot be fooled by moving text between neighbouring fields", () => {
    const row = content(1, { entity_type: "participant", entity_id: "abc" });
    expect(hashAuditRow(GENESIS_HASH, { ...row, entity_type: "participantabc", entity_id: "" }))
      .not.toBe(hashAuditRow(GENESIS_HASH, row));
  });
});

describe("verifyChain", () => {
  it("accepts an intact chain, and an empty one", () => {
    expect(verifyChain(buildChain(20), KEYED)).toEqual({ ok: true, rows: 20 });
    expect(verifyChain([], KEYED)).toEqual({ ok: true, rows: 0 });
  });

  it("checks rows written before the key with the old scheme, and only up to where the keyed rows begin", () => {
    const mixed = buildChain(10, undefined, 4);
    expect(verifyChain(mixed, { rowKey: ROW_KEY, keyedFromSeq: 4 })).toEqual({ ok: true, rows: 10 });
    // Where the keyed rows begin is part of what is checked: a plain hash past it reads as re-chaining.
    expect(verifyChain(mixed, { rowKey: ROW_KEY, keyedFromSeq: 0 })).toMatchObject({ ok: false, brokenAtSeq: 1, finding: "rechained" });
    expect(verifyChain(mixed, { rowKey: randomBytes(32), keyedFromSeq: 4 })).toMatchObject({ ok: false, brokenAtSeq: 5, finding: "edited" });
  });

  it("names an edited row re-hashed with plain SHA-256 from it on as re-chaining", () => {
    const chain = buildChain(10);
    chain[4] = { ...chain[4]!, actor_label: "someone-else@example.org" };
    expect(verifyChain(rechainWithoutKey(chain, 4), KEYED)).toEqual({
      ok: false, rows: 5, brokenAtSeq: 5, finding: "rechained",
      problem: "it was re-hashed without the audit key (plain SHA-256 where a keyed hash belongs)",
    });
  });

  it("continues from a known point, as the paged check in verifyAuditChain does", () => {
    const chain = buildChain(10);
    const tail = chain[4]!;
    expect(verifyChain(chain.slice(5), KEYED, { seq: tail.seq, hash: tail.hash })).toEqual({ ok: true, rows: 5 });
    expect(verifyChain(chain.slice(5), KEYED, { seq: tail.seq, hash: chain[3]!.hash })).toMatchObject({ ok: false, brokenAtSeq: 6 });
  });

  it("detects an edited row at that row", () => {
    const chain = buildChain(10);
    chain[4] = { ...chain[4]!, actor_label: "someone-else@example.org" };
    expect(verifyChain(chain, KEYED)).toEqual({ ok: false, rows: 5, brokenAtSeq: 5, finding: "edited", problem: "its content does not match its keyed hash" });
  });

  it("detects an edited row whose own hash was recomputed, at the row after it", () => {
    const chain = buildChain(10);
    chain[4] = rehash({ ...chain[4]!, details: JSON.stringify({ n: 999 }) });
    expect(verifyChain(chain, KEYED)).toEqual({ ok: false, rows: 6, brokenAtSeq: 6, finding: "edited", problem: "its link to the previous row was changed" });
  });

  it("detects a removed row, even when the rows after it are renumbered and rehashed from it on", () => {
    const chain = buildChain(10);
    const removed = [...chain.slice(0, 3), ...chain.slice(4)];
    expect(verifyChain(removed, KEYED)).toMatchObject({ ok: false, brokenAtSeq: 5, finding: "missing_rows", problem: "rows 4 to 4 are missing" });

    // Renumbering the next row hides the gap but not the link to the removed row's hash.
    const renumbered = [...chain.slice(0, 3), rehash({ ...chain[4]!, seq: 4 }), ...chain.slice(5)];
    expect(verifyChain(renumbered, KEYED)).toMatchObject({ ok: false, brokenAtSeq: 4, problem: "its link to the previous row was changed" });
  });

  it("detects reordered rows, with or without their numbers swapped", () => {
    const chain = buildChain(10);
    const swapped = [...chain];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(verifyChain(swapped, KEYED)).toMatchObject({ ok: false, brokenAtSeq: 5, finding: "missing_rows" });

    const renumbered = [...chain];
    renumbered[3] = { ...chain[4]!, seq: 4 };
    renumbered[4] = { ...chain[3]!, seq: 5 };
    expect(verifyChain(renumbered, KEYED)).toMatchObject({ ok: false, brokenAtSeq: 4 });
  });

  it("detects a row inserted in the middle", () => {
    const chain = buildChain(6);
    const forged = rehash({ ...content(4, { action: "user.deactivate" }), prev_hash: chain[2]!.hash, hash: "" });
    const inserted = [...chain.slice(0, 3), forged, ...chain.slice(3).map((row) => ({ ...row, seq: row.seq + 1 }))];
    expect(verifyChain(inserted, KEYED)).toMatchObject({ ok: false, brokenAtSeq: 5 });
  });

  it("does not see a removed last row by itself: that is what the signed checkpoints are for", () => {
    // verifyAuditChain compares the last row with the checkpoints; the rows alone cannot tell.
    expect(verifyChain(buildChain(10).slice(0, 9), KEYED)).toEqual({ ok: true, rows: 9 });
  });

  it("fails at the first edited row, whichever row and field it is", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(), fc.constantFrom(...HASHED_FIELDS), fc.string({ minLength: 1, maxLength: 8 }), (length, pick, field, suffix) => {
        const chain = buildChain(length);
        const index = pick % length;
        const row = chain[index]!;
        chain[index] = { ...row, [field]: `${row[field] ?? ""}${suffix}` };
        const check = verifyChain(chain, KEYED);
        return !check.ok && check.brokenAtSeq === row.seq;
      }),
    );
  });
});

describe("checkpoint signatures", () => {
  const checkpoint: AuditCheckpoint = { kind: "periodic", seq: 12, hash: "a".repeat(64), at: "2026-12-01T10:00:00.000Z", keyedFromSeq: 3, backup: null };
  const key = randomBytes(32);

  it("hold for the checkpoint as signed, and for no change of any field or another key", () => {
    const mac = signCheckpoint(key, checkpoint);
    expect(checkpointSignatureHolds(key, checkpoint, mac)).toBe(true);
    expect(checkpointSignatureHolds(randomBytes(32), checkpoint, mac)).toBe(false);
    const changes: Partial<AuditCheckpoint>[] = [{ seq: 11 }, { hash: "b".repeat(64) }, { at: "2026-12-01T10:00:01.000Z" }, { keyedFromSeq: 12 }, { kind: "restore" }, { backup: "x" }];
    for (const change of changes) expect(checkpointSignatureHolds(key, { ...checkpoint, ...change }, mac), JSON.stringify(change)).toBe(false);
    expect(checkpointSignatureHolds(key, checkpoint, "0".repeat(64))).toBe(false);
    expect(checkpointSignatureHolds(key, checkpoint, "short")).toBe(false);
  });
});
