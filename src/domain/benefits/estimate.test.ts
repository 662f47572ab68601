import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimate } from "./estimate.ts";
import { estimateRequestSchema, type EstimateRequestInput } from "./model.ts";

const run = (input: EstimateRequestInput) => estimate(estimateRequestSchema.parse(input), { locale: "en" });
const figures = (input: EstimateRequestInput) => {
  const { baseline, scenarios } = run(input);
  const strip = ({ summary: _summary, ...rest }: typeof baseline) => rest;
  return { baseline: strip(baseline), scenarios: scenarios.map(strip) };
};

describe("estimate: the issue's example", () => {
  it("2026, SSI only, 1300 a month: countable 607.50, SSI 386.50, total 1686.50, +692.50", () => {
    const result = run({ year: 2026, scenarios: [{ monthlyGross: 1300 }] });
    expect(result.year).toBe(2026);
    expect(result.baseline).toMatchObject({
      monthlyGross: 0, ssi: { countableUnearned: 0, countableEarned: 0, payment: 994 }, totalMonthlyIncome: 994, changeFromBaseline: 0,
    });
    expect(result.scenarios[0]).toMatchObject({
      monthlyGross: 1300,
      ssi: { countableUnearned: 0, countableEarned: 607.5, payment: 386.5 },
      ssdi: { payment: 0, trialWorkMonth: false, status: "none" },
      totalMonthlyIncome: 1686.5,
      changeFromBaseline: 692.5,
    });
    expect(result.scenarios[0]!.summary).toBe(
      "If you earn $1,300 a month before taxes, you will have $1,686.50 a month in all. That is $692.50 more than without a job. Your SSI check goes down to $386.50, but it does not stop.",
    );
  });

  it("gives the same answer for 20 hours at $15 as for $1300 a month", () => {
    const result = run({ year: 2026, scenarios: [{ hoursPerWeek: 20, hourlyWage: 15 }, { monthlyGross: 1300 }] });
    expect(result.scenarios[0]).toEqual(result.scenarios[1]);
  });
});

