import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { onceMoreOnUniqueViolation } from "../../db/unique-violation.ts";
import type { PayStubTable } from "../../db/schema.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { Actor, RequestMeta } from "../auth/actor.ts";
import { recordMilestoneFromEvent } from "../milestones/events.server.ts";
import { changeAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { recordRefusal } from "../access/access.server.ts";
import { benefitsActions, payStubActions } from "./policy.ts";
import { caseloadScope, type CaseloadScope } from "../participants/policy.ts";
import {
  monthlyTotals, needsReport, ssiReportingMonths, type EarningsReportFacts, type MonthReport, type PayStubFacts,
} from "./earnings.ts";
import { toDollars, todayOf, type EarningsReport, type EarningsReportInput, type PayStub, type PayStubInput, type ReportMethod } from "./records.ts";

/** The earnings log: pay stubs (voided, never deleted) and the months reported to SSA. */

type StubRow = PayStubTable & { entered_by_name: string; voided_by_name: string | null };

function toPayStub(row: StubRow): PayStub {
  return {
    id: row.id,
    payDate: row.pay_date,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    hours: row.hours_hundredths === null ? null : Number(row.hours_hundredths) / 100,
    gross: toDollars(Number(row.gross_cents)),
    employer: row.employer,
    enteredBy: row.entered_by_name,
    createdAt: row.created_at,
    voidedAt: row.voided_at,
    voidedBy: row.voided_by_name,
    voidReason: row.void_reason,
  };
}

export function stubFacts(stub: Pick<PayStubTable, "id" | "pay_date" | "period_start" | "period_end" | "gross_cents" | "voided_at">): PayStubFacts {
  return { id: stub.id, payDate: stub.pay_date, periodStart: stub.period_start, periodEnd: stub.period_end, grossCents: Number(stub.gross_cents), voidedAt: stub.voided_at };
}

function selectStubs(db: Db | Trx) {
  return db.selectFrom("pay_stubs as s")
    .innerJoin("users as e", "e.id", "s.entered_by")
    .leftJoin("users as v", "v.id", "s.voided_by")
    .selectAll("s")
    .select(["e.name as entered_by_name", "v.name as voided_by_name"]);
}

export interface EarningsLog {
  payStubs: PayStub[];
  facts: PayStubFacts[];
  reports: EarningsReport[];
  reportFacts: EarningsReportFacts[];
}

/** Everything in one participant's log, newest pay date first, for a caller that audits its read. */
export async function loadEarningsLog(db: Db | Trx, access: AuthorizedParticipant): Promise<EarningsLog> {
  if (!benefitsActions(access).read) return { payStubs: [], facts: [], reports: [], reportFacts: [] };
  const participantId = access.participant.id;
  const rows = await selectStubs(db).where("s.participant_id", "=", participantId).orderBy("s.pay_date", "desc").orderBy("s.created_at", "desc").execute();
  const reportRows = await db.selectFrom("earnings_reports as r").innerJoin("users as u", "u.id", "r.recorded_by")
    .selectAll("r").select("u.name as recorded_by_name")
    .where("r.participant_id", "=", participantId).orderBy("r.month", "desc").orderBy("r.recorded_at", "desc").execute();
  return {
    payStubs: rows.map(toPayStub),
    facts: rows.map(stubFacts),
    reports: reportRows.map((r) => ({
      id: r.id, month: r.month, reportedOn: r.reported_on, method: r.method as ReportMethod, gross: toDollars(Number(r.gross_cents)),
      recordedBy: r.recorded_by_name, recordedAt: r.recorded_at,
    })),
    reportFacts: reportRows.map((r) => ({ month: r.month, reportedOn: r.reported_on, grossCents: Number(r.gross_cents), recordedAt: r.recorded_at })),
  };
}

export type PayStubResult = { ok: true; stub: PayStub; created: boolean } | { ok: false; reason: "not_found" };

/**
 * Adds a pay stub. The same client key twice stores it once and answers with the
 * first, also when both arrive at once (on two app servers): the unique key stops
 * the second insert and the second try finds the first stub.
 */
export async function addPayStub(db: Db, access: AuthorizedParticipant, input: PayStubInput, meta: RequestMeta): Promise<PayStubResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, benefitsActions(access).recordEarnings);
  if (!reason) return { ok: false, reason: "not_found" } as const;
  return onceMoreOnUniqueViolation(() => db.transaction().execute(async (trx) => {
    if (input.clientKey) {
      const earlier = await selectStubs(trx).where("s.client_key", "=", input.clientKey).where("s.participant_id", "=", participantId).executeTakeFirst();
      if (earlier) return { ok: true, stub: toPayStub(earlier), created: false } as const;
    }
    const earlierStub = await trx.selectFrom("pay_stubs").select("id").where("participant_id", "=", participantId).where("voided_at", "is", null).executeTakeFirst();
    const id = randomUUID();
    await trx.insertInto("pay_stubs").values({
      id, participant_id: participantId, pay_date: input.payDate, period_start: input.periodStart, period_end: input.periodEnd,
      hours_hundredths: input.hours, gross_cents: input.gross, employer: input.employer, client_key: input.clientKey,
      entered_by: actor.userId, created_at: new Date().toISOString(), voided_at: null, voided_by: null, void_reason: null,
    }).execute();
    await recordAudit(trx, {
      actor, action: "pay_stub.create", entityType: "pay_stub", entityId: id, participantId, reason,
      details: { payDate: input.payDate }, meta,
    });
    // The first pay stub in the log is the first paycheck: a small win, on its pay date.
    if (!earlierStub) await recordMilestoneFromEvent(trx, actor, participantId, "first_paycheck", meta, input.payDate);
    return { ok: true, stub: toPayStub(await selectStubs(trx).where("s.id", "=", id).executeTakeFirstOrThrow()), created: true } as const;
  }));
}

