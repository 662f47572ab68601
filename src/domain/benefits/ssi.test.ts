import { describe, expect, it } from "vitest";
import { parametersFor } from "./parameters.ts";
import {
  countableEarnedIncome, countableUnearnedIncome, generalExclusionLeftForEarnings, ssiBreakEvenEarnings, ssiPayment, studentEarnedIncomeExclusion,
  type EarnedIncomeFacts,
} from "./ssi.ts";

const y2025 = parametersFor(2025)!;
const y2026 = parametersFor(2026)!;
const facts = (overrides: Partial<EarnedIncomeFacts> = {}): EarnedIncomeFacts => ({
  unearnedIncome: 0, student: false, age: 30, studentExclusionUsedThisYear: 0, irwe: 0, blind: false, blindWorkExpenses: 0, pass: 0, ...overrides,
});

describe("SSI countable unearned income (the $20 general exclusion)", () => {
  it("takes $20 off unearned income, never below 0, and leaves the rest of the $20 for earnings", () => {
    expect(countableUnearnedIncome(300, y2026)).toBe(280);
    expect(countableUnearnedIncome(10, y2025)).toBe(0);
    expect(countableUnearnedIncome(0, y2025)).toBe(0);
    expect(generalExclusionLeftForEarnings(10, y2025)).toBe(10);
    expect(generalExclusionLeftForEarnings(300, y2026)).toBe(0);
    expect(generalExclusionLeftForEarnings(0, y2026)).toBe(20);
  });
});

describe("SSI countable earned income, exclusions in their legal order", () => {
  it("2026, earnings only: 1300 - 20 - 65 = 1215, half = 607.50 (the issue's example)", () => {
    const result = countableEarnedIncome(1300, facts(), y2026);
    expect(result.countable).toBe(607.5);
    expect(result.exclusions).toEqual({ student: 0, general: 20, earnedIncome: 65, irwe: 0, oneHalf: 607.5, blindWorkExpenses: 0, pass: 0 });
    expect(ssiPayment(0, 607.5, y2026)).toBe(386.5);
  });

  it("2025, earnings only: 1300 -> 607.50 countable, 967 - 607.50 = 359.50", () => {
    expect(countableEarnedIncome(1300, facts(), y2025).countable).toBe(607.5);
    expect(ssiPayment(0, 607.5, y2025)).toBe(359.5);
  });

  it("2026 with $300 unearned: the $20 is used up, 800 - 65 = 735, half = 367.50; 994 - 280 - 367.50 = 346.50", () => {
    const countableEarned = countableEarnedIncome(800, facts({ unearnedIncome: 300 }), y2026).countable;
    expect(countableEarned).toBe(367.5);
    expect(ssiPayment(countableUnearnedIncome(300, y2026), countableEarned, y2026)).toBe(346.5);
  });

  it("2025 with $10 unearned: $10 of the $20 is left, 500 - 10 - 65 = 425, half = 212.50; 967 - 0 - 212.50 = 754.50", () => {
    const countableEarned = countableEarnedIncome(500, facts({ unearnedIncome: 10 }), y2025).countable;
    expect(countableEarned).toBe(212.5);
    expect(ssiPayment(countableUnearnedIncome(10, y2025), countableEarned, y2025)).toBe(754.5);
  });

  it("subtracts IRWE after the $65 and before the half: 2026, 1300 - 20 - 65 - 100 = 1115, half = 557.50, pays 436.50", () => {
    const result = countableEarnedIncome(1300, facts({ irwe: 100 }), y2026);
    expect(result.countable).toBe(557.5);
    expect(ssiPayment(0, result.countable, y2026)).toBe(436.5);
  });

  it("2025 IRWE: 1000 - 20 - 65 - 200 = 715, half = 357.50, pays 609.50", () => {
    const result = countableEarnedIncome(1000, facts({ irwe: 200 }), y2025);
    expect(result.countable).toBe(357.5);
    expect(ssiPayment(0, result.countable, y2025)).toBe(609.5);
  });

  it("takes blind work expenses and PASS after the half, dollar for dollar: 2026, 1215 / 2 = 607.50 - 100 - 50 = 457.50", () => {
    const result = countableEarnedIncome(1300, facts({ blind: true, blindWorkExpenses: 100, pass: 50 }), y2026);
    expect(result.countable).toBe(457.5);
    expect(result.exclusions).toMatchObject({ oneHalf: 607.5, blindWorkExpenses: 100, pass: 50 });
    expect(ssiPayment(0, 457.5, y2026)).toBe(536.5);
  });

  it("ignores blind work expenses for someone who is not blind", () => {
    expect(countableEarnedIncome(1300, facts({ blindWorkExpenses: 100 }), y2026).countable).toBe(607.5);
  });

  it("never goes below 0 when the exclusions are larger than the earnings", () => {
    const result = countableEarnedIncome(100, facts({ irwe: 500, pass: 500 }), y2026);
    expect(result.countable).toBe(0);
    expect(result.exclusions).toEqual({ student: 0, general: 20, earnedIncome: 65, irwe: 15, oneHalf: 0, blindWorkExpenses: 0, pass: 0 });
    expect(countableEarnedIncome(0, facts(), y2026).countable).toBe(0);
  });
});

