import type { Db } from "../../db/index.ts";
import { likeTerm, recordAudit } from "../audit/audit.server.ts";
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
 * Three set-based queries whatever the size: the people, their next meeting and
 * whether they work today come from grouped subqueries, never one query each.
 */
export async function exportCaseload(db: Db, actor: Actor, query: CaseloadExportQuery, form: ExportForm, meta: RequestMeta, at = new Date()): Promise<CaseloadExportRow[] | null> {
  const scope = caseloadScope(actor);
  if (scope.kind === "none") return null;
  const { timeZone } = await getProgramSettings(db);
  const now = wallClockAt(timeZone ?? "UTC", at);
  const today = now.slice(0, 10);
  return db.transaction().execute(async (trx) => {
    let base = trx.selectFrom("participants as p").innerJoin("users as s", "s.id", "p.specialist_id").leftJoin("teams as t", "t.id", "s.team_id")
      .where("p.status", "=", query.status);
    if (scope.kind === "own") base = base.where("p.specialist_id", "=", scope.userId);
    if (scope.kind === "team") base = base.where("s.team_id", "=", scope.teamId);
    const term = likeTerm(foldForSearch(query.q));
    if (term) base = base.where("p.search_name", "like", `%${term}%`);
    const rows = await base
      .leftJoin(
        (eb) => eb.selectFrom("meetings").select((m) => ["participant_id", m.fn.min("scheduled_at").as("next_at")])
          .where("status", "in", ["planned", "in_progress"]).where("scheduled_at", ">=", now.slice(0, 16)).groupBy("participant_id").as("nm"),
        (join) => join.onRef("nm.participant_id", "=", "p.id"),
      )
      .select((eb) => [
        "p.id", "p.external_id", "p.first_name", "p.last_name", "p.preferred_name", "p.status", "p.preferred_language", "p.created_at",
        "s.name as specialist_name", "t.name as team_name", "nm.next_at",
        eb.exists(eb.selectFrom("jobs as j").select("j.id").whereRef("j.participant_id", "=", "p.id").where("j.started_on", "<=", today)
          .where((w) => w.or([w("j.ended_on", "is", null), w("j.ended_on", ">=", today)]))).as("working"),
      ])
      .orderBy("p.last_name").orderBy("p.first_name").orderBy("p.id")
      .execute();
    await recordAudit(trx, {
      actor, action: "caseload.export", entityType: "participant", reason: `read:participant:${scope.kind}`,
      details: { form, search: query.q ? "yes" : "no", status: query.status, rows: rows.length, exported: rows.map((r) => r.id) }, meta,
    });
    return rows.map((r) => ({
      id: r.id, externalId: r.external_id, lastName: r.last_name, firstName: r.first_name, preferredName: r.preferred_name,
      specialistName: r.specialist_name, teamName: r.team_name ?? null, status: r.status === "archived" ? "archived" : "active",
      preferredLanguage: r.preferred_language, nextMeeting: (r.next_at as string | null) ?? null, working: Boolean(Number(r.working)), addedOn: r.created_at,
    }));
  });
}
