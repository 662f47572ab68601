import { sql } from "kysely";
import type { Db } from "../../db/index.ts";
import { readThenRecord, recordAudit, type Trx } from "../audit/audit.server.ts";
import type { Actor, RequestMeta } from "../auth/actor.ts";
import { recordRefusal, type RefusedAttempt } from "../access/access.server.ts";
import { addDays } from "../day/model.ts";
import { getProgramSettings } from "../program/program.server.ts";
import { wallClockAt } from "../program/time-zone.ts";
import { participantsInvolvedBetween } from "./involvement.ts";
import { emptyFigures, HOME_PERIODS, INDICATORS, lastDays, totalsOf, UNINVOLVED_DAYS, type Indicator, type Report, type ReportQuery, type SpecialistFigures } from "./model.ts";
import { reportScope, teamFor } from "./policy.ts";

type Form = "page" | "csv" | "home" | "api";

/** Which caseloads a report counts: the specialists of one team, one specialist, or everyone. */
interface Reach { teamId: string | null; specialistId: string | null }

/** The specialists a report lists: active staff of the reach who hold a caseload or are specialists. */
async function specialistsOf(db: Db | Trx, reach: Reach) {
  let query = db.selectFrom("users as u").leftJoin("teams as t", "t.id", "u.team_id")
    .select(["u.id", "u.name", "u.team_id", "t.name as team_name"])
    .where((eb) => eb.or([
      eb.and([eb("u.role", "=", "specialist"), eb("u.active", "=", 1)]),
      eb.exists(eb.selectFrom("participants as q").select("q.id").whereRef("q.specialist_id", "=", "u.id").where("q.status", "=", "active")),
    ]));
  if (reach.teamId !== null) query = query.where("u.team_id", "=", reach.teamId);
  if (reach.specialistId !== null) query = query.where("u.id", "=", reach.specialistId);
  return query.orderBy("u.name").orderBy("u.id").execute();
}

/**
 * The active participants a report counts, as the base every figure joins from:
 * those of one specialist, of a team's staff, or of everyone. Every active
 * participant's specialist is among `specialistsOf` for the same reach (a staff
 * member with an active caseload always is), so the reach is a condition on the
 * participants, never a list of ids sent back to the database.
 */
function participantsOf(db: Db | Trx, reach: Reach) {
  let base = db.selectFrom("participants as p").where("p.status", "=", "active");
  if (reach.specialistId !== null) base = base.where("p.specialist_id", "=", reach.specialistId);
  else if (reach.teamId !== null) base = base.where("p.specialist_id", "in", db.selectFrom("users").select("id").where("team_id", "=", reach.teamId));
  return base;
}

/**
 * Every figure of a period, each one grouped query over the whole reach (set-based:
 * the cost grows with the rows, never with a query per participant or specialist).
 * Each count goes from the participants to their own rows through an index that
 * answers it alone (migration 0032), so a program's year reads no table rows.
 */
