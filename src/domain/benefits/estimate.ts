import { formatDollars } from "../../i18n/format.ts";
import { translator, type Locale, type Translate } from "../../i18n/index.ts";
import { monthlyGrossFromHours, roundToCents } from "./money.ts";
import type { EstimateRequest, EstimateResult, ScenarioInput, ScenarioResult } from "./model.ts";
import { FIGURE_NAMES, parametersFor, type BenefitYear, type FigureName } from "./parameters.ts";
import { sgaThreshold, ssdiMonth, TRIAL_WORK_MONTHS } from "./ssdi.ts";
import { countableEarnedIncome, countableUnearnedIncome, ssiPayment, STUDENT_EXCLUSION_AGE_LIMIT } from "./ssi.ts";

export interface EstimateOptions {
  /** Years an administrator stored, laid over the built-in figures. */
  extraYears?: readonly BenefitYear[];
  /** The language of the summaries and notes: the reader's. */
  locale: Locale;
}

type MonthFigures = Omit<ScenarioResult, "changeFromBaseline" | "summary">;

export function scenarioGross(scenario: ScenarioInput): number {
  return "monthlyGross" in scenario ? roundToCents(scenario.monthlyGross) : monthlyGrossFromHours(scenario.hoursPerWeek, scenario.hourlyWage);
}

/** One month with the given gross wages: SSDI first, because SSDI paid that month is unearned income for SSI. */
function month(request: EstimateRequest, monthlyGross: number, parameters: BenefitYear): MonthFigures {
  const ssdi = ssdiMonth(request, monthlyGross, parameters);
  let ssi = { countableUnearned: 0, countableEarned: 0, payment: 0 };
  if (request.ssi) {
    const unearnedIncome = request.unearnedIncome + ssdi.payment;
    const countableUnearned = countableUnearnedIncome(unearnedIncome, parameters);
    const countableEarned = countableEarnedIncome(monthlyGross, { ...request, unearnedIncome }, parameters).countable;
    ssi = { countableUnearned, countableEarned, payment: ssiPayment(countableUnearned, countableEarned, parameters) };
  }
  const totalMonthlyIncome = roundToCents(monthlyGross + ssi.payment + ssdi.payment + request.unearnedIncome);
  return { monthlyGross, ssi, ssdi, totalMonthlyIncome };
}

/**
 * The estimator: the month without work, then each "what if" side by side, with a
 * plain-language paragraph for each and the notes that go with every estimate.
 * `request` has been through `estimateRequestSchemaFor(extraYears)`.
 */
export function estimate(request: EstimateRequest, options: EstimateOptions): EstimateResult {
  const locale = options.locale;
  const parameters = parametersFor(request.year, options.extraYears);
  if (!parameters) throw new Error(`No benefit figures for ${request.year}; validate the request first.`);
  const t = translator(locale);
  const money = (dollars: number) => formatDollars(dollars, locale);

  const noWork = month(request, 0, parameters);
  const baseline: ScenarioResult = { ...noWork, changeFromBaseline: 0, summary: baselineSummary(noWork, t, money) };
  const scenarios = request.scenarios.map((scenario): ScenarioResult => {
    const figures = month(request, scenarioGross(scenario), parameters);
    const changeFromBaseline = roundToCents(figures.totalMonthlyIncome - noWork.totalMonthlyIncome);
    const withChange = { ...figures, changeFromBaseline };
    return { ...withChange, summary: workSummary(request, withChange, noWork, parameters, t, money) };
  });
  return { year: request.year, baseline, scenarios, notes: notes(request, parameters, t) };
}

type Money = (dollars: number) => string;


function baselineSummary(noWork: MonthFigures, t: Translate, money: Money): string {
  if (noWork.totalMonthlyIncome === 0) return t("benefits.summary.baselineNothing");
  const sentences = [t("benefits.summary.baseline", { total: money(noWork.totalMonthlyIncome) })];
  if (noWork.ssi.payment > 0) sentences.push(t("benefits.summary.baselineSsi", { ssi: money(noWork.ssi.payment) }));
  if (noWork.ssdi.payment > 0) sentences.push(t("benefits.summary.baselineSsdi", { ssdi: money(noWork.ssdi.payment) }));
  return sentences.join(" ");
}

function workSummary(
  request: EstimateRequest, scenario: Omit<ScenarioResult, "summary">, noWork: MonthFigures, parameters: BenefitYear, t: Translate, money: Money,
): string {
  const sentences = [t("benefits.summary.work", { gross: money(scenario.monthlyGross), total: money(scenario.totalMonthlyIncome) })];
  const change = scenario.changeFromBaseline;
  if (change > 0) sentences.push(t("benefits.summary.more", { change: money(change) }));
  else if (change < 0) sentences.push(t("benefits.summary.less", { change: money(-change) }));
  else sentences.push(t("benefits.summary.same"));

  if (request.ssi) {
    const ssi = scenario.ssi.payment;
    const before = noWork.ssi.payment;
    if (ssi === 0 && before === 0) sentences.push(t("benefits.summary.ssiNone"));
    else if (ssi === 0) sentences.push(t("benefits.summary.ssiStops"));
    else if (ssi === before) sentences.push(t("benefits.summary.ssiSame", { ssi: money(ssi) }));
    else if (ssi < before) sentences.push(t("benefits.summary.ssiLower", { ssi: money(ssi) }));
    else sentences.push(t("benefits.summary.ssiHigher", { ssi: money(ssi) }));
  }

  const ssdi = money(scenario.ssdi.payment);
  const sga = money(sgaThreshold(request.blind, parameters));
  switch (scenario.ssdi.status) {
    case "none":
      break;
    case "twp":
      sentences.push(
        scenario.ssdi.trialWorkMonth
          ? t("benefits.summary.ssdiTrialWorkMonth", { ssdi, month: request.twpMonthsUsed + 1, of: TRIAL_WORK_MONTHS })
          : t("benefits.summary.ssdiNotTrialWorkMonth", { ssdi }),
      );
      break;
    case "epe-paid":
      sentences.push(t("benefits.summary.ssdiEpePaid", { ssdi, sga }));
      break;
    case "grace":
      sentences.push(t("benefits.summary.ssdiGrace", { ssdi }));
      break;
    case "epe-suspended":
      sentences.push(t("benefits.summary.ssdiSuspended", { sga }));
      break;
  }
  return sentences.join(" ");
}

/** The figures this request leans on: the student ones only for a student under 22. */
function figuresUsed(request: EstimateRequest): FigureName[] {
  const studentExclusionApplies = request.ssi && request.student && request.age < STUDENT_EXCLUSION_AGE_LIMIT;
  return FIGURE_NAMES.filter((name) => studentExclusionApplies || (name !== "studentExclusionMonthly" && name !== "studentExclusionYearly"));
}

/** benefits-rules.md, "What the estimator must always say", plus the SSI reporting and timing rules (SSI rule 6, POMS SI 02301.005). */
function notes(request: EstimateRequest, parameters: BenefitYear, t: Translate): string[] {
  const list = [t("benefits.note.estimate"), t("plain.estimate.counselor"), t("benefits.note.report")];
  if (request.ssi) list.push(t("benefits.note.ssiTiming"), t("plain.estimate.medicaid"));
  if (request.ssdiMonthly > 0) list.push(t("benefits.note.ssdi"));
  list.push(t("benefits.note.partTime"));
  if (figuresUsed(request).some((name) => !parameters.figures[name].verified)) {
    list.push(t("benefits.note.unverified", { year: request.year }));
  }
  return list;
}
