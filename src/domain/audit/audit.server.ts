import { randomUUIDv7 } from "node:crypto";
import type { Insertable, Transaction } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/index.ts";
import type { Database } from "../../db/schema.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { auditTrailOf } from "../../db/audit-trail.ts";
import { prepared } from "../../db/prepared.ts";
import { GENESIS_HASH, macAuditRow, verifyChain, type AuditCheckpoint, type ChainCheck } from "./chain.ts";
import { readCheckpoints } from "./checkpoints.server.ts";
import { auditActorColumns, auditEventSchema, type AuditActor, type AuditEventBody } from "./events.ts";

interface AuditEnvelope {
  actor: AuditActor;
  entityType: string;
  entityId?: string | null;
  participantId?: string | null;
  /** Why the action was allowed (or, for a refused attempt, why not): the permission or rule that decided. */
  reason: string;
  meta: RequestMeta;
}

/** One row of the audit log as a command writes it: who, where, why, and one of the typed events. */
export type AuditEvent = AuditEnvelope & AuditEventBody;

export type Trx = Transaction<Database>;

/** The event's details, checked against its action's schema; a mismatch fails the command's transaction. */
function validDetails(event: AuditEvent): AuditEventBody["details"] {
  const parsed = auditEventSchema.safeParse({ action: event.action, details: event.details });
  if (!parsed.success) throw new Error(`Audit event ${event.action} does not fit its schema: ${z.prettifyError(parsed.error)}`);
  return parsed.data.details;
}

/**
 * Appends one row to the audit log inside the caller's transaction, so the row
 * exists exactly when the change it records does.
 */
/**
 * A long read over many records, audited (a report, an export): the reading runs
 * in a read-only transaction with one snapshot, and the audit row is written
 * after it in a short transaction of its own, before the caller answers. On
 * SQLite a transaction that writes holds the one write lock from its start, so
 * a read of a second or more inside it kept every other process's writes
 * waiting, some until they were answered 503 (decision 0040). The row still
 * precedes the disclosure: nothing is sent unless it is written. `record` gets
 * what was read and returns the answer.
 */
export async function readThenRecord<T, R>(db: Db, read: (trx: Trx) => Promise<T>, record: (trx: Trx, found: T) => Promise<R>): Promise<R> {
  const found = await db.transaction().setIsolationLevel("repeatable read").setAccessMode("read only").execute(read);
  return db.transaction().execute((trx) => record(trx, found));
}

export async function recordAudit(trx: Trx, event: AuditEvent): Promise<void> {
  await recordAuditRows(trx, [event]);
}

// 15 columns: 1,000 rows stay under SQLite's 32,766 bound values per statement.
const AUDIT_INSERT_CHUNK = 1000;

// Every page read runs these (decision 0041): built and compiled once, not per request.
const moveHead = prepared((db, v: { count: number }) => db.updateTable("audit_head")
  .set((eb) => ({ seq: eb("seq", "+", v.count) })).where("id", "=", 1).returning(["seq", "hash"]));
const setHeadHash = prepared((db, v: { hash: string }) => db.updateTable("audit_head").set({ hash: v.hash }).where("id", "=", 1));
type AuditRow = Insertable<Database["audit_log"]>;
const AUDIT_COLUMNS: readonly (keyof AuditRow)[] = [
  "seq", "id", "occurred_at", "actor_id", "actor_label", "action", "entity_type", "entity_id",
  "participant_id", "ip", "request_id", "reason", "details", "prev_hash", "hash",
];
const insertOneRow = prepared((db, row: Required<AuditRow>) => db.insertInto("audit_log").values(Object.fromEntries(
  AUDIT_COLUMNS.map((column) => [column, row[column]]),
) as AuditRow));

/**
 * Appends rows in order, inside the caller's transaction: the same chain as one
 * `recordAudit` per event, in three statements plus one insert per thousand rows
 * instead of three per row (the scale seed writes a million). The head row is
 * updated first: that takes PostgreSQL's row lock (SQLite has one writer anyway),
 * so concurrent writers extend the chain one at a time.
 */