async function figuresOf(db: Db | Trx, reach: Reach, from: string, to: string): Promise<SpecialistFigures[]> {
  const end = addDays(to, 1);
  const people = await specialistsOf(db, reach);
  if (people.length === 0) return [];
  const base = () => participantsOf(db, reach);

  const [participants, involved, consents, meetings, commitments, planDone, jobStarts, working] = await Promise.all([
    base().select((eb) => ["p.specialist_id", eb.fn.countAll().as("n")]).groupBy("p.specialist_id").execute(),
    base().where("p.id", "in", participantsInvolvedBetween(db, from, to))
      .select((eb) => ["p.specialist_id", eb.fn.countAll().as("n")]).groupBy("p.specialist_id").execute(),
    // Consents in force on the period's last day: started, not expired, not ended by their event, not withdrawn as a whole.
    base().innerJoin("consent_grants as g", "g.participant_id", "p.id")
      .where("g.starts_on", "<=", to)
      .where((eb) => eb.or([eb("g.expires_on", "is", null), eb("g.expires_on", ">=", to)]))
      .where((eb) => eb.or([eb("g.ended_at", "is", null), eb("g.ended_at", ">=", end)]))
      .where((eb) => eb.or([eb("g.event_occurred_on", "is", null), eb("g.event_occurred_on", ">", to)]))
      // Whole withdrawals are few: read once as a list rather than looked for under every grant.
      .where("g.id", "not in", (eb) => eb.selectFrom("consent_revocations as r").select("r.grant_id").where("r.category", "is", null).where("r.revoked_at", "<", end))
      .select((eb) => ["p.specialist_id", eb.fn.countAll().as("n")]).groupBy("p.specialist_id").execute(),
    base().innerJoin("meetings as m", "m.participant_id", "p.id").where("m.status", "=", "held").where("m.held_at", ">=", from).where("m.held_at", "<", end)
      .select((eb) => ["p.specialist_id", eb.fn.countAll().as("n")]).groupBy("p.specialist_id").execute(),
    base().innerJoin("plan_items as i", "i.participant_id", "p.id").where("i.support_report", "=", "done").where("i.support_report_at", ">=", from).where("i.support_report_at", "<", end)
      .select((eb) => ["p.specialist_id", eb.fn.countAll().as("n")]).groupBy("p.specialist_id").execute(),
    // A plan item counts as done in the period when it is done now and was last changed in the period.
    base().innerJoin("plan_items as i", "i.participant_id", "p.id").where("i.status", "=", "done").where("i.updated_at", ">=", from).where("i.updated_at", "<", end)
      .select((eb) => ["p.specialist_id", eb.fn.countAll().as("n")]).groupBy("p.specialist_id").execute(),
    base().innerJoin("jobs as j", "j.participant_id", "p.id").where("j.started_on", ">=", from).where("j.started_on", "<=", to)
      .select((eb) => ["p.specialist_id", eb.fn.countAll().as("n")]).groupBy("p.specialist_id").execute(),
    // People in a competitive job on the period's last day, each counted once however many jobs they hold.
    base().where((eb) => eb.exists(eb.selectFrom("jobs as j").select(sql.lit(1).as("one")).whereRef("j.participant_id", "=", "p.id").where("j.competitive", "=", 1).where("j.started_on", "<=", to)
      .where((w) => w.or([w("j.ended_on", "is", null), w("j.ended_on", ">=", to)]))))
      .select((eb) => ["p.specialist_id", eb.fn.countAll().as("n")]).groupBy("p.specialist_id").execute(),
  ]);
  const counts: Record<Indicator, Map<string, number>> = {
    participants: bySpecialist(participants), involved: bySpecialist(involved), consentsActive: bySpecialist(consents), meetingsHeld: bySpecialist(meetings),
    commitmentsKept: bySpecialist(commitments), planItemsDone: bySpecialist(planDone), jobStarts: bySpecialist(jobStarts), workingCompetitive: bySpecialist(working),
  };
  return people.map((person) => {
    const figures = emptyFigures();
    for (const indicator of INDICATORS) figures[indicator] = counts[indicator].get(person.id) ?? 0;
    return { specialistId: person.id, name: person.name, teamId: person.team_id, teamName: person.team_name ?? null, ...figures };
  });
}

/** A grouped count by specialist, to look up by id (a program has a thousand specialists: no search through the rows for each). */
function bySpecialist(rows: readonly { specialist_id: string; n: unknown }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.specialist_id, Number(r.n)]));
}

/**
 * Where the asked team and specialist lie within the actor's report scope, or the
 * refusal to audit when the actor may not read reports at all, asks for another
 * team, or names a specialist outside the reach. Reads only: the caller records.
 */
async function reachFor(trx: Trx, actor: Actor, team: string | null, specialist: string | null): Promise<Reach | { refused: RefusedAttempt }> {
  const scope = reportScope(actor);
  const chosen = teamFor(scope, team);
  if (!chosen) return { refused: { action: "read:report", entityType: "team", entityId: team, participantId: null, reason: scope.kind === "none" ? "not_permitted" : "not_found" } };
  if (chosen.teamId !== null) {
    const exists = await trx.selectFrom("teams").select("id").where("id", "=", chosen.teamId).executeTakeFirst();
    if (!exists) return { refused: { action: "read:report", entityType: "team", entityId: chosen.teamId, participantId: null, reason: "not_found" } };
  }
  if (specialist !== null) {
    let query = trx.selectFrom("users").select("id").where("id", "=", specialist);
    if (chosen.teamId !== null) query = query.where("team_id", "=", chosen.teamId);
    if (!(await query.executeTakeFirst())) return { refused: { action: "read:report", entityType: "user", entityId: specialist, participantId: null, reason: "not_found" } };
  }
  return { teamId: chosen.teamId, specialistId: specialist };
}

/** A report over a period for the actor's reach: supervisors their team, administrators any team or the whole program. Audited. */
export async function readReport(db: Db, actor: Actor, query: ReportQuery, form: Form, meta: RequestMeta): Promise<Report | null> {
  return readThenRecord(db,
    async (trx) => {
      const reach = await reachFor(trx, actor, query.team, query.specialist);
      return "refused" in reach ? reach : { reach, specialists: await figuresOf(trx, reach, query.from, query.to) };
    },
    async (trx, found) => {
      if ("refused" in found) {
        await recordRefusal(trx, actor, found.refused, meta);
        return null;
      }
      const { reach, specialists } = found;
      await recordAudit(trx, {
        actor, action: "report.read", entityType: "team", entityId: reach.teamId ?? "program", participantId: null, reason: reportReason(actor),
        details: { from: query.from, to: query.to, teamId: reach.teamId, specialistId: reach.specialistId, form, specialists: specialists.length }, meta,
      });
      return { from: query.from, to: query.to, teamId: reach.teamId, specialistId: reach.specialistId, specialists, ...totalsOf(specialists) };
    });
}