describe("estimate: worked examples", () => {
  it("2025, SSI only, 10/20/30 hours at $15: 650, 1300, 1950", () => {
    // 650 - 85 = 565 / 2 = 282.50 -> 684.50; 1300 -> 359.50; 1950 - 85 = 1865 / 2 = 932.50 -> 34.50
    const result = figures({ year: 2025, scenarios: [10, 20, 30].map((hoursPerWeek) => ({ hoursPerWeek, hourlyWage: 15 })) });
    expect(result.scenarios.map((s) => [s.monthlyGross, s.ssi.payment, s.totalMonthlyIncome, s.changeFromBaseline])).toEqual([
      [650, 684.5, 1334.5, 367.5],
      [1300, 359.5, 1659.5, 692.5],
      [1950, 34.5, 1984.5, 1017.5],
    ]);
  });

  it("2026 with $300 unearned income: baseline 714 SSI + 300; 800 earned -> SSI 346.50, total 1446.50", () => {
    const result = figures({ year: 2026, unearnedIncome: 300, scenarios: [{ monthlyGross: 800 }] });
    expect(result.baseline).toMatchObject({ ssi: { countableUnearned: 280, payment: 714 }, totalMonthlyIncome: 1014 });
    expect(result.scenarios[0]).toMatchObject({
      ssi: { countableUnearned: 280, countableEarned: 367.5, payment: 346.5 }, totalMonthlyIncome: 1446.5, changeFromBaseline: 432.5,
    });
  });

  it("2025 with $10 unearned income: 500 earned -> SSI 754.50, total 1264.50", () => {
    const result = figures({ year: 2025, unearnedIncome: 10, scenarios: [{ monthlyGross: 500 }] });
    expect(result.baseline).toMatchObject({ ssi: { payment: 967 }, totalMonthlyIncome: 977 });
    expect(result.scenarios[0]).toMatchObject({ ssi: { countableEarned: 212.5, payment: 754.5 }, totalMonthlyIncome: 1264.5, changeFromBaseline: 287.5 });
  });

  it("2026 student at the yearly cap: 730 left of 9730, 1500 earned -> countable 342.50, SSI 651.50", () => {
    const result = figures({ year: 2026, student: true, age: 19, studentExclusionUsedThisYear: 9000, scenarios: [{ monthlyGross: 1500 }] });
    expect(result.scenarios[0]!.ssi).toEqual({ countableUnearned: 0, countableEarned: 342.5, payment: 651.5 });
  });

  it("2025 student at the yearly cap: 1460 left of 9460, 2000 earned -> countable 227.50, SSI 739.50", () => {
    const result = figures({ year: 2025, student: true, age: 20, studentExclusionUsedThisYear: 8000, scenarios: [{ monthlyGross: 2000 }] });
    expect(result.scenarios[0]!.ssi).toEqual({ countableUnearned: 0, countableEarned: 227.5, payment: 739.5 });
  });

  it("IRWE in SSI: 2026, 1300 with 100 IRWE -> SSI 436.50; 2025, 1000 with 200 IRWE -> SSI 609.50", () => {
    expect(figures({ year: 2026, irwe: 100, scenarios: [{ monthlyGross: 1300 }] }).scenarios[0]!.ssi.payment).toBe(436.5);
    expect(figures({ year: 2025, irwe: 200, scenarios: [{ monthlyGross: 1000 }] }).scenarios[0]!.ssi.payment).toBe(609.5);
  });

  it("IRWE in SGA: 2026, SSDI 1200 in the EPE, 1800 earned is paid only with 150 IRWE", () => {
    const base: EstimateRequestInput = { year: 2026, ssi: false, ssdiMonthly: 1200, twpMonthsUsed: 9, inEpe: true, scenarios: [{ monthlyGross: 1800 }] };
    expect(figures(base).scenarios[0]).toMatchObject({ ssdi: { payment: 0, status: "epe-suspended" }, totalMonthlyIncome: 1800, changeFromBaseline: 600 });
    expect(figures({ ...base, irwe: 150 }).scenarios[0]).toMatchObject({ ssdi: { payment: 1200, status: "epe-paid" }, totalMonthlyIncome: 3000 });
  });

  it("a TWP month just at and just over the threshold, 2026 and 2025; SSDI is paid in full either way", () => {
    const at2026 = figures({ year: 2026, ssi: false, ssdiMonthly: 900, scenarios: [{ monthlyGross: 1210 }, { monthlyGross: 1210.01 }] });
    expect(at2026.scenarios.map((s) => [s.ssdi.trialWorkMonth, s.ssdi.payment, s.ssdi.status])).toEqual([[false, 900, "twp"], [true, 900, "twp"]]);
    const at2025 = figures({ year: 2025, ssi: false, ssdiMonthly: 900, scenarios: [{ monthlyGross: 1160 }, { monthlyGross: 1160.01 }] });
    expect(at2025.scenarios.map((s) => s.ssdi.trialWorkMonth)).toEqual([false, true]);
    expect(at2025.baseline.ssdi).toEqual({ payment: 900, trialWorkMonth: false, status: "twp" });
  });

  it("EPE below, at and above SGA (2025: 1620) and the grace period", () => {
    const epe = { year: 2025, ssi: false, ssdiMonthly: 1000, twpMonthsUsed: 9, inEpe: true };
    const scenarios = [{ monthlyGross: 1000 }, { monthlyGross: 1620 }, { monthlyGross: 1620.01 }];
    expect(figures({ ...epe, scenarios }).scenarios.map((s) => s.ssdi.status)).toEqual(["epe-paid", "epe-paid", "epe-suspended"]);
    expect(figures({ ...epe, graceMonthsLeft: 3, scenarios }).scenarios.map((s) => [s.ssdi.status, s.ssdi.payment])).toEqual([
      ["epe-paid", 1000], ["epe-paid", 1000], ["grace", 1000],
    ]);
  });

  it("both SSI and SSDI, 2025, in the TWP: SSDI 500 is unearned income; 600 earned -> SSI 219.50", () => {
    // Unearned 500 - 20 = 480; earned 600 - 65 = 535 / 2 = 267.50; 967 - 480 - 267.50 = 219.50.
    const result = figures({ year: 2025, ssdiMonthly: 500, scenarios: [{ monthlyGross: 600 }] });
    expect(result.baseline).toMatchObject({ ssi: { countableUnearned: 480, payment: 487 }, ssdi: { payment: 500, status: "twp" }, totalMonthlyIncome: 987 });
    expect(result.scenarios[0]).toMatchObject({
      ssi: { countableUnearned: 480, countableEarned: 267.5, payment: 219.5 },
      ssdi: { payment: 500, trialWorkMonth: false, status: "twp" },
      totalMonthlyIncome: 1319.5,
      changeFromBaseline: 332.5,
    });
  });

  it("both SSI and SSDI, 2026, in the EPE above SGA: SSDI stops, so the $20 moves to earnings and SSI goes up", () => {
    // Baseline: 800 - 20 = 780 countable, SSI 994 - 780 = 214, total 1014.
    // 1800 earned, SSDI suspended: 1800 - 20 - 65 = 1715 / 2 = 857.50, SSI 994 - 857.50 = 136.50, total 1936.50.
    const result = run({ year: 2026, ssdiMonthly: 800, twpMonthsUsed: 9, inEpe: true, scenarios: [{ monthlyGross: 1800 }] });
    expect(result.baseline).toMatchObject({ ssi: { payment: 214 }, ssdi: { payment: 800, status: "epe-paid" }, totalMonthlyIncome: 1014 });
    expect(result.scenarios[0]).toMatchObject({
      ssi: { countableUnearned: 0, countableEarned: 857.5, payment: 136.5 },
      ssdi: { payment: 0, status: "epe-suspended" },
      totalMonthlyIncome: 1936.5,
      changeFromBaseline: 922.5,
    });
    expect(result.scenarios[0]!.summary).toContain("Your SSDI is not paid in months you earn this much");
  });

  it("past the SSI break-even point: 2026, 2073 and 2500 pay no SSI; 2025, 2019 pays none and 2018 pays 0.50", () => {
    const y2026 = figures({ year: 2026, scenarios: [{ monthlyGross: 2072 }, { monthlyGross: 2073 }, { monthlyGross: 2500 }] });
    expect(y2026.scenarios.map((s) => [s.ssi.payment, s.totalMonthlyIncome])).toEqual([[0.5, 2072.5], [0, 2073], [0, 2500]]);
    const y2025 = figures({ year: 2025, scenarios: [{ monthlyGross: 2018 }, { monthlyGross: 2019 }] });
    expect(y2025.scenarios.map((s) => s.ssi.payment)).toEqual([0.5, 0]);
    expect(run({ year: 2026, scenarios: [{ monthlyGross: 2500 }] }).scenarios[0]!.summary).toContain("Medicaid usually keeps going");
  });
});