export async function recordAuditRows(trx: Trx, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { rowKey } = auditTrailOf(trx);
  const head = await moveHead.first(trx, { count: events.length });
  if (!head) throw new Error("the audit log has no head row");
  let seq = Number(head.seq) - events.length;
  let prevHash = head.hash;
  const rows = events.map((event) => {
    const content = {
      seq: ++seq,
      id: randomUUIDv7(),
      occurred_at: new Date().toISOString(),
      ...auditActorColumns(event.actor),
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId ?? null,
      participant_id: event.participantId ?? null,
      ip: event.meta.ip,
      request_id: event.meta.requestId,
      reason: event.reason,
      details: JSON.stringify(validDetails(event) ?? {}),
    };
    const hash = macAuditRow(rowKey, prevHash, content);
    const row = { ...content, prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  // One row (a page read, most commands) by the statement compiled once; many in chunks.
  if (rows.length === 1) await insertOneRow.all(trx, rows[0]!);
  else for (let i = 0; i < rows.length; i += AUDIT_INSERT_CHUNK) await trx.insertInto("audit_log").values(rows.slice(i, i + AUDIT_INSERT_CHUNK)).execute();
  await setHeadHash.all(trx, { hash: prevHash });
}

export interface CheckpointSummary {
  file: string | null;
  /** Checkpoints the rows were held to (those since the latest restore, if any). */
  checked: number;
  latest: AuditCheckpoint | null;
  /** The latest restore, whose checkpoint names the backup. */
  restore: AuditCheckpoint | null;
  /** Checkpoints of the log a restore replaced; they describe rows that are rightly gone. */
  beforeRestore: number;
}

export type AuditVerification = ChainCheck & { checkpoints: CheckpointSummary | null };

const at = (c: AuditCheckpoint) => `the ${c.kind} checkpoint of ${c.at}`;

/**
 * Checks every row against the audit key (rows before the key against the old
 * scheme, up to the signed anchor only) and the table against every checkpoint
 * since the latest restore, streaming rows in pages so memory stays flat.
 * `checkpoints: false` checks the rows alone: a restore uses it on the backup's
 * rows, which the target's earlier checkpoints do not describe.
 */
export async function verifyAuditChain(db: Db | Trx, options: { checkpoints?: boolean } = {}): Promise<AuditVerification> {
  const trail = auditTrailOf(db);
  const head = await db.selectFrom("audit_head").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
  const headSeq = Number(head.seq);
  let keyedFromSeq = Number(head.keyed_from_seq);
  let summary: CheckpointSummary | null = null;
  let held: AuditCheckpoint[] = [];
  const broken = (rows: number, brokenAtSeq: number, finding: Extract<ChainCheck, { ok: false }>["finding"], problem: string): AuditVerification =>
    ({ ok: false, rows, brokenAtSeq, finding, problem, checkpoints: summary });

  if (options.checkpoints !== false) {
    const file = readCheckpoints(trail);
    const restoreAt = file.checkpoints.findLastIndex((c) => c.kind === "restore");
    held = restoreAt >= 0 ? file.checkpoints.slice(restoreAt) : file.checkpoints;
    summary = {
      file: file.file, checked: held.length, latest: held.at(-1) ?? null,
      restore: restoreAt >= 0 ? file.checkpoints[restoreAt]! : null, beforeRestore: Math.max(restoreAt, 0),
    };
    const bad = file.bad[0];
    if (bad) return broken(0, 0, "bad_checkpoint", `line ${bad.line} of ${file.file}: ${bad.reason}`);
    const anchor = held.findLast((c) => c.kind === "anchor" || c.kind === "restore");
    if (!anchor && trail.checkpointsFile && headSeq > 0) {
      return broken(0, 0, "unanchored", `no signed checkpoint in ${trail.checkpointsFile} vouches for this log, so rows removed from its end or a re-hashed chain could not be seen`);
    }
    if (anchor && anchor.keyedFromSeq !== keyedFromSeq) {
      return broken(0, keyedFromSeq, "rechained", `the database says keyed rows begin after row ${keyedFromSeq}, ${at(anchor)} says after row ${anchor.keyedFromSeq}`);
    }
    if (anchor) keyedFromSeq = anchor.keyedFromSeq;
  }

  const expectedAt = new Map<number, AuditCheckpoint>();
  for (const c of held) if (c.seq > 0 && !expectedAt.has(c.seq)) expectedAt.set(c.seq, c);
  const pageSize = 5000;
  let last = { seq: 0, hash: GENESIS_HASH };
  let total = 0;
  for (;;) {
    const rows = await db.selectFrom("audit_log").selectAll().where("seq", ">", last.seq).orderBy("seq").limit(pageSize).execute();
    if (rows.length === 0) break;
    const check = verifyChain(rows, { rowKey: trail.rowKey, keyedFromSeq }, last);
    // A checkpoint contradicted before the first broken row is the earlier evidence.
    const contradicted = rows.findIndex((row) => {
      const checkpoint = expectedAt.get(Number(row.seq));
      return checkpoint !== undefined && checkpoint.hash !== row.hash && (check.ok || Number(row.seq) < check.brokenAtSeq);
    });
    if (contradicted >= 0) {
      const row = rows[contradicted]!;
      return broken(total + contradicted + 1, Number(row.seq), "rechained", `row ${row.seq} no longer has the hash ${at(expectedAt.get(Number(row.seq))!)} recorded: the chain up to it was re-hashed`);
    }
    if (!check.ok) return { ...check, rows: total + check.rows, checkpoints: summary };
    total += rows.length;
    const tail = rows[rows.length - 1]!;
    last = { seq: Number(tail.seq), hash: tail.hash };
  }

  const furthest = held.reduce<AuditCheckpoint | null>((max, c) => (max && max.seq >= c.seq ? max : c), null);
  if (total === 0 && ((furthest && furthest.seq > 0) || headSeq > 0)) {
    const recorded = furthest && furthest.seq > 0 ? `${at(furthest)} recorded ${furthest.seq} rows` : `its head records ${headSeq} rows`;
    return broken(0, 1, "reset", `the log is empty, but ${recorded}`);
  }
  if (furthest && furthest.seq > last.seq) {
    return broken(total, last.seq + 1, "truncated", `the log ends at row ${last.seq}, but ${at(furthest)} recorded row ${furthest.seq}: rows ${last.seq + 1} to ${furthest.seq} are gone`);
  }
  if (headSeq > last.seq) {
    return broken(total, last.seq + 1, "truncated", `the log ends at row ${last.seq}, but its head records row ${headSeq}`);
  }
  if (headSeq !== last.seq || head.hash !== last.hash) {
    return broken(total, last.seq, "edited", "the last row does not match the recorded head of the chain");
  }
  return { ok: true, rows: total, checkpoints: summary };
}

/** LIKE wildcards typed by a person are dropped, the same way on both databases. */
export function likeTerm(term: string): string {
  return term.replace(/[\\%_]/g, "");
}
