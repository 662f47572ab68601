import { createHash } from "node:crypto";
import type { Db } from "../../src/db/index.ts";
import { TABLES_IN_DEPENDENCY_ORDER } from "../../src/db/schema.ts";
import { verifyAuditChain } from "../../src/domain/audit/audit.server.ts";
import type { AuditAction } from "../../src/domain/audit/model.ts";
import { cliHas, runCli } from "./harness.ts";

async function auditedIds(db: Db, actions: AuditAction[]): Promise<Map<string, number>> {
  const rows = await db.selectFrom("audit_log").select("entity_id").where("action", "in", actions).where("entity_id", "is not", null).execute();
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.entity_id!, (counts.get(row.entity_id!) ?? 0) + 1);
  return counts;
}

/**
 * Nothing half-written: every change the API makes comes with its audit row (and
 * its history row, its agenda) in one transaction, so after any crash each record
 * has them all or does not exist. Returns one line per kind of breach.
 */
export async function halfWritten(db: Db, createdSince: string): Promise<string[]> {
  const problems: string[] = [];
  const report = (what: string, ids: string[]) => {
    if (ids.length) problems.push(`${ids.length} ${what} (e.g. ${ids[0]})`);
  };

  const supportAudits = await auditedIds(db, ["support_person.create"]);
  const people = await db.selectFrom("support_persons").select("id").execute();
  const snapshots = new Set((await db.selectFrom("support_person_versions").select("support_person_id").where("change", "=", "create").execute()).map((r) => r.support_person_id));
  report("support persons without their audit row", people.filter((p) => !supportAudits.has(p.id)).map((p) => p.id));
  report("support persons without their first history row", people.filter((p) => !snapshots.has(p.id)).map((p) => p.id));

  const createAudits = await auditedIds(db, ["participant.create"]);
  const created = await db.selectFrom("participants").select(["id", "last_name", "created_at"]).where("created_at", ">", createdSince).execute();
  report("participants created without their audit row", created.filter((p) => !createAudits.has(p.id)).map((p) => `${p.id} ${p.last_name} ${p.created_at}`));

  // Each saved version of a participant is one update, archive or restore, each audited.
  const changeAudits = await auditedIds(db, ["participant.update", "participant.archive", "participant.restore"]);
  const versions = await db.selectFrom("participants").select(["id", "version"]).execute();
  report("participants whose version does not match their audited changes", versions.filter((p) => Number(p.version) - 1 !== (changeAudits.get(p.id) ?? 0)).map((p) => `${p.id} v${p.version}`));

  // A renewal is a grant of its own, audited as such.
  const grantAudits = await auditedIds(db, ["consent.grant", "consent.renew"]);
  report("consent grants without their audit row", (await db.selectFrom("consent_grants").select("id").execute()).filter((g) => !grantAudits.has(g.id)).map((g) => g.id));

  const planAudits = await auditedIds(db, ["plan_item.create"]);
  // A support person's claim of a help request makes its plan item, audited with the claim (which names the item).
  for (const row of await db.selectFrom("audit_log").select("details").where("action", "=", "support_page.claim").execute()) {
    const planItemId = (JSON.parse(row.details) as { planItemId?: string }).planItemId;
    if (planItemId) planAudits.set(planItemId, (planAudits.get(planItemId) ?? 0) + 1);
  }
  const planItems = await db.selectFrom("plan_items").select(["id", "version"]).execute();
  report("plan items without their audit row", planItems.filter((p) => !planAudits.has(p.id)).map((p) => p.id));
  const planVersions = new Map<string, number>();
  for (const row of await db.selectFrom("plan_item_versions").select("plan_item_id").execute()) planVersions.set(row.plan_item_id, (planVersions.get(row.plan_item_id) ?? 0) + 1);
  report("plan items whose history does not hold every version", planItems.filter((p) => planVersions.get(p.id) !== Number(p.version)).map((p) => `${p.id} v${p.version}`));

  const meetingAudits = await auditedIds(db, ["meeting.create"]);
  const meetings = await db.selectFrom("meetings").select(["id", "agenda"]).execute();
  report("meetings without their audit row", meetings.filter((m) => !meetingAudits.has(m.id)).map((m) => m.id));
  // The audit row names everyone invited; each of them has their invitation row.
  const invited = new Map<string, number>();
  for (const row of await db.selectFrom("meeting_invitees").select("meeting_id").execute()) invited.set(row.meeting_id, (invited.get(row.meeting_id) ?? 0) + 1);
  const createRows = await db.selectFrom("audit_log").select(["entity_id", "details"]).where("action", "=", "meeting.create").execute();
  report("meetings without everyone their audit row says was invited", createRows.filter((r) => {
    const details = JSON.parse(r.details || "{}") as { invitees?: string[] };
    return (details.invitees?.length ?? 0) !== (invited.get(r.entity_id!) ?? 0);
  }).map((r) => r.entity_id!));
  report("meetings without their agenda", meetings.filter((m) => {
    try {
      // An agenda may be empty by choice; a missing or unreadable one is a half-written meeting.
      return !Array.isArray(JSON.parse(m.agenda));
    } catch {
      return true;
    }
  }).map((m) => m.id));
  return problems;
}

/** `allies audit verify` when the command exists, else the same check in-process. */
export async function auditChainVerifies(db: Db, databaseUrl: string): Promise<{ ok: boolean; detail: string }> {
  if (cliHas("audit")) {
    try {
      const printed = runCli(["audit", "verify"], databaseUrl, { timeoutMs: 120_000 }).trim().split("\n");
      return { ok: true, detail: `allies audit verify: ${printed[printed.length - 1]}` };
    } catch (error) {
      const e = error as { status?: number; stdout?: string; stderr?: string };
      return { ok: false, detail: `allies audit verify exited ${e.status}: ${(e.stdout ?? "").trim().slice(-200)} ${(e.stderr ?? "").trim().slice(-200)}` };
    }
  }
  const check = await verifyAuditChain(db);
  return check.ok
    ? { ok: true, detail: `${check.rows} rows verify (verifyAuditChain; no audit CLI yet)` }
    : { ok: false, detail: `broken at row ${check.brokenAtSeq}: ${check.problem}` };
}

/** Bookkeeping that any request may touch: a session's last sight, a token's last use, sign-in attempts. */
const BOOKKEEPING = new Set<string>(["sessions", "api_tokens", "login_attempts"]);

/**
 * A digest of every stored row outside the bookkeeping tables, per table: equal
 * digests before and after a request mean it created, changed and deleted nothing.
 * A refused request leaves its `access.refused` audit row (and moves the chain's
 * head): those are what a refusal is meant to write, so they are left out.
 */
export async function contentDigest(db: Db): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of TABLES_IN_DEPENDENCY_ORDER) {
    if (BOOKKEEPING.has(table) || table === "audit_head") continue;
    const all = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    const rows = all.filter((row) => table !== "audit_log" || row.action !== "access.refused").map((row) => JSON.stringify(row)).sort();
    const hash = createHash("sha256");
    for (const row of rows) hash.update(row).update("\n");
    digests[table] = `${rows.length}:${hash.digest("hex").slice(0, 16)}`;
  }
  return digests;
}

/** The tables whose digests differ, with their row counts before and after. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string {
  return Object.keys(after).filter((t) => after[t] !== before[t])
    .map((t) => `${t} ${before[t]?.split(":")[0]} -> ${after[t]?.split(":")[0]} rows${before[t]?.split(":")[0] === after[t]?.split(":")[0] ? " (changed)" : ""}`).join(", ");
}
