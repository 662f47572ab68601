import { z } from "zod";
import { supportedYears, type BenefitYear } from "./parameters.ts";
import { PAID_MONTHS_FROM_CESSATION, SSDI_STATUSES, TRIAL_WORK_MONTHS } from "./ssdi.ts";

export const MAX_SCENARIOS = 4;
const MAX_MONTHLY_DOLLARS = 100_000;

const money = (description: string) =>
  z.number({ error: "benefits.money.invalid" })
    .min(0, { error: "benefits.money.negative" })
    .max(MAX_MONTHLY_DOLLARS, { error: "benefits.money.tooLarge" })
    .meta({ description });

const hoursScenarioSchema = z.strictObject({
  hoursPerWeek: z.number({ error: "benefits.hoursPerWeek.invalid" })
    .min(0, { error: "benefits.hoursPerWeek.invalid" }).max(168, { error: "benefits.hoursPerWeek.invalid" }),
  hourlyWage: z.number({ error: "benefits.hourlyWage.invalid" })
    .min(0, { error: "benefits.hourlyWage.invalid" }).max(1000, { error: "benefits.hourlyWage.invalid" }),
});
const grossScenarioSchema = z.strictObject({
  monthlyGross: money("Gross (before tax) wages in the month, in dollars."),
});
export const scenarioInputSchema = z.union([hoursScenarioSchema, grossScenarioSchema], { error: "benefits.scenario.invalid" });
export type ScenarioInput = z.infer<typeof scenarioInputSchema>;

const schemasByYears = new Map<string, ReturnType<typeof buildEstimateRequestSchema>>();

/**
 * The estimate request for the page, `POST /api/v1/benefits/estimate` and
 * `allies benefits estimate`. The years a request may name are the built-in ones plus
 * any an administrator stored, so the schema is made for a list of stored years;
 * `estimateRequestSchema` is the one for the built-in years.
 *
 * Made once per list of years: building a zod schema costs more than parsing with
 * it (zod compiles a validator for each new object schema), and every estimate
 * request asked for one.
 */
export function estimateRequestSchemaFor(extraYears: readonly BenefitYear[] = []) {
  const years = supportedYears(extraYears);
  const key = years.join(",");
  let schema = schemasByYears.get(key);
  if (!schema) {
    // Stored years change a few times a year; the cap only bounds a pathological run of changes.
    if (schemasByYears.size >= 20) schemasByYears.clear();
    schema = buildEstimateRequestSchema(years);
    schemasByYears.set(key, schema);
  }
  return schema;
}

