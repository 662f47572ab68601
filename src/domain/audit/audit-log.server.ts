import type { Db } from "../../db/index.ts";
import type { Actor, RequestMeta } from "../auth/actor.ts";
import { likeTerm, recordAudit, type Trx } from "./audit.server.ts";
import type { AuditFilter } from "./model.ts";
import { mayReadAuditLog } from "./policy.ts";

export const AUDIT_PAGE_SIZE = 50;

async function listAuditLog(db: Db | Trx, filter: AuditFilter) {
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

/**
 * One page of the audit log for an actor the audit policy lets read it; null for
 * anyone else. Looking at the log is itself recorded, with the filter used.
 */
export async function viewAuditLog(db: Db, actor: Actor, filter: AuditFilter, meta: RequestMeta) {
  if (!mayReadAuditLog(actor)) return null;
  return db.transaction().execute(async (trx) => {
    const page = await listAuditLog(trx, filter);
    await recordAudit(trx, {
      actor, action: "audit.list", entityType: "audit_log", reason: "read:audit:any",
      details: { filter, shown: page.rows.length }, meta,
    });
    return page;
  });
}