export type VoidResult = { ok: true; stub: PayStub } | { ok: false; reason: "not_found" | "already_voided" };

/** Voids a stub entered by mistake: it stays in the log, marked, and stops counting. */
export async function voidPayStub(db: Db, access: AuthorizedParticipant, stubId: string, reason: string, meta: RequestMeta): Promise<VoidResult> {
  const { actor, participant: { id: participantId } } = access;
  if (!benefitsActions(access).recordEarnings) return { ok: false, reason: "not_found" } as const;
  return db.transaction().execute(async (trx) => {
    const stub = await trx.selectFrom("pay_stubs").select(["id", "voided_at"]).where("id", "=", stubId).where("participant_id", "=", participantId).executeTakeFirst();
    if (!stub) {
      await recordRefusal(trx, actor, { action: "void:pay_stub", entityType: "pay_stub", entityId: stubId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" } as const;
    }
    const permission = changeAllowed(access, payStubActions(access, { voidedAt: stub.voided_at }).void);
    if (!permission) return { ok: false, reason: "already_voided" } as const;
    const now = new Date().toISOString();
    const result = await trx.updateTable("pay_stubs").set({ voided_at: now, voided_by: actor.userId, void_reason: reason })
      .where("id", "=", stubId).where("participant_id", "=", participantId).where("voided_at", "is", null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      return { ok: false, reason: "already_voided" } as const;
    }
    await recordAudit(trx, { actor, action: "pay_stub.void", entityType: "pay_stub", entityId: stubId, participantId, reason: permission, details: { reason }, meta });
    return { ok: true, stub: toPayStub(await selectStubs(trx).where("s.id", "=", stubId).executeTakeFirstOrThrow()) } as const;
  });
}

export type ReportResult = { ok: true; report: EarningsReport } | { ok: false; reason: "not_found" };

/** Records that a month's wages were reported to SSA, with the month's paid total as the log shows it now. */
export async function recordEarningsReport(db: Db, access: AuthorizedParticipant, input: EarningsReportInput, meta: RequestMeta): Promise<ReportResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, benefitsActions(access).recordEarnings);
  if (!reason) return { ok: false, reason: "not_found" } as const;
  return db.transaction().execute(async (trx) => {
    const stubs = await trx.selectFrom("pay_stubs").selectAll().where("participant_id", "=", participantId).execute();
    const paidCents = monthlyTotals(stubs.map(stubFacts)).find((t) => t.month === input.month)?.paidCents ?? 0;
    const id = randomUUID();
    const recordedAt = new Date().toISOString();
    await trx.insertInto("earnings_reports").values({
      id, participant_id: participantId, month: input.month, reported_on: input.reportedOn, method: input.method,
      gross_cents: paidCents, recorded_by: actor.userId, recorded_at: recordedAt,
    }).execute();
    await recordAudit(trx, {
      actor, action: "earnings_report.create", entityType: "earnings_report", entityId: id, participantId, reason,
      details: { month: input.month, method: input.method }, meta,
    });
    return { ok: true, report: { id, month: input.month, reportedOn: input.reportedOn, method: input.method, gross: toDollars(paidCents), recordedBy: actor.name, recordedAt } } as const;
  });
}