describe("estimate: summaries and notes", () => {
  it("writes a plain sentence for each SSDI status", () => {
    const twp = run({ year: 2026, ssi: false, ssdiMonthly: 900, twpMonthsUsed: 2, scenarios: [{ monthlyGross: 1500 }, { monthlyGross: 600 }] });
    expect(twp.scenarios[0]!.summary).toContain("This month counts as trial work month 3 of 9.");
    expect(twp.scenarios[1]!.summary).toContain("does not use up a trial work month");
    expect(twp.baseline.summary).toBe("Without a job, you get $900 a month. SSDI pays $900.");
    const grace = run({ year: 2026, ssi: false, ssdiMonthly: 900, twpMonthsUsed: 9, inEpe: true, graceMonthsLeft: 3, scenarios: [{ monthlyGross: 2000 }, { monthlyGross: 1000 }] });
    expect(grace.scenarios[0]!.summary).toContain("because it is a grace month");
    expect(grace.scenarios[1]!.summary).toContain("not over Social Security's limit of $1,690");
  });

  it("says when work pays less than not working, and when there is nothing without work", () => {
    const lower = run({ year: 2026, ssi: false, ssdiMonthly: 2000, twpMonthsUsed: 9, inEpe: true, scenarios: [{ monthlyGross: 1700 }] });
    expect(lower.scenarios[0]!.summary).toContain("That is $300 less than without a job.");
    expect(run({ year: 2026, ssi: false, scenarios: [{ monthlyGross: 0 }] }).baseline.summary).toContain("no benefits");
  });

  it("always says it is an estimate, to confirm with a CWIC and to report pay by the 10th", () => {
    for (const input of [
      { year: 2026, scenarios: [{ monthlyGross: 1300 }] },
      { year: 2025, ssi: false, ssdiMonthly: 900, scenarios: [{ monthlyGross: 1300 }] },
      { year: 2025, ssi: false, scenarios: [{ monthlyGross: 0 }] },
    ]) {
      const text = run(input).notes.join("\n");
      expect(text).toContain("estimate based on federal rules only");
      // Plain words for families: the official names are on the glossary page.
      expect(text).toContain("free benefits counselor");
      expect(text).not.toContain("CWIC");
      expect(text).toContain("by the 10th of the month after");
      expect(text).toContain("part-time");
    }
    const ssi = run({ year: 2026, scenarios: [{ monthlyGross: 1300 }] }).notes.join("\n");
    expect(ssi).toContain("two months later");
    expect(ssi).toContain("keep Medicaid after your SSI check stops");
    expect(ssi).not.toContain("1619(b)");
  });

  it("warns about unchecked figures only when the estimate uses them (2026 student exclusion)", () => {
    const unchecked = (input: EstimateRequestInput) => run(input).notes.some((note) => note.includes("not yet been checked"));
    expect(unchecked({ year: 2026, student: true, age: 19, scenarios: [{ monthlyGross: 1300 }] })).toBe(true);
    expect(unchecked({ year: 2026, scenarios: [{ monthlyGross: 1300 }] })).toBe(false);
    expect(unchecked({ year: 2025, student: true, age: 19, scenarios: [{ monthlyGross: 1300 }] })).toBe(false);
  });
});

