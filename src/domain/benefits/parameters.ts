import { z } from "zod";

/**
 * The yearly Social Security figures, one row per year, each with where it came from
 * (../shared/benefits-rules.md, "Yearly parameters"). Formulas read figures from here
 * and never hard-code them; an administrator can add next year's row later, and
 * `parametersFor` lays stored rows over the built-in ones.
 */
export const FIGURE_NAMES = [
  "ssiFederalBenefitRateIndividual",
  "ssiFederalBenefitRateCouple",
  "trialWorkMonthEarnings",
  "sgaNotBlind",
  "sgaBlind",
  "studentExclusionMonthly",
  "studentExclusionYearly",
  "ssiResourceLimitIndividual",
  "ssiResourceLimitCouple",
  "generalIncomeExclusion",
  "earnedIncomeExclusion",
] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

export const figureSchema = z.strictObject({
  amount: z.number({ error: "benefits.parameters.amount.invalid" })
    .min(0, { error: "benefits.parameters.amount.invalid" })
    .max(1_000_000, { error: "benefits.parameters.amount.invalid" }),
  source: z.string().trim().min(1, { error: "benefits.parameters.source.required" }).max(500, { error: "common.tooLong" }),
  /** False while a figure rests on a secondary source and has not been checked against SSA. */
  verified: z.boolean().default(true),
});
export type Figure = z.infer<typeof figureSchema>;

/** One year of figures: the shape an admin page will store and validate. */
export const benefitYearSchema = z.strictObject({
  year: z.number({ error: "benefits.parameters.year.invalid" }).int({ error: "benefits.parameters.year.invalid" })
    .min(2000, { error: "benefits.parameters.year.invalid" }).max(2100, { error: "benefits.parameters.year.invalid" }),
  figures: z.strictObject(
    Object.fromEntries(FIGURE_NAMES.map((name) => [name, figureSchema])) as Record<FigureName, typeof figureSchema>,
  ),
});
export type BenefitYear = z.infer<typeof benefitYearSchema>;

const RED_BOOK_2025 = "SSA Red Book, What's new in 2025";
const COLA_2026 = "SSA COLA fact sheet for 2026";
const FEDERAL_REGISTER_2026 = "Federal Register notice of the 2026 SGA and TWP amounts";
const SECONDARY_2026 = "Secondary source only; not yet checked against SSA";
const EXCLUSIONS = "POMS SI 00820.500 (fixed amounts, unchanged each year)";

const figure = (amount: number, source: string, verified = true): Figure => ({ amount, source, verified });

export const BUILT_IN_YEARS: readonly BenefitYear[] = [
  {
    year: 2025,
    figures: {
      ssiFederalBenefitRateIndividual: figure(967, RED_BOOK_2025),
      ssiFederalBenefitRateCouple: figure(1450, RED_BOOK_2025),
      trialWorkMonthEarnings: figure(1160, RED_BOOK_2025),
      sgaNotBlind: figure(1620, RED_BOOK_2025),
      sgaBlind: figure(2700, RED_BOOK_2025),
      studentExclusionMonthly: figure(2350, RED_BOOK_2025),
      studentExclusionYearly: figure(9460, RED_BOOK_2025),
      ssiResourceLimitIndividual: figure(2000, RED_BOOK_2025),
      ssiResourceLimitCouple: figure(3000, RED_BOOK_2025),
      generalIncomeExclusion: figure(20, EXCLUSIONS),
      earnedIncomeExclusion: figure(65, EXCLUSIONS),
    },
  },
  {
    year: 2026,
    figures: {
      ssiFederalBenefitRateIndividual: figure(994, COLA_2026),
      ssiFederalBenefitRateCouple: figure(1491, COLA_2026),
      trialWorkMonthEarnings: figure(1210, FEDERAL_REGISTER_2026),
      sgaNotBlind: figure(1690, FEDERAL_REGISTER_2026),
      sgaBlind: figure(2830, FEDERAL_REGISTER_2026),
      studentExclusionMonthly: figure(2410, SECONDARY_2026, false),
      studentExclusionYearly: figure(9730, SECONDARY_2026, false),
      ssiResourceLimitIndividual: figure(2000, COLA_2026),
      ssiResourceLimitCouple: figure(3000, COLA_2026),
      generalIncomeExclusion: figure(20, EXCLUSIONS),
      earnedIncomeExclusion: figure(65, EXCLUSIONS),
    },
  },
];

/** Built-in years with stored years laid over them (a stored year replaces the built-in one), oldest first. */
export function mergeYears(extraYears: readonly BenefitYear[] = []): BenefitYear[] {
  const byYear = new Map<number, BenefitYear>();
  for (const row of [...BUILT_IN_YEARS, ...extraYears]) byYear.set(row.year, row);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export function supportedYears(extraYears: readonly BenefitYear[] = []): number[] {
  return mergeYears(extraYears).map((row) => row.year);
}

export function parametersFor(year: number, extraYears: readonly BenefitYear[] = []): BenefitYear | undefined {
  return mergeYears(extraYears).find((row) => row.year === year);
}

/** The amount of one figure, the only way formulas read the table. */
export function amount(parameters: BenefitYear, name: FigureName): number {
  return parameters.figures[name].amount;
}
