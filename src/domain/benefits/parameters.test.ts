import { describe, expect, it } from "vitest";
import { amount, benefitYearSchema, BUILT_IN_YEARS, FIGURE_NAMES, mergeYears, parametersFor, supportedYears, type BenefitYear } from "./parameters.ts";

// The table in ../shared/benefits-rules.md, figure by figure.
const EXPECTED = {
  2025: [967, 1450, 1160, 1620, 2700, 2350, 9460, 2000, 3000, 20, 65],
  2026: [994, 1491, 1210, 1690, 2830, 2410, 9730, 2000, 3000, 20, 65],
} as const;

describe("yearly parameters", () => {
  it("holds the 2025 and 2026 figures of benefits-rules.md, each with a source", () => {
    for (const year of [2025, 2026] as const) {
      const row = parametersFor(year)!;
      expect(FIGURE_NAMES.map((name) => amount(row, name))).toEqual(EXPECTED[year]);
      for (const name of FIGURE_NAMES) expect(row.figures[name].source.length).toBeGreaterThan(5);
      expect(benefitYearSchema.parse(row)).toEqual(row);
    }
  });

  it("marks the 2026 student exclusion figures as not yet checked against SSA, and nothing else", () => {
    const unverified = BUILT_IN_YEARS.flatMap((row) => FIGURE_NAMES.filter((name) => !row.figures[name].verified).map((name) => `${row.year}:${name}`));
    expect(unverified).toEqual(["2026:studentExclusionMonthly", "2026:studentExclusionYearly"]);
  });

  it("lays stored years over the built-in ones and adds new years", () => {
    const base = parametersFor(2026)!;
    const corrected: BenefitYear = {
      ...base,
      figures: { ...base.figures, studentExclusionMonthly: { amount: 2410, source: "SSA, checked", verified: true } },
    };
    const next: BenefitYear = { ...base, year: 2027 };
    expect(supportedYears()).toEqual([2025, 2026]);
    expect(supportedYears([next, corrected])).toEqual([2025, 2026, 2027]);
    expect(parametersFor(2026, [corrected])!.figures.studentExclusionMonthly.verified).toBe(true);
    expect(parametersFor(2027, [next])!.year).toBe(2027);
    expect(parametersFor(2027)).toBeUndefined();
    expect(mergeYears([corrected])).toHaveLength(2);
  });

  it("validates a year an administrator would add", () => {
    const base = parametersFor(2026)!;
    const result = benefitYearSchema.safeParse({
      year: 1999,
      figures: { ...base.figures, sgaBlind: { amount: -1, source: " " } },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["year", "benefits.parameters.year.invalid"],
      ["figures.sgaBlind.amount", "benefits.parameters.amount.invalid"],
      ["figures.sgaBlind.source", "benefits.parameters.source.required"],
    ]);
    expect(benefitYearSchema.parse({ ...base, year: 2027 }).figures.sgaBlind.verified).toBe(true);
  });
});
