import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditRow, verifyChain, type AuditRowContent } from "./chain.ts";

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

/** A correctly linked chain of `length` rows, as recordAudit would write it. */
function buildChain(length: number, start = { seq: 0, hash: GENESIS_HASH }): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = start.hash;
  for (let seq = start.seq + 1; seq <= start.seq + length; seq++) {
    const row = content(seq);
    const hash = hashAuditRow(prev, row);
    rows.push({ ...row, prev_hash: prev, hash });
    prev = hash;
  }
  return rows;
}

/** What someone with write access to the table would do to hide an edit: recompute that row's own hash. */
function rehash(row: ChainRow): ChainRow {
  return { ...row, hash: hashAuditRow(row.prev_hash, row) };
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

  it("cannot be fooled by moving text between neighbouring fields", () => {
    const row = content(1, { entity_type: "participant", entity_id: "abc" });
    expect(hashAuditRow(GENESIS_HASH, { ...row, entity_type: "participantabc", entity_id: "" }))
      .not.toBe(hashAuditRow(GENESIS_HASH, row));
  });
});

describe("verifyChain", () => {
  it("accepts an intact chain, and an empty one", () => {
    expect(verifyChain(buildChain(20))).toEqual({ ok: true, rows: 20 });
    expect(verifyChain([])).toEqual({ ok: true, rows: 0 });
  });

  it("continues from a known point, as the paged check in verifyAuditChain does", () => {
    const chain = buildChain(10);
    const tail = chain[4]!;
    expect(verifyChain(chain.slice(5), { seq: tail.seq, hash: tail.hash })).toEqual({ ok: true, rows: 5 });
    expect(verifyChain(chain.slice(5), { seq: tail.seq, hash: chain[3]!.hash })).toMatchObject({ ok: false, brokenAtSeq: 6 });
  });

  it("detects an edited row at that row", () => {
    const chain = buildChain(10);
    chain[4] = { ...chain[4]!, actor_label: "someone-else@example.org" };
    expect(verifyChain(chain)).toEqual({ ok: false, rows: 5, brokenAtSeq: 5, problem: "row content does not match its hash" });
  });

  it("detects an edited row whose own hash was recomputed, at the row after it", () => {
    const chain = buildChain(10);
    chain[4] = rehash({ ...chain[4]!, details: JSON.stringify({ n: 999 }) });
    expect(verifyChain(chain)).toEqual({ ok: false, rows: 6, brokenAtSeq: 6, problem: "previous hash does not match" });
  });

  it("detects a removed row, even when the rows after it are renumbered and rehashed from it on", () => {
    const chain = buildChain(10);
    const removed = [...chain.slice(0, 3), ...chain.slice(4)];
    expect(verifyChain(removed)).toMatchObject({ ok: false, brokenAtSeq: 5, problem: "expected row 4, found 5" });

    // Renumbering the next row hides the gap but not the link to the removed row's hash.
    const renumbered = [...chain.slice(0, 3), rehash({ ...chain[4]!, seq: 4 }), ...chain.slice(5)];
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, brokenAtSeq: 4, problem: "previous hash does not match" });
  });

  it("detects reordered rows, with or without their numbers swapped", () => {
    const chain = buildChain(10);
    const swapped = [...chain];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, brokenAtSeq: 5, problem: "expected row 4, found 5" });

    const renumbered = [...chain];
    renumbered[3] = { ...chain[4]!, seq: 4 };
    renumbered[4] = { ...chain[3]!, seq: 5 };
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, brokenAtSeq: 4 });
  });

  it("detects a row inserted in the middle", () => {
    const chain = buildChain(6);
    const forged = rehash({ ...content(4, { action: "user.deactivate" }), prev_hash: chain[2]!.hash, hash: "" });
    const inserted = [...chain.slice(0, 3), forged, ...chain.slice(3).map((row) => ({ ...row, seq: row.seq + 1 }))];
    expect(verifyChain(inserted)).toMatchObject({ ok: false, brokenAtSeq: 5 });
  });

  it("does not see a removed last row by itself: that is what the head row is for", () => {
    // verifyAuditChain compares the last row with audit_head; the rows alone cannot tell.
    expect(verifyChain(buildChain(10).slice(0, 9))).toEqual({ ok: true, rows: 9 });
  });

  it("fails at the first edited row, whichever row and field it is", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(), fc.constantFrom(...HASHED_FIELDS), fc.string({ minLength: 1, maxLength: 8 }), (length, pick, field, suffix) => {
        const chain = buildChain(length);
        const index = pick % length;
        const row = chain[index]!;
        chain[index] = { ...row, [field]: `${row[field] ?? ""}${suffix}` };
        const check = verifyChain(chain);
        return !check.ok && check.brokenAtSeq === row.seq;
      }),
    );
  });
});