const cents = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
const scenarioArb = fc.oneof(
  fc.record({ monthlyGross: cents(6000) }),
  fc.record({ hoursPerWeek: fc.integer({ min: 0, max: 60 }), hourlyWage: cents(60) }),
);
const requestArb = fc.record({
  year: fc.constantFrom(2025, 2026),
  ssi: fc.boolean(),
  ssdiMonthly: fc.oneof(fc.constant(0), cents(3000)),
  twpMonthsUsed: fc.integer({ min: 0, max: 8 }),
  inEpe: fc.boolean(),
  graceMonthsLeft: fc.integer({ min: 0, max: 3 }),
  blind: fc.boolean(),
  student: fc.boolean(),
  age: fc.integer({ min: 14, max: 70 }),
  studentExclusionUsedThisYear: cents(10000),
  unearnedIncome: cents(1500),
  irwe: cents(500),
  pass: cents(500),
  scenarios: fc.array(scenarioArb, { minLength: 1, maxLength: 4 }),
}).chain((request) => cents(300).map((blindWorkExpenses) => ({ ...request, blindWorkExpenses: request.blind ? blindWorkExpenses : 0 })));

describe("estimate: properties", () => {
  it("more wages never lower total monthly income under SSI alone", () => {
    fc.assert(
      fc.property(requestArb, cents(6000), cents(500), (request, gross, raise) => {
        const ssiAlone = { ...request, ssi: true, ssdiMonthly: 0, scenarios: [{ monthlyGross: gross }, { monthlyGross: gross + raise }] };
        const [lower, higher] = run(ssiAlone).scenarios;
        expect(higher!.totalMonthlyIncome).toBeGreaterThanOrEqual(lower!.totalMonthlyIncome);
      }),
      { numRuns: 500 },
    );
  });

  it("never pays a negative amount and never counts negative income", () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const result = run(request);
        for (const s of [result.baseline, ...result.scenarios]) {
          expect(s.ssi.payment).toBeGreaterThanOrEqual(0);
          expect(s.ssdi.payment).toBeGreaterThanOrEqual(0);
          expect(s.ssi.countableEarned).toBeGreaterThanOrEqual(0);
          expect(s.ssi.countableUnearned).toBeGreaterThanOrEqual(0);
          expect(s.ssi.payment).toBeLessThanOrEqual(request.year === 2025 ? 967 : 994);
          // Every figure is in whole cents.
          for (const dollars of [s.monthlyGross, s.ssi.payment, s.ssi.countableEarned, s.ssdi.payment, s.totalMonthlyIncome, s.changeFromBaseline]) {
            expect(Math.round(dollars * 100) / 100).toBe(dollars);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("gives each scenario the same result whatever the order of the scenarios", () => {
    fc.assert(
      fc.property(requestArb.chain((request) => fc.shuffledSubarray(request.scenarios.map((_, i) => i), { minLength: request.scenarios.length })
        .map((order) => ({ request, order }))), ({ request, order }) => {
        const forward = run(request).scenarios;
        const shuffled = run({ ...request, scenarios: order.map((i) => request.scenarios[i]!) }).scenarios;
        expect(shuffled).toEqual(order.map((i) => forward[i]));
      }),
      { numRuns: 300 },
    );
  });
});
