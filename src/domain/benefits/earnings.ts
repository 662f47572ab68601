import { amount, parametersFor, type BenefitYear } from "./parameters.ts";
import {
  EPE_MONTHS, PAID_MONTHS_FROM_CESSATION, TRIAL_WORK_MONTHS, isSubstantialGainfulActivity, isTrialWorkMonth, monthKey, monthNumber,
  trialWorkMonthsInWindow, trialWorkPeriod, type MonthKey, type TrialWorkPeriod,
} from "./ssdi.ts";

/**
 * The earnings log turned into what SSA asks about: monthly totals, the SSI months
 * to report, and the SSDI trial work and extended eligibility months. Pure: the
 * caller passes the pay stubs, the reports and today's date. Money is integer
 * cents here, as stored; the rules in ssi.ts and ssdi.ts take dollars.
 */

/** A calendar day as "YYYY-MM-DD" (UTC). */
export type DayKey = string;

export interface PayStubFacts {
  id: string;
  payDate: DayKey;
  periodStart: DayKey;
  periodEnd: DayKey;
  grossCents: number;
  /** A voided stub stays in the log but counts for nothing. */
  voidedAt: string | null;
}

export interface MonthTotal {
  month: MonthKey;
  /** SSI counts wages in the month they are paid (20 CFR 416.1111(a); POMS SI 00810.030). */
  paidCents: number;
  /**
   * SSDI counts wages in the month the work was done when the pay stub shows the
   * period (POMS DI 10505.005): each stub's gross is spread over its pay period by day.
   */
  earnedCents: number;
  /** Pay stubs paid in this month. */
  stubsPaid: number;
}

const DAY_MS = 86_400_000;

function dayNumber(day: DayKey): number {
  return Math.round(Date.parse(`${day}T00:00:00.000Z`) / DAY_MS);
}

export function monthOfDay(day: DayKey): MonthKey {
  return day.slice(0, 7);
}

/** The first day of a month, as a day number. */
function firstDayOf(month: number): number {
  const key = monthKey(month);
  return dayNumber(`${key}-01`);
}

export function isActive(stub: PayStubFacts): boolean {
  return stub.voidedAt === null;
}

/**
 * A stub's gross spread over the calendar months of its pay period in proportion
 * to the days of the period in each month. Whole cents only: the cents left over
 * after rounding down go to the months with the largest remainders, so the parts
 * always add up to the gross.
 */
export function earnedByMonth(stub: Pick<PayStubFacts, "periodStart" | "periodEnd" | "grossCents">): Map<MonthKey, number> {
  const start = dayNumber(stub.periodStart);
  const end = Math.max(start, dayNumber(stub.periodEnd));
  const totalDays = end - start + 1;
  const parts: { month: MonthKey; days: number }[] = [];
  for (let m = monthNumber(monthOfDay(stub.periodStart)); m <= monthNumber(monthOfDay(stub.periodEnd)); m++) {
    const from = Math.max(start, firstDayOf(m));
    const to = Math.min(end, firstDayOf(m + 1) - 1);
    if (to >= from) parts.push({ month: monthKey(m), days: to - from + 1 });
  }
  if (parts.length === 0) parts.push({ month: monthOfDay(stub.periodStart), days: 1 });
  const shares = parts.map((p) => ({ ...p, cents: Math.floor((stub.grossCents * p.days) / totalDays), rest: (stub.grossCents * p.days) % totalDays }));
  let left = stub.grossCents - shares.reduce((sum, s) => sum + s.cents, 0);
  for (const share of [...shares].sort((a, b) => b.rest - a.rest)) {
    if (left <= 0) break;
    share.cents += 1;
    left -= 1;
  }
  return new Map(shares.map((s) => [s.month, s.cents]));
}

/** Monthly totals from the active stubs, oldest month first; months with no pay and no work are left out. */
export function monthlyTotals(stubs: readonly PayStubFacts[]): MonthTotal[] {
  const byMonth = new Map<MonthKey, MonthTotal>();
  const row = (month: MonthKey) => {
    let total = byMonth.get(month);
    if (!total) byMonth.set(month, (total = { month, paidCents: 0, earnedCents: 0, stubsPaid: 0 }));
    return total;
  };
  for (const stub of stubs.filter(isActive)) {
    const paid = row(monthOfDay(stub.payDate));
    paid.paidCents += stub.grossCents;
    paid.stubsPaid += 1;
    for (const [month, cents] of earnedByMonth(stub)) row(month).earnedCents += cents;
  }
  return [...byMonth.values()].filter((t) => t.paidCents > 0 || t.earnedCents > 0).sort((a, b) => monthNumber(a.month) - monthNumber(b.month));
}

