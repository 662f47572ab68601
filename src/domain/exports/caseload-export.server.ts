import { sql } from "kysely";
import type { Db } from "../../db/index.ts";
import { likeTerm, readThenRecord, recordAudit } from "../audit/audit.server.ts";
import type { Actor, RequestMeta } from "../auth/actor.ts";
import { caseloadScope } from "../participants/policy.ts";
import { foldForSearch } from "../participants/search-name.ts";
import { getProgramSettings } from "../program/program.server.ts";
import { wallClockAt } from "../program/time-zone.ts";
import type { CaseloadExportQuery, CaseloadExportRow } from "./caseload-export.ts";

export type ExportForm = "page" | "api" | "cli";

/**
 * Every participant of the caseloads the actor may see (their own, their team's,
 * or the program's: the caseload page's rule), matching the search and status,
 * for a spreadsheet. Null for an actor who sees no caseload. An export discloses
 * many records at once, so it is audited as `caseload.export` with the ids of
 * everyone in it: "who took my record out of Allies" has an answer (decision 0045).
 * One query whatever the size: the next meeting and whether someone works today
 * are subqueries answered from an index per person (migration 0032), never one
 * query each. The rows come back from the database already in the export's
 * shape, so the list is held once, not once as read and again as mapped.
 */
export async function exportCaseload(db: Db, actor: Actor, query: CaseloadExportQuery, form: ExportForm, meta: RequestMeta, at = new Date()): Promise<CaseloadExportRow[] | null> {
  const scope = caseloadScope(actor);
  if (scope.kind === "none") return null;
  const { timeZone } = await getProgramSettings(db);
  const now = wallClockAt(timeZone ?? "UTC", at);
  const today = now.slice(0, 10);
  return readThenRecord(db, async (trx) => {
    let base = trx.selectFrom("participants as p").innerJoin("users as s", "s.id", "p.specialist_id").leftJoin("teams as t", "t.id", "s.team_id")
      .where("p.status", "=", query.status);
    if (scope.kind === "own") base = base.where("p.specialist_id", "=", scope.userId);
    if (scope.kind === "team") base = base.where("s.team_id", "=", scope.teamId);
    const term = likeTerm(foldForSearch(query.q));
    if (term) base = base.where("p.search_name", "like", `%${term}%`);
    const rows: CaseloadExportRow[] = await base
      .select((eb) => [
        "p.id", "p.external_id as externalId", "p.last_name as lastName", "p.first_name as firstName", "p.preferred_name as preferredName",
        "s.name as specialistName", "t.name as teamName", "p.status", "p.preferred_language as preferredLanguage",
        eb.selectFrom("meetings as m").select((m) => m.fn.min<string>("m.scheduled_at").as("next_at")).whereRef("m.participant_id", "=", "p.id")
          .where("m.status", "in", ["planned", "in_progress"]).where("m.scheduled_at", ">=", now.slice(0, 16)).as("nextMeeting"),
        eb.exists(eb.selectFrom("jobs as j").select(sql.lit(1).as("one")).whereRef("j.participant_id", "=", "p.id").where("j.started_on", "<=", today)
          .where((w) => w.or([w("j.ended_on", "is", null), w("j.ended_on", ">=", today)]))).$castTo<boolean>().as("working"),
        "p.created_at as addedOn",
      ])
      .orderBy("p.last_name").orderBy("p.first_name").orderBy("p.id")
      .$castTo<CaseloadExportRow>()
      .execute();
    // "Working" comes back as 1/0 from SQLite and true/false from PostgreSQL: made a boolean in place, no second list.
    for (const row of rows) row.working = Boolean(Number(row.working));
    return rows;
  }, async (trx, rows) => {
    await recordAudit(trx, {
      actor, action: "caseload.export", entityType: "participant", reason: `read:participant:${scope.kind}`,
      details: { form, search: query.q ? "yes" : "no", status: query.status, rows: rows.length, exported: rows.map((r) => r.id) }, meta,
    });
    return rows;
  });
}