export interface SsiReminder {
  participantId: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  /** The month whose pay is to be reported, "YYYY-MM". */
  month: string;
  /** Gross wages paid in that month, in dollars. */
  paid: number;
  /** The 10th of the following month, "YYYY-MM-DD". */
  dueOn: string;
  status: "due" | "overdue" | "changed";
}

/**
 * "Report earnings by the 10th" reminders for the participants on SSI the actor
 * may see (their own caseload for a specialist, the team for a supervisor): every
 * month of pay not yet reported, or changed since it was reported, oldest due date
 * first. Pass `participantId` for one participant's page. Audited as one read.
 */
export async function ssiReportsDue(
  db: Db, actor: Actor, meta: RequestMeta, at: Date = new Date(), options: { participantId?: string } = {},
): Promise<SsiReminder[]> {
  const scope = caseloadScope(actor);
  if (!hasReminders(scope, options)) return [];
  return db.transaction().execute(async (trx) => {
    const reminders = await readSsiReminders(trx, actor, at, options);
    if (reminders.length > 0) {
      await recordAudit(trx, {
        actor, action: "benefits.reminders", entityType: "participant", participantId: options.participantId ?? null,
        reason: `read:participant:${scope.kind}`, details: { shown: [...new Set(reminders.map((r) => r.participantId))] }, meta,
      });
    }
    return reminders;
  });
}

/**
 * An administrator carries no caseload: the dashboard list is for those who do, and
 * would otherwise read every SSI participant of the program on each visit. One
 * participant's page shows theirs to anyone who may open it.
 */
function hasReminders(scope: CaseloadScope, options: { participantId?: string }): scope is Exclude<CaseloadScope, { kind: "none" }> {
  return scope.kind !== "none" && (scope.kind !== "any" || Boolean(options.participantId));
}

/**
 * The reminders themselves, read inside the caller's transaction; the caller records
 * who was shown (the home page names them in its own audit row, beside its other
 * lists).
 */
export async function readSsiReminders(
  trx: Db | Trx, actor: Actor, at: Date, options: { participantId?: string } = {},
): Promise<SsiReminder[]> {
  const scope = caseloadScope(actor);
  if (!hasReminders(scope, options)) return [];
  let query = trx.selectFrom("benefits_profiles as b")
    .innerJoin("participants as p", "p.id", "b.participant_id")
    .innerJoin("users as s", "s.id", "p.specialist_id")
    .select(["p.id", "p.first_name", "p.last_name", "p.preferred_name"])
    .where("b.has_ssi", "=", 1).where("p.status", "=", "active");
  if (scope.kind === "own") query = query.where("p.specialist_id", "=", scope.userId);
  if (scope.kind === "team") query = query.where("s.team_id", "=", scope.teamId);
  if (options.participantId) query = query.where("p.id", "=", options.participantId);
  const people = await query.execute();
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const stubs = await trx.selectFrom("pay_stubs").select(["id", "participant_id", "pay_date", "period_start", "period_end", "gross_cents", "voided_at"])
    .where("participant_id", "in", ids).execute();
  const reports = await trx.selectFrom("earnings_reports").select(["participant_id", "month", "reported_on", "gross_cents", "recorded_at"])
    .where("participant_id", "in", ids).execute();
  const today = todayOf(at);
  const reminders: SsiReminder[] = [];
  for (const person of people) {
    const months: MonthReport[] = ssiReportingMonths(
      monthlyTotals(stubs.filter((s) => s.participant_id === person.id).map(stubFacts)),
      reports.filter((r) => r.participant_id === person.id).map((r) => ({ month: r.month, reportedOn: r.reported_on, grossCents: Number(r.gross_cents), recordedAt: r.recorded_at })),
      today,
    );
    for (const month of months) {
      if (!needsReport(month.status)) continue;
      reminders.push({
        participantId: person.id, firstName: person.first_name, lastName: person.last_name, preferredName: person.preferred_name,
        month: month.month, paid: toDollars(month.paidCents), dueOn: month.dueOn, status: month.status as SsiReminder["status"],
      });
    }
  }
  reminders.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.lastName.localeCompare(b.lastName) || a.participantId.localeCompare(b.participantId));
  return reminders;
}