// ---------------------------------------------------------------------------
// SSI reporting: wages are reported by the 10th of the month after they are paid
// (benefits-rules.md, SSI rule 6; POMS SI 02301.005).

/** The day of the following month by which a month's wages must be reported. */
export const SSI_REPORT_DAY = 10;

export function reportDueOn(month: MonthKey): DayKey {
  return `${monthKey(monthNumber(month) + 1)}-${String(SSI_REPORT_DAY).padStart(2, "0")}`;
}

export interface EarningsReportFacts {
  month: MonthKey;
  reportedOn: DayKey;
  /** What was reported: the month's paid total at the time. */
  grossCents: number;
  recordedAt: string;
}

/**
 * - upcoming: the month is not over yet (or its pay date is still ahead); report it after it ends;
 * - due: the month is over and today is on or before the 10th of the next month;
 * - overdue: past the 10th and not reported;
 * - changed: reported, but the log now shows a different total (a stub added or voided since);
 * - reported: reported with the total the log shows.
 */
export const REPORT_STATUSES = ["upcoming", "due", "overdue", "changed", "reported"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface MonthReport {
  month: MonthKey;
  paidCents: number;
  dueOn: DayKey;
  status: ReportStatus;
  reportedOn: DayKey | null;
  reportedCents: number | null;
}

/** Statuses that ask the specialist to do something now. */
export function needsReport(status: ReportStatus): boolean {
  return status === "due" || status === "overdue" || status === "changed";
}

/**
 * Each month with SSI wages paid (or a report on file), with when it is due and
 * where it stands today. The latest report for a month is the one that counts.
 */
export function ssiReportingMonths(totals: readonly MonthTotal[], reports: readonly EarningsReportFacts[], today: DayKey): MonthReport[] {
  const latest = new Map<MonthKey, EarningsReportFacts>();
  for (const report of [...reports].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))) latest.set(report.month, report);
  const paid = new Map(totals.filter((t) => t.paidCents > 0).map((t) => [t.month, t.paidCents]));
  const months = [...new Set([...paid.keys(), ...latest.keys()])].sort((a, b) => monthNumber(a) - monthNumber(b));
  const thisMonth = monthNumber(monthOfDay(today));
  return months.map((month): MonthReport => {
    const paidCents = paid.get(month) ?? 0;
    const report = latest.get(month) ?? null;
    const dueOn = reportDueOn(month);
    let status: ReportStatus;
    if (report) status = report.grossCents === paidCents ? "reported" : "changed";
    else if (monthNumber(month) >= thisMonth) status = "upcoming";
    else if (today <= dueOn) status = "due";
    else status = "overdue";
    return { month, paidCents, dueOn, status, reportedOn: report?.reportedOn ?? null, reportedCents: report?.grossCents ?? null };
  });
}

// ---------------------------------------------------------------------------
// SSDI: trial work months and the Extended Period of Eligibility from the log
// (benefits-rules.md, SSDI rules 1 to 4).

export interface SsdiFacts {
  /** Trial work months SSA counted before this log was kept. */
  priorTrialWorkMonths: readonly MonthKey[];
  blind: boolean;
  /** Impairment-related work expenses per month, in cents: they count for SGA, not for trial work months. */
  irweCents: number;
}

export const EPE_MONTH_STATUSES = ["paid", "cessation", "grace", "suspended", "unknown"] as const;
export type EpeMonthStatus = (typeof EPE_MONTH_STATUSES)[number];

export interface EpeMonth {
  month: MonthKey;
  /** 1 to 36. */
  number: number;
  earnedCents: number;
  status: EpeMonthStatus;
}

export interface SsdiWorkHistory {
  /** Every trial work month known: from the log and from before it. */
  trialWorkMonths: MonthKey[];
  /** Trial work months in the 60 months ending this month ("x of 9"). */
  monthsInWindow: number;
  period: TrialWorkPeriod;
  /** The EPE months so far (after the 9th trial work month, up to this month). */
  epeMonths: EpeMonth[];
  /** Paid months left of the cessation month and the two grace months, as the estimator takes it. */
  graceMonthsLeft: number;
  /** Months the log cannot decide because no figures exist for their year. */
  monthsWithoutFigures: MonthKey[];
}

