import { z } from "zod";
import { checkbox, optionalText } from "../schema-fields.ts";
import { REPORT_STATUSES, EPE_MONTH_STATUSES, type MonthReport, type SsdiWorkHistory } from "./earnings.ts";
import type { EstimateRequestInput } from "./model.ts";
import { TRIAL_WORK_MONTHS } from "./ssdi.ts";

/**
 * The benefits records of one participant (PRODUCT.md capability 7): the benefits
 * profile, referrals to a benefits counselor (CWIC), the earnings log and the
 * months reported to SSA. One schema per record serves the page's form, the API
 * body and the OpenAPI document. Money comes in and goes out in dollars, and is
 * stored as whole cents.
 */

export const BENEFIT_KINDS = ["ssi", "ssdi", "medicaid", "medicare", "housingAssistance", "snap"] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];

export const REFERRAL_OUTCOMES = ["waiting", "met", "plan_received", "declined", "no_response"] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** Ways SSA takes a wage report (POMS SI 02301.005 and SSA's wage reporting options). */
export const REPORT_METHODS = ["mobile_app", "phone", "online", "in_person", "mail"] as const;
export type ReportMethod = (typeof REPORT_METHODS)[number];

const MAX_DOLLARS = 100_000;
const MAX_HOURS = 744;
/** A pay period longer than two months is almost certainly a typing mistake. */
export const MAX_PAY_PERIOD_DAYS = 62;


/** "$1,234.50", "1234.5" or 1234.5; "" and null mean nothing entered. */
function toNumber(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  const cleaned = value.replace(/[$,\s]/g, "");
  return cleaned === "" ? null : Number(cleaned);
}

const hasAtMostTwoDecimals = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;

/** Dollars in, whole cents out. */
function centsNumber(key: string, positive: boolean) {
  return z.number({ error: key })
    .min(positive ? 0.01 : 0, { error: positive ? key : "benefits.money.negative" })
    .max(MAX_DOLLARS, { error: "benefits.money.tooLarge" })
    .refine(hasAtMostTwoDecimals, { error: key })
    .transform((v) => Math.round(v * 100));
}
const dollarsInput = (key: string) => z.union([z.number(), z.string().max(30), z.null()], { error: key }).optional().transform(toNumber);
const requiredCents = (key: string) => dollarsInput(key).pipe(centsNumber(key, true));
const optionalCents = (key: string) => dollarsInput(key).pipe(centsNumber(key, false).nullable());

const day = (key: string) => z.iso.date({ error: key });
const optionalDay = (key: string) => z.union([z.literal(""), z.iso.date({ error: key })]).nullish().transform((v) => (v ? v : null));
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Today as "YYYY-MM-DD" in UTC, the day the consent check and the reminders use too. */
export function todayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------

/** Trial work months from before the log, typed as a list ("2021-03, 2021-04") or sent as an array. */
const monthList = z.union([z.array(z.string()), z.string().max(1000)], { error: "benefits.profile.priorTrialWorkMonths.invalid" })
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(/[\s,;]+/)).map((m) => m.trim()).filter(Boolean))
  .pipe(z.array(z.string()).max(60, { error: "benefits.profile.priorTrialWorkMonths.invalid" })
    .refine((months) => months.every((m) => MONTH.test(m)), { error: "benefits.profile.priorTrialWorkMonths.invalid" }))
  .transform((months) => [...new Set(months)].sort());

