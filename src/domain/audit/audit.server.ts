import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Db } from "../../db/index.ts";
import type { Database } from "../../db/schema.ts";
import type { Actor, RequestMeta } from "../auth/actor.ts";
import { hashAuditRow, verifyChain, type ChainCheck } from "./chain.ts";
import type { AuditAction, AuditFilter } from "./model.ts";

export interface AuditEvent {
  actor: Actor | { userId: null; label: string };
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  participantId?: string | null;
  /** Why the action was allowed: the permission or rule that let it through. */
  reason: string;
  details?: Record<string, unknown>;
  meta: RequestMeta;
}

export type Trx = Transaction<Database>;

/**
 * Who the row is about: staff by user id and email; a support person or the
 * participant acting for themselves have no user row, so their label names them
 * by kind and record id.
 */
function auditActorColumns(actor: AuditEvent["actor"]): { actor_id: string | null; actor_label: string } {
  if ("label" in actor) return { actor_id: null, actor_label: actor.label };
  if (actor.kind === "staff") return { actor_id: actor.userId, actor_label: actor.email };
  if (actor.kind === "support_person") return { actor_id: null, actor_label: `support_person:${actor.supportPersonId}` };
  return { actor_id: null, actor_label: `participant:${actor.participantId}` };
}

/**
 * Appends one row to the audit log inside the caller's transaction, so the row
 * exists exactly when the change it records does.
 */
export async function recordAudit(trx: Trx, event: AuditEvent): Promise<void> {
  await recordAuditRows(trx, [event]);
}

// 15 columns: 1,000 rows stay under SQLite's 32,766 bound values per statement.
const AUDIT_INSERT_CHUNK = 1000;

/**
 * Appends rows in order, inside the caller's transaction: the same chain as one
 * `recordAudit` per event, in three statements plus one insert per thousand rows
 * instead of three per row (the scale seed writes a million). The head row is
 * updated first: that takes PostgreSQL's row lock (SQLite has one writer anyway),
 * so concurrent writers extend the chain one at a time.
 */
export async function recordAuditRows(trx: Trx, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const head = await trx
    .updateTable("audit_head")
    .set((eb) => ({ seq: eb("seq", "+", events.length) }))
    .where("id", "=", 1)
    .returning(["seq", "hash"])
    .executeTakeFirstOrThrow();
  let seq = Number(head.seq) - events.length;
  let prevHash = head.hash;
  const rows = events.map((event) => {
    const content = {
      seq: ++seq,
      id: randomUUID(),
      occurred_at: new Date().toISOString(),
      ...auditActorColumns(event.actor),
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId ?? null,
      participant_id: event.participantId ?? null,
      ip: event.meta.ip,
      request_id: event.meta.requestId,
      reason: event.reason,
      details: JSON.stringify(event.details ?? {}),
    };
    const hash = hashAuditRow(prevHash, content);
    const row = { ...content, prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += AUDIT_INSERT_CHUNK) {
    await trx.insertInto("audit_log").values(rows.slice(i, i + AUDIT_INSERT_CHUNK)).execute();
  }
  await trx.updateTable("audit_head").set({ hash: prevHash }).where("id", "=", 1).execute();
}

/** Checks the whole chain, streaming rows in pages so memory stays flat. */
export async function verifyAuditChain(db: Db): Promise<ChainCheck> {
  const pageSize = 5000;
  let last = { seq: 0, hash: "0".repeat(64) };
  let total = 0;
  for (;;) {
    const rows = await db.selectFrom("audit_log").selectAll().where("seq", ">", last.seq).orderBy("seq").limit(pageSize).execute();
    if (rows.length === 0) break;
    const check = verifyChain(rows, last);
    if (!check.ok) return { ...check, rows: total + check.rows };
    total += rows.length;
    const tail = rows[rows.length - 1]!;
    last = { seq: Number(tail.seq), hash: tail.hash };
  }
  const head = await db.selectFrom("audit_head").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
  if (Number(head.seq) !== last.seq || head.hash !== last.hash) {
    return { ok: false, rows: total, brokenAtSeq: last.seq, problem: "the last row does not match the recorded head of the chain" };
  }
  return { ok: true, rows: total };
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditLog(db: Db, filter: AuditFilter) {
  let query = db.selectFrom("audit_log");
  if (filter.actor) query = query.where("actor_label", "like", `%${likeTerm(filter.actor.toLowerCase())}%`);
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.participant) query = query.where("participant_id", "=", filter.participant);
  if (filter.from) query = query.where("occurred_at", ">=", `${filter.from}T00:00:00.000Z`);
  if (filter.to) query = query.where("occurred_at", "<=", `${filter.to}T23:59:59.999Z`);
  const rows = await query
    .selectAll()
    .orderBy("seq", "desc")
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** LIKE wildcards typed by a person are dropped, the same way on both databases. */
export function likeTerm(term: string): string {
  return term.replace(/[\\%_]/g, "");
}
