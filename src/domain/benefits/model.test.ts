import { describe, expect, it } from "vitest";
import { estimateRequestSchema, estimateRequestSchemaFor, estimateResultSchema } from "./model.ts";
import { estimate } from "./estimate.ts";
import { parametersFor } from "./parameters.ts";

const problems = (input: unknown) => {
  const result = estimateRequestSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
};

describe("the estimate request", () => {
  it("fills the defaults of the issue around year and scenarios", () => {
    expect(estimateRequestSchema.parse({ year: 2026, scenarios: [{ monthlyGross: 1300 }] })).toEqual({
      year: 2026, ssi: true, ssdiMonthly: 0, twpMonthsUsed: 0, inEpe: false, graceMonthsLeft: 0, blind: false, student: false,
      age: 30, studentExclusionUsedThisYear: 0, unearnedIncome: 0, irwe: 0, blindWorkExpenses: 0, pass: 0,
      scenarios: [{ monthlyGross: 1300 }],
    });
  });

  it("names each problem with a message key", () => {
    expect(problems(42)).toEqual([["", "benefits.request.invalid"]]);
    expect(problems({})).toEqual([["year", "benefits.year.required"], ["scenarios", "benefits.scenarios.required"]]);
    expect(problems({ year: 2024, scenarios: [] })).toEqual([["year", "benefits.year.unsupported"], ["scenarios", "benefits.scenarios.required"]]);
    expect(problems({ year: 2026, scenarios: Array(5).fill({ monthlyGross: 1 }) })).toEqual([["scenarios", "benefits.scenarios.tooMany"]]);
    expect(problems({ year: 2026, scenarios: [{ monthlyGross: -1 }, { hoursPerWeek: 200, hourlyWage: 15 }, { hoursPerWeek: 20 }] })).toEqual([
      ["scenarios.0.monthlyGross", "benefits.money.negative"],
      ["scenarios.1.hoursPerWeek", "benefits.hoursPerWeek.invalid"],
      ["scenarios.2", "benefits.scenario.invalid"],
    ]);
    expect(problems({ year: 2026, irwe: "10", twpMonthsUsed: 10, age: 1.5, graceMonthsLeft: 4, ssi: "yes", scenarios: [{ monthlyGross: 1 }] })).toEqual([
      ["ssi", "benefits.boolean.invalid"],
      ["twpMonthsUsed", "benefits.twpMonthsUsed.invalid"],
      ["graceMonthsLeft", "benefits.graceMonthsLeft.invalid"],
      ["age", "benefits.age.invalid"],
      ["irwe", "benefits.money.invalid"],
    ]);
    expect(problems({ year: 2026, ssdi: 900, scenarios: [{ monthlyGross: 1 }] })).toEqual([["", "benefits.request.unknownField"]]);
  });

  it("asks for the EPE once all 9 trial work months are used, and refuses blind work expenses for someone not blind", () => {
    expect(problems({ year: 2026, ssdiMonthly: 900, twpMonthsUsed: 9, scenarios: [{ monthlyGross: 1 }] })).toEqual([["inEpe", "benefits.inEpe.required"]]);
    expect(problems({ year: 2026, ssdiMonthly: 900, twpMonthsUsed: 9, inEpe: true, scenarios: [{ monthlyGross: 1 }] })).toEqual([]);
    expect(problems({ year: 2026, blindWorkExpenses: 50, scenarios: [{ monthlyGross: 1 }] })).toEqual([["blindWorkExpenses", "benefits.blindWorkExpenses.notBlind"]]);
    expect(problems({ year: 2026, blind: true, blindWorkExpenses: 50, scenarios: [{ monthlyGross: 1 }] })).toEqual([]);
  });

  it("accepts a year an administrator added, and estimates with its figures", () => {
    const next = { ...parametersFor(2026)!, year: 2027 };
    const schema = estimateRequestSchemaFor([next]);
    const request = schema.parse({ year: 2027, scenarios: [{ monthlyGross: 1300 }] });
    expect(estimate(request, { extraYears: [next], locale: "en" }).scenarios[0]!.ssi.payment).toBe(386.5);
    expect(() => estimate(request, { locale: "en" })).toThrow();
  });

  it("reuses the schema for the same years, and makes a new one when the years change", () => {
    const next = { ...parametersFor(2026)!, year: 2027 };
    expect(estimateRequestSchemaFor([])).toBe(estimateRequestSchema);
    expect(estimateRequestSchemaFor([next])).toBe(estimateRequestSchemaFor([{ ...next }]));
    expect(estimateRequestSchemaFor([next])).not.toBe(estimateRequestSchema);
    expect(estimateRequestSchema.safeParse({ year: 2027, scenarios: [{ monthlyGross: 1 }] }).success).toBe(false);
  });
});

describe("the estimate result", () => {
  it("matches its own schema", () => {
    const result = estimate(estimateRequestSchema.parse({ year: 2025, ssdiMonthly: 700, scenarios: [{ monthlyGross: 900 }, { hoursPerWeek: 30, hourlyWage: 17.25 }] }), { locale: "en" });
    expect(estimateResultSchema.parse(result)).toEqual(result);
  });
});