export const benefitsProfileInputSchema = z.strictObject({
  hasSsi: checkbox,
  hasSsdi: checkbox,
  hasMedicaid: checkbox,
  hasMedicare: checkbox,
  hasHousingAssistance: checkbox,
  hasSnap: checkbox,
  ssiMonthly: optionalCents("benefits.money.invalid"),
  ssdiMonthly: optionalCents("benefits.money.invalid"),
  otherUnearned: optionalCents("benefits.money.invalid"),
  irweMonthly: optionalCents("benefits.money.invalid"),
  blind: checkbox,
  student: checkbox,
  birthYear: z.union([z.number(), z.string().max(10), z.null()], { error: "benefits.profile.birthYear.invalid" }).optional().transform(toNumber)
    .pipe(z.number({ error: "benefits.profile.birthYear.invalid" }).int({ error: "benefits.profile.birthYear.invalid" })
      .min(1900, { error: "benefits.profile.birthYear.invalid" }).max(2100, { error: "benefits.profile.birthYear.invalid" }).nullable()),
  priorTrialWorkMonths: monthList,
  notes: optionalText(2000),
  /** The version read; 0 when no profile was saved yet. */
  version: z.coerce.number({ error: "common.version.required" }).int().min(0),
}).superRefine((profile, ctx) => {
  if (profile.hasSsdi && profile.ssdiMonthly === null) ctx.addIssue({ code: "custom", path: ["ssdiMonthly"], message: "benefits.profile.ssdiMonthly.required" });
  if (!profile.hasSsdi && profile.ssdiMonthly) ctx.addIssue({ code: "custom", path: ["hasSsdi"], message: "benefits.profile.hasSsdi.amountWithout" });
  if (!profile.hasSsi && profile.ssiMonthly) ctx.addIssue({ code: "custom", path: ["hasSsi"], message: "benefits.profile.hasSsi.amountWithout" });
});
export type BenefitsProfileInput = z.output<typeof benefitsProfileInputSchema>;

const referralFields = z.strictObject({
  referredOn: day("benefits.referral.referredOn.required"),
  counselorName: z.string({ error: "benefits.referral.counselorName.required" }).trim()
    .min(1, { error: "benefits.referral.counselorName.required" }).max(200, { error: "common.tooLong" }),
  organization: optionalText(200),
  outcome: z.enum(REFERRAL_OUTCOMES, { error: "benefits.referral.outcome.invalid" }).default("waiting"),
  outcomeOn: optionalDay("benefits.referral.outcomeOn.invalid"),
  notes: optionalText(2000),
});

function referralRules(referral: { referredOn: string; outcome: ReferralOutcome; outcomeOn: string | null }, ctx: z.RefinementCtx) {
  if (referral.outcomeOn && referral.outcomeOn < referral.referredOn) {
    ctx.addIssue({ code: "custom", path: ["outcomeOn"], message: "benefits.referral.outcomeOn.beforeReferral" });
  }
  if (referral.outcome === "waiting" && referral.outcomeOn) {
    ctx.addIssue({ code: "custom", path: ["outcome"], message: "benefits.referral.outcome.chooseWithDate" });
  }
}

export const referralInputSchema = referralFields.superRefine(referralRules);
export type ReferralInput = z.output<typeof referralInputSchema>;

export const referralUpdateSchema = referralFields
  .extend({ version: z.coerce.number({ error: "common.version.required" }).int().min(1) })
  .superRefine(referralRules);
export type ReferralUpdate = z.output<typeof referralUpdateSchema>;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const payStubInputSchema = z.strictObject({
  payDate: day("benefits.payStub.payDate.required"),
  periodStart: day("benefits.payStub.periodStart.required"),
  periodEnd: day("benefits.payStub.periodEnd.required"),
  hours: z.union([z.number(), z.string().max(20), z.null()], { error: "benefits.payStub.hours.invalid" }).optional().transform(toNumber)
    .pipe(z.number({ error: "benefits.payStub.hours.invalid" }).min(0, { error: "benefits.payStub.hours.invalid" })
      .max(MAX_HOURS, { error: "benefits.payStub.hours.invalid" }).refine(hasAtMostTwoDecimals, { error: "benefits.payStub.hours.invalid" })
      .transform((v) => Math.round(v * 100)).nullable()),
  gross: requiredCents("benefits.payStub.gross.required"),
  employer: z.string({ error: "benefits.payStub.employer.required" }).trim()
    .min(1, { error: "benefits.payStub.employer.required" }).max(200, { error: "common.tooLong" }),
  /** Sent again with a resubmitted form, so the stub is stored once. */
  clientKey: optionalText(100),
}).superRefine((stub, ctx) => {
  if (stub.periodEnd < stub.periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "benefits.payStub.periodEnd.beforeStart" });
  else if (daysBetween(stub.periodStart, stub.periodEnd) >= MAX_PAY_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "benefits.payStub.period.tooLong" });
  if (stub.payDate < stub.periodStart) ctx.addIssue({ code: "custom", path: ["payDate"], message: "benefits.payStub.payDate.beforePeriod" });
  // Checked against the day of parsing: a stub records pay already received.
  if (stub.payDate > todayOf(new Date())) ctx.addIssue({ code: "custom", path: ["payDate"], message: "benefits.payStub.payDate.future" });
});
export type PayStubInput = z.output<typeof payStubInputSchema>;