describe("the student earned income exclusion", () => {
  it("2026: a 19-year-old student who used 9000 of 9730 this year gets only 730; 1500 - 730 - 20 - 65 = 685, half = 342.50", () => {
    const student = facts({ student: true, age: 19, studentExclusionUsedThisYear: 9000 });
    expect(studentEarnedIncomeExclusion(1500, student, y2026)).toBe(730);
    const result = countableEarnedIncome(1500, student, y2026);
    expect(result.countable).toBe(342.5);
    expect(ssiPayment(0, result.countable, y2026)).toBe(651.5);
  });

  it("2025: used 8000 of 9460, so 1460 of 2000 is excluded; 540 - 20 - 65 = 455, half = 227.50, pays 739.50", () => {
    const student = facts({ student: true, age: 20, studentExclusionUsedThisYear: 8000 });
    const result = countableEarnedIncome(2000, student, y2025);
    expect(result.exclusions.student).toBe(1460);
    expect(result.countable).toBe(227.5);
    expect(ssiPayment(0, 227.5, y2025)).toBe(739.5);
  });

  it("2025: stops at the monthly figure of 2350; 2500 - 2350 - 20 - 65 = 65, half = 32.50", () => {
    const student = facts({ student: true, age: 18 });
    expect(countableEarnedIncome(2500, student, y2025).countable).toBe(32.5);
  });

  it("gives nothing once the yearly figure is used up, or at 22, or to someone not in school", () => {
    expect(countableEarnedIncome(1300, facts({ student: true, age: 19, studentExclusionUsedThisYear: 9730 }), y2026).countable).toBe(607.5);
    expect(countableEarnedIncome(1300, facts({ student: true, age: 19, studentExclusionUsedThisYear: 9999 }), y2026).countable).toBe(607.5);
    expect(studentEarnedIncomeExclusion(1300, facts({ student: true, age: 22 }), y2026)).toBe(0);
    expect(studentEarnedIncomeExclusion(1300, facts({ student: false, age: 19 }), y2026)).toBe(0);
    expect(studentEarnedIncomeExclusion(1300, facts({ student: true, age: 21 }), y2026)).toBe(1300);
  });
});

describe("SSI payment and the break-even point", () => {
  it("reaches 0 at 2 x FBR + 85: 2073 in 2026, 2019 in 2025", () => {
    expect(ssiBreakEvenEarnings(y2026)).toBe(2073);
    expect(ssiBreakEvenEarnings(y2025)).toBe(2019);
    for (const year of [y2025, y2026]) {
      const breakEven = ssiBreakEvenEarnings(year);
      expect(ssiPayment(0, countableEarnedIncome(breakEven, facts(), year).countable, year)).toBe(0);
      expect(ssiPayment(0, countableEarnedIncome(breakEven - 1, facts(), year).countable, year)).toBe(0.5);
    }
  });

  it("is never negative past the break-even point: 2026, 2500 -> 1207.50 countable, pays 0", () => {
    const result = countableEarnedIncome(2500, facts(), y2026);
    expect(result.countable).toBe(1207.5);
    expect(ssiPayment(0, result.countable, y2026)).toBe(0);
    expect(ssiPayment(2000, 0, y2025)).toBe(0);
  });
});