function figuresFor(month: MonthKey, extraYears: readonly BenefitYear[]): BenefitYear | undefined {
  return parametersFor(Number(month.slice(0, 4)), extraYears);
}

/** SSDI rules 1 and 4: months of the log earned over that year's trial work figure (gross, IRWE not subtracted). */
export function trialWorkMonthsFromLog(totals: readonly MonthTotal[], extraYears: readonly BenefitYear[] = []): { months: MonthKey[]; monthsWithoutFigures: MonthKey[] } {
  const months: MonthKey[] = [];
  const monthsWithoutFigures: MonthKey[] = [];
  for (const total of totals) {
    if (total.earnedCents <= 0) continue;
    const parameters = figuresFor(total.month, extraYears);
    if (!parameters) monthsWithoutFigures.push(total.month);
    else if (isTrialWorkMonth(total.earnedCents / 100, parameters)) months.push(total.month);
  }
  return { months, monthsWithoutFigures };
}

/**
 * The trial work count and the EPE months as of `asOf` (normally this month).
 * In the EPE (rule 2) a month at or below SGA (gross minus IRWE) is paid; the first
 * month above SGA is the cessation month, and it and the two calendar months after
 * it are paid whatever the earnings; after them a month above SGA is not paid.
 */
export function ssdiWorkHistory(totals: readonly MonthTotal[], facts: SsdiFacts, asOf: MonthKey, extraYears: readonly BenefitYear[] = []): SsdiWorkHistory {
  const fromLog = trialWorkMonthsFromLog(totals, extraYears);
  const trialWorkMonths = [...new Set([...facts.priorTrialWorkMonths, ...fromLog.months])].sort((a, b) => monthNumber(a) - monthNumber(b));
  const period = trialWorkPeriod(trialWorkMonths, asOf);
  const monthsInWindow = Math.min(TRIAL_WORK_MONTHS, trialWorkMonthsInWindow(trialWorkMonths, asOf));
  const monthsWithoutFigures = [...fromLog.monthsWithoutFigures];
  const epeMonths: EpeMonth[] = [];
  let cessation: number | null = null;
  if (period.completedIn) {
    const first = monthNumber(period.completedIn) + 1;
    const last = Math.min(monthNumber(asOf), first + EPE_MONTHS - 1);
    const earned = new Map(totals.map((t) => [t.month, t.earnedCents]));
    for (let m = first; m <= last; m++) {
      const month = monthKey(m);
      const earnedCents = earned.get(month) ?? 0;
      const parameters = figuresFor(month, extraYears);
      let status: EpeMonthStatus;
      if (cessation !== null && m < cessation + PAID_MONTHS_FROM_CESSATION) status = "grace";
      else if (!parameters) {
        status = "unknown";
        if (earnedCents > 0) monthsWithoutFigures.push(month);
      } else if (!isSubstantialGainfulActivity(earnedCents / 100, facts.irweCents / 100, facts.blind, parameters)) status = "paid";
      else if (cessation === null) {
        cessation = m;
        status = "cessation";
      } else status = "suspended";
      epeMonths.push({ month, number: m - first + 1, earnedCents, status });
    }
  }
  const graceMonthsLeft = cessation === null
    ? PAID_MONTHS_FROM_CESSATION
    : Math.max(0, Math.min(PAID_MONTHS_FROM_CESSATION, cessation + PAID_MONTHS_FROM_CESSATION - monthNumber(asOf)));
  return { trialWorkMonths, monthsInWindow, period, epeMonths, graceMonthsLeft, monthsWithoutFigures: [...new Set(monthsWithoutFigures)].sort() };
}

/**
 * SSI student earned income exclusion already used this calendar year, from the
 * log: each earlier month of the year excludes up to the monthly figure of what was
 * paid, and the year never more than the yearly figure (POMS SI 00820.510).
 */
export function studentExclusionUsedThisYear(totals: readonly MonthTotal[], asOf: MonthKey, extraYears: readonly BenefitYear[] = []): number {
  const parameters = figuresFor(asOf, extraYears);
  if (!parameters) return 0;
  const year = asOf.slice(0, 4);
  const monthlyCents = Math.round(amount(parameters, "studentExclusionMonthly") * 100);
  const yearlyCents = Math.round(amount(parameters, "studentExclusionYearly") * 100);
  let used = 0;
  for (const total of totals) {
    if (total.month.slice(0, 4) !== year || monthNumber(total.month) >= monthNumber(asOf)) continue;
    used += Math.min(total.paidCents, monthlyCents);
  }
  return Math.min(used, yearlyCents) / 100;
}