export const payStubVoidSchema = z.strictObject({
  reason: z.string({ error: "benefits.payStub.voidReason.required" }).trim()
    .min(1, { error: "benefits.payStub.voidReason.required" }).max(500, { error: "common.tooLong" }),
});

export const earningsReportInputSchema = z.strictObject({
  month: z.string({ error: "benefits.report.month.invalid" }).regex(MONTH, { error: "benefits.report.month.invalid" }),
  reportedOn: day("benefits.report.reportedOn.required"),
  method: z.enum(REPORT_METHODS, { error: "benefits.report.method.invalid" }),
}).superRefine((report, ctx) => {
  if (report.reportedOn > todayOf(new Date())) ctx.addIssue({ code: "custom", path: ["reportedOn"], message: "benefits.report.reportedOn.future" });
});
export type EarningsReportInput = z.output<typeof earningsReportInputSchema>;

// ---------------------------------------------------------------------------
// What the API and the pages get back (dollars).

export const benefitsProfileSchema = z.object({
  participantId: z.string(),
  hasSsi: z.boolean(),
  hasSsdi: z.boolean(),
  hasMedicaid: z.boolean(),
  hasMedicare: z.boolean(),
  hasHousingAssistance: z.boolean(),
  hasSnap: z.boolean(),
  ssiMonthly: z.number().nullable(),
  ssdiMonthly: z.number().nullable(),
  otherUnearned: z.number().nullable(),
  irweMonthly: z.number().nullable(),
  blind: z.boolean(),
  student: z.boolean(),
  birthYear: z.number().int().nullable(),
  priorTrialWorkMonths: z.array(z.string()),
  notes: z.string().nullable(),
  version: z.number().int().meta({ description: "0 until the profile is first saved" }),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type BenefitsProfile = z.infer<typeof benefitsProfileSchema>;

export const referralSchema = z.object({
  id: z.string(),
  referredOn: z.string(),
  counselorName: z.string(),
  organization: z.string().nullable(),
  outcome: z.enum(REFERRAL_OUTCOMES),
  outcomeOn: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Referral = z.infer<typeof referralSchema>;

export const payStubSchema = z.object({
  id: z.string(),
  payDate: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  hours: z.number().nullable(),
  gross: z.number(),
  employer: z.string(),
  enteredBy: z.string(),
  createdAt: z.string(),
  voidedAt: z.string().nullable(),
  voidedBy: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type PayStub = z.infer<typeof payStubSchema>;

export const earningsReportSchema = z.object({
  id: z.string(),
  month: z.string(),
  reportedOn: z.string(),
  method: z.enum(REPORT_METHODS),
  gross: z.number(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type EarningsReport = z.infer<typeof earningsReportSchema>;

export const monthTotalSchema = z.object({
  month: z.string(),
  paid: z.number().meta({ description: "Gross wages paid in the month (how SSI counts them)" }),
  earned: z.number().meta({ description: "Gross wages for work done in the month (how SSDI counts them)" }),
  trialWorkMonth: z.boolean(),
});

export const monthReportSchema = z.object({
  month: z.string(),
  paid: z.number(),
  dueOn: z.string(),
  status: z.enum(REPORT_STATUSES),
  reportedOn: z.string().nullable(),
  reported: z.number().nullable(),
});
export type MonthReportView = z.infer<typeof monthReportSchema>;

export const ssdiSummarySchema = z.object({
  trialWorkMonths: z.array(z.string()),
  monthsInWindow: z.number().int().meta({ description: "Trial work months in the 60 months ending this month (of 9)" }),
  completedIn: z.string().nullable(),
  epeEndsIn: z.string().nullable(),
  inEpe: z.boolean(),
  epeMonths: z.array(z.object({ month: z.string(), number: z.number().int(), earned: z.number(), status: z.enum(EPE_MONTH_STATUSES) })),
  graceMonthsLeft: z.number().int(),
  monthsWithoutFigures: z.array(z.string()),
});
export type SsdiSummary = z.infer<typeof ssdiSummarySchema>;

export const benefitsOverviewSchema = z.object({
  today: z.string(),
  profile: benefitsProfileSchema,
  referrals: z.array(referralSchema),
  payStubs: z.array(payStubSchema),
  reports: z.array(earningsReportSchema),
  monthlyTotals: z.array(monthTotalSchema),
  ssiReporting: z.array(monthReportSchema).meta({ description: "Months to report to SSA (only with SSI), oldest first" }),
  ssdi: ssdiSummarySchema.nullable().meta({ description: "Trial work and EPE months (only with SSDI)" }),
});
export type BenefitsOverview = z.infer<typeof benefitsOverviewSchema>;

export const toDollars = (centsValue: number) => Math.round(centsValue) / 100;

export function monthReportView(report: MonthReport): MonthReportView {
  return {
    month: report.month, paid: toDollars(report.paidCents), dueOn: report.dueOn, status: report.status,
    reportedOn: report.reportedOn, reported: report.reportedCents === null ? null : toDollars(report.reportedCents),
  };
}

export function ssdiSummaryView(history: SsdiWorkHistory): SsdiSummary {
  return {
    trialWorkMonths: history.trialWorkMonths,
    monthsInWindow: history.monthsInWindow,
    completedIn: history.period.completedIn,
    epeEndsIn: history.period.epeEndsIn,
    inEpe: history.period.inEpe,
    epeMonths: history.epeMonths.map((m) => ({ month: m.month, number: m.number, earned: toDollars(m.earnedCents), status: m.status })),
    graceMonthsLeft: history.graceMonthsLeft,
    monthsWithoutFigures: history.monthsWithoutFigures,
  };
}

/**
 * What the estimator starts from for this participant: the benefits in the profile
 * and the SSDI position the earnings log shows. Age comes from the birth year, so
 * it may be a year off; the page lets the specialist correct it.
 */
export function estimateDefaults(overview: Pick<BenefitsOverview, "profile" | "ssdi" | "today">, studentExclusionUsed: number): Omit<EstimateRequestInput, "scenarios"> {
  const { profile, ssdi } = overview;
  const year = Number(overview.today.slice(0, 4));
  const ssdiMonthly = profile.hasSsdi ? profile.ssdiMonthly ?? 0 : 0;
  const defaults: Omit<EstimateRequestInput, "scenarios"> = {
    year,
    ssi: profile.hasSsi,
    ssdiMonthly,
    blind: profile.blind,
    student: profile.student,
    unearnedIncome: profile.otherUnearned ?? 0,
    irwe: profile.irweMonthly ?? 0,
  };
  if (profile.birthYear !== null) defaults.age = Math.max(0, year - profile.birthYear);
  if (profile.student) defaults.studentExclusionUsedThisYear = studentExclusionUsed;
  if (ssdiMonthly > 0 && ssdi) {
    defaults.twpMonthsUsed = Math.min(TRIAL_WORK_MONTHS, ssdi.completedIn ? TRIAL_WORK_MONTHS : ssdi.monthsInWindow);
    defaults.inEpe = ssdi.inEpe;
    defaults.graceMonthsLeft = ssdi.inEpe ? ssdi.graceMonthsLeft : 0;
  }
  return defaults;
}