function reportReason(actor: Actor): string {
  const scope = reportScope(actor);
  return scope.kind === "any" ? "read:report:any" : "read:report:team";
}

/** The teams and specialists a report's filter offers the actor. */
export async function reportChoices(db: Db, actor: Actor): Promise<{ teams: { id: string; name: string }[]; specialists: { id: string; name: string; teamId: string | null }[] } | null> {
  const scope = reportScope(actor);
  if (scope.kind === "none") return null;
  let teams = db.selectFrom("teams").select(["id", "name"]).orderBy("name");
  if (scope.kind === "team") teams = teams.where("id", "=", scope.teamId);
  const people = await specialistsOf(db, { teamId: scope.kind === "team" ? scope.teamId : null, specialistId: null });
  return { teams: await teams.execute(), specialists: people.map((p) => ({ id: p.id, name: p.name, teamId: p.team_id })) };
}

/** A participant on the team with no support person involved in the last 90 days. */
export interface UninvolvedParticipant {
  participantId: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  specialistName: string;
}

export interface SupervisorHome {
  today: string;
  specialistId: string | null;
  specialists: { id: string; name: string }[];
  /** The figures of the last 30 and the last 90 days. */
  periods: { days: number; from: string; to: string; specialists: SpecialistFigures[]; total: Report["total"] }[];
  uninvolved: UninvolvedParticipant[];
  uninvolvedCount: number;
}

/** How many of the participants without an involved support the home lists by name. */
export const UNINVOLVED_LIST_LIMIT = 50;

/**
 * The supervisor's home (issue 15 §2): their team's specialists with the report's
 * figures for the last 30 and 90 days, optionally one specialist, and the
 * participants nobody of their network was involved with in 90 days. Null for an
 * actor who reads no team report (the home shows its usual day instead), or a
 * specialist outside the team (refused and audited).
 */
export async function readSupervisorHome(db: Db, actor: Actor, specialistId: string | null, meta: RequestMeta, at = new Date()): Promise<SupervisorHome | null> {
  const scope = reportScope(actor);
  if (scope.kind !== "team") return null;
  const { timeZone } = await getProgramSettings(db);
  const today = wallClockAt(timeZone ?? "UTC", at).slice(0, 10);
  return readThenRecord(db,
    async (trx) => {
      const reach = await reachFor(trx, actor, scope.teamId, specialistId);
      if ("refused" in reach) return reach;
      const periods = [];
      for (const days of HOME_PERIODS) {
        const { from, to } = lastDays(today, days);
        const specialists = await figuresOf(trx, reach, from, to);
        periods.push({ days, from, to, specialists, total: totalsOf(specialists).total });
      }
      const everyone = await specialistsOf(trx, { teamId: reach.teamId, specialistId: null });
      const ids = (reach.specialistId ? everyone.filter((s) => s.id === reach.specialistId) : everyone).map((s) => s.id);
      const since = lastDays(today, UNINVOLVED_DAYS);
      const notInvolved = () => trx.selectFrom("participants as p").innerJoin("users as u", "u.id", "p.specialist_id")
        .where("p.status", "=", "active").where("p.specialist_id", "in", ids.length ? ids : [""])
        .where("p.id", "not in", participantsInvolvedBetween(trx, since.from, since.to));
      const [rows, count] = await Promise.all([
        notInvolved().select(["p.id", "p.first_name", "p.last_name", "p.preferred_name", "u.name as specialist_name"])
          .orderBy("u.name").orderBy("p.last_name").orderBy("p.first_name").orderBy("p.id").limit(UNINVOLVED_LIST_LIMIT).execute(),
        notInvolved().select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
      ]);
      return { reach, periods, everyone, ids, rows, count };
    },
    async (trx, found) => {
      if ("refused" in found) {
        await recordRefusal(trx, actor, found.refused, meta);
        return null;
      }
      const { reach, periods, everyone, ids, rows, count } = found;
      await recordAudit(trx, {
        actor, action: "report.read", entityType: "team", entityId: scope.teamId, participantId: null, reason: "read:report:team",
        details: { from: lastDays(today, Math.max(...HOME_PERIODS)).from, to: today, teamId: scope.teamId, specialistId: reach.specialistId, form: "home", specialists: ids.length }, meta,
      });
      return {
        today, specialistId: reach.specialistId, specialists: everyone.map((s) => ({ id: s.id, name: s.name })), periods,
        uninvolved: rows.map((r) => ({ participantId: r.id, firstName: r.first_name, lastName: r.last_name, preferredName: r.preferred_name, specialistName: r.specialist_name })),
        uninvolvedCount: Number(count.n),
      };
    });
}