function buildEstimateRequestSchema(years: readonly number[]) {
  return z.strictObject(
    {
      year: z.number({ error: "benefits.year.required" }).int({ error: "benefits.year.required" })
        .refine((year) => years.includes(year), { error: "benefits.year.unsupported" })
        .meta({ description: `A year with benefit figures (built in: ${years.join(", ")}; an administrator can add more).` }),
      ssi: z.boolean({ error: "benefits.boolean.invalid" }).default(true).meta({ description: "Gets SSI (individual, no state supplement)." }),
      ssdiMonthly: money("Monthly SSDI benefit; 0 means no SSDI.").default(0),
      twpMonthsUsed: z.number({ error: "benefits.twpMonthsUsed.invalid" }).int({ error: "benefits.twpMonthsUsed.invalid" })
        .min(0, { error: "benefits.twpMonthsUsed.invalid" }).max(TRIAL_WORK_MONTHS, { error: "benefits.twpMonthsUsed.invalid" })
        .default(0).meta({ description: "Trial work months already used in the last 60 months (0 to 9)." }),
      inEpe: z.boolean({ error: "benefits.boolean.invalid" }).default(false)
        .meta({ description: "In the Extended Period of Eligibility (the 36 months after the 9th trial work month)." }),
      graceMonthsLeft: z.number({ error: "benefits.graceMonthsLeft.invalid" }).int({ error: "benefits.graceMonthsLeft.invalid" })
        .min(0, { error: "benefits.graceMonthsLeft.invalid" }).max(PAID_MONTHS_FROM_CESSATION, { error: "benefits.graceMonthsLeft.invalid" })
        .default(0).meta({ description: "Paid months left of the cessation month and the two grace months: 3 for someone in the EPE who has not yet worked above SGA." }),
      blind: z.boolean({ error: "benefits.boolean.invalid" }).default(false),
      student: z.boolean({ error: "benefits.boolean.invalid" }).default(false).meta({ description: "Regularly attending school." }),
      age: z.number({ error: "benefits.age.invalid" }).int({ error: "benefits.age.invalid" })
        .min(0, { error: "benefits.age.invalid" }).max(130, { error: "benefits.age.invalid" }).default(30),
      studentExclusionUsedThisYear: money("Student earned income exclusion already used this calendar year.").default(0),
      unearnedIncome: money("Unearned income in the month other than SSDI (SSDI is counted from ssdiMonthly).").default(0),
      irwe: money("Impairment-related work expenses in the month.").default(0),
      blindWorkExpenses: money("Blind work expenses in the month (only for blind people).").default(0),
      pass: money("Earnings set aside under a Plan to Achieve Self-Support (PASS).").default(0),
      scenarios: z.array(scenarioInputSchema, { error: "benefits.scenarios.required" })
        .min(1, { error: "benefits.scenarios.required" }).max(MAX_SCENARIOS, { error: "benefits.scenarios.tooMany" })
        .meta({ description: "One to four ways of working: hours per week and hourly wage, or monthly gross." }),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? "benefits.request.unknownField" : "benefits.request.invalid") },
  ).superRefine((request, ctx) => {
    // The EPE starts the month after the 9th trial work month; the estimate has no status for after the EPE.
    if (request.ssdiMonthly > 0 && request.twpMonthsUsed >= TRIAL_WORK_MONTHS && !request.inEpe) {
      ctx.addIssue({ code: "custom", path: ["inEpe"], message: "benefits.inEpe.required" });
    }
    if (!request.blind && request.blindWorkExpenses > 0) {
      ctx.addIssue({ code: "custom", path: ["blindWorkExpenses"], message: "benefits.blindWorkExpenses.notBlind" });
    }
  });
}

export const estimateRequestSchema = estimateRequestSchemaFor();
export type EstimateRequestInput = z.input<typeof estimateRequestSchema>;
export type EstimateRequest = z.output<typeof estimateRequestSchema>;

const dollars = (description: string) => z.number().meta({ description });

export const scenarioResultSchema = z.object({
  monthlyGross: dollars("Gross wages in the month (0 for the baseline)."),
  ssi: z.object({
    countableUnearned: dollars("Countable unearned income after the $20 general exclusion."),
    countableEarned: dollars("Countable earned income after every exclusion."),
    payment: dollars("The SSI payment (0 if not on SSI)."),
  }),
  ssdi: z.object({
    payment: dollars("The SSDI payment for the month."),
    trialWorkMonth: z.boolean().meta({ description: "The month counts as a trial work month." }),
    status: z.enum(SSDI_STATUSES),
  }),
  totalMonthlyIncome: dollars("Wages + SSI + SSDI + other unearned income, before tax."),
  changeFromBaseline: dollars("Total monthly income minus the total without work."),
  summary: z.string().meta({ description: "One plain-language paragraph for the family." }),
});
export type ScenarioResult = z.infer<typeof scenarioResultSchema>;

export const estimateResultSchema = z.object({
  year: z.number().int(),
  baseline: scenarioResultSchema,
  scenarios: z.array(scenarioResultSchema),
  notes: z.array(z.string()).meta({ description: "Notes to show with every estimate." }),
});
export type EstimateResult = z.infer<typeof estimateResultSchema>;
