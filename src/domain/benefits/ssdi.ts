import { roundToCents } from "./money.ts";
import { amount, type BenefitYear } from "./parameters.ts";

/** Rules from ../shared/benefits-rules.md, "SSDI" (SSA Red Book; IRWE: POMS DI 10520.015). */

/** SSDI rule 1: the Trial Work Period is 9 trial work months ... */
export const TRIAL_WORK_MONTHS = 9;
/** ... within a rolling 60-month window. */
export const TRIAL_WORK_WINDOW_MONTHS = 60;
/** SSDI rule 2: the Extended Period of Eligibility is the 36 months after the 9th trial work month. */
export const EPE_MONTHS = 36;
/** SSDI rule 2: the cessation month and the two grace months after it are paid. */
export const PAID_MONTHS_FROM_CESSATION = 3;

export const SSDI_STATUSES = ["none", "twp", "epe-paid", "epe-suspended", "grace"] as const;
export type SsdiStatus = (typeof SSDI_STATUSES)[number];

/** SSDI rules 1 and 4: a trial work month is one with gross earnings over the TWP figure; IRWE are not subtracted. */
export function isTrialWorkMonth(grossEarnings: number, parameters: BenefitYear): boolean {
  return grossEarnings > amount(parameters, "trialWorkMonthEarnings");
}

/** SSDI rule 4 (POMS DI 10520.015): IRWE come off gross earnings when deciding SGA. */
export function countableEarningsForSga(grossEarnings: number, irwe: number): number {
  return roundToCents(Math.max(0, grossEarnings - irwe));
}

/** Blind people have the higher SGA figure (Red Book). */
export function sgaThreshold(blind: boolean, parameters: BenefitYear): number {
  return amount(parameters, blind ? "sgaBlind" : "sgaNotBlind");
}

/** SSDI rule 2: a month at or below SGA is not substantial gainful activity; only above it is. */
export function isSubstantialGainfulActivity(grossEarnings: number, irwe: number, blind: boolean, parameters: BenefitYear): boolean {
  return countableEarningsForSga(grossEarnings, irwe) > sgaThreshold(blind, parameters);
}

export interface SsdiSituation {
  /** The monthly SSDI benefit; 0 means no SSDI. */
  ssdiMonthly: number;
  twpMonthsUsed: number;
  inEpe: boolean;
  /** Paid months left of the cessation month and the two grace months (3 until the first month above SGA). */
  graceMonthsLeft: number;
  blind: boolean;
  irwe: number;
}

export interface SsdiMonth {
  payment: number;
  trialWorkMonth: boolean;
  status: SsdiStatus;
}

/**
 * One month of SSDI with the given gross earnings.
 * During the TWP the full benefit is paid whatever the earnings (rule 1). In the EPE
 * a month at or below SGA is paid; above SGA it is paid only as the cessation month
 * or one of the two grace months, otherwise suspended (rule 2).
 */
export function ssdiMonth(situation: SsdiSituation, grossEarnings: number, parameters: BenefitYear): SsdiMonth {
  const benefit = roundToCents(situation.ssdiMonthly);
  if (benefit <= 0) return { payment: 0, trialWorkMonth: false, status: "none" };
  if (!situation.inEpe) {
    return { payment: benefit, trialWorkMonth: isTrialWorkMonth(grossEarnings, parameters), status: "twp" };
  }
  if (!isSubstantialGainfulActivity(grossEarnings, situation.irwe, situation.blind, parameters)) {
    return { payment: benefit, trialWorkMonth: false, status: "epe-paid" };
  }
  if (situation.graceMonthsLeft > 0) return { payment: benefit, trialWorkMonth: false, status: "grace" };
  return { payment: 0, trialWorkMonth: false, status: "epe-suspended" };
}

/** A calendar month as "YYYY-MM". */
export type MonthKey = string;

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthNumber(month: MonthKey): number {
  const match = MONTH_KEY.exec(month);
  if (!match) throw new Error(`Not a YYYY-MM month: ${month}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

export function monthKey(monthNumberValue: number): MonthKey {
  const year = Math.floor(monthNumberValue / 12);
  return `${String(year).padStart(4, "0")}-${String((monthNumberValue % 12) + 1).padStart(2, "0")}`;
}

/** SSDI rule 1: how many trial work months fall in the 60 months ending with `asOf` (both ends included). */
export function trialWorkMonthsInWindow(trialWorkMonths: readonly MonthKey[], asOf: MonthKey): number {
  const end = monthNumber(asOf);
  const start = end - TRIAL_WORK_WINDOW_MONTHS + 1;
  return new Set(trialWorkMonths.map(monthNumber).filter((m) => m >= start && m <= end)).size;
}

export interface TrialWorkPeriod {
  /** Trial work months counted as of `asOf`: 9 once the TWP is complete. */
  monthsUsed: number;
  /** The 9th trial work month, or null while the TWP is not complete. */
  completedIn: MonthKey | null;
  /** The last month of the EPE, or null while the TWP is not complete. */
  epeEndsIn: MonthKey | null;
  inEpe: boolean;
}

/**
 * SSDI rules 1 and 2: the TWP is complete in the first month that brings 9 trial work
 * months within a rolling 60-month window; older months drop out of the window until
 * then. The EPE is the 36 months after that month. `trialWorkMonths` are the months
 * that passed `isTrialWorkMonth` with that month's year's figure.
 */
export function trialWorkPeriod(trialWorkMonths: readonly MonthKey[], asOf: MonthKey): TrialWorkPeriod {
  const now = monthNumber(asOf);
  const months = [...new Set(trialWorkMonths.map(monthNumber))].filter((m) => m <= now).sort((a, b) => a - b);
  const completed = months.find((m) => months.filter((o) => o <= m && o > m - TRIAL_WORK_WINDOW_MONTHS).length >= TRIAL_WORK_MONTHS);
  if (completed === undefined) {
    return { monthsUsed: trialWorkMonthsInWindow(months.map(monthKey), asOf), completedIn: null, epeEndsIn: null, inEpe: false };
  }
  const epeEnd = completed + EPE_MONTHS;
  return {
    monthsUsed: TRIAL_WORK_MONTHS,
    completedIn: monthKey(completed),
    epeEndsIn: monthKey(epeEnd),
    inEpe: now > completed && now <= epeEnd,
  };
}
