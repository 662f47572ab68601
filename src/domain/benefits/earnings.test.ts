import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  earnedByMonth, monthlyTotals, needsReport, reportDueOn, ssdiWorkHistory, ssiReportingMonths, studentExclusionUsedThisYear,
  trialWorkMonthsFromLog, type EarningsReportFacts, type MonthTotal, type PayStubFacts,
} from "./earnings.ts";
import type { BenefitYear } from "./parameters.ts";
import { parametersFor } from "./parameters.ts";

let n = 0;
const stub = (payDate: string, periodStart: string, periodEnd: string, gross: number, voidedAt: string | null = null): PayStubFacts => ({
  id: `stub-${++n}`, payDate, periodStart, periodEnd, grossCents: Math.round(gross * 100), voidedAt,
});
const earned = (month: string, dollars: number): MonthTotal => ({ month, paidCents: Math.round(dollars * 100), earnedCents: Math.round(dollars * 100), stubsPaid: 1 });
const months = (from: string, count: number): string[] => {
  const [y, m] = from.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const k = y * 12 + (m - 1) + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
  });
};
const noFacts = { priorTrialWorkMonths: [], blind: false, irweCents: 0 };

describe("monthly totals", () => {
  it("spreads a pay period over its months by day: 26 Jan to 8 Feb 2026 is 6 days of January and 8 of February", () => {
    expect(earnedByMonth({ periodStart: "2026-01-26", periodEnd: "2026-02-08", grossCents: 70000 })).toEqual(new Map([["2026-01", 30000], ["2026-02", 40000]]));
  });

  it("keeps every cent: $10.01 over 31 Jan and 1 Feb gives the odd cent to January", () => {
    expect(earnedByMonth({ periodStart: "2026-01-31", periodEnd: "2026-02-01", grossCents: 1001 })).toEqual(new Map([["2026-01", 501], ["2026-02", 500]]));
  });

  it("never loses or makes a cent, whatever the period", () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 730 }), fc.integer({ min: 0, max: 62 }), fc.integer({ min: 0, max: 1_000_000 }),
      (startOffset, length, grossCents) => {
        const day = (offset: number) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const parts = earnedByMonth({ periodStart: day(startOffset), periodEnd: day(startOffset + length), grossCents });
        expect([...parts.values()].reduce((a, b) => a + b, 0)).toBe(grossCents);
        expect([...parts.values()].every((c) => c >= 0)).toBe(true);
      },
    ));
  });

  it("counts SSI wages in the month paid and SSDI wages in the month worked, and leaves voided stubs out", () => {
    const totals = monthlyTotals([
      // Two weeks of January work, paid on 6 February.
      stub("2026-02-06", "2026-01-19", "2026-02-01", 420),
      stub("2026-02-20", "2026-02-02", "2026-02-15", 600),
      stub("2026-02-20", "2026-02-02", "2026-02-15", 600, "2026-02-21T10:00:00.000Z"),
    ]);
    expect(totals).toEqual([
      // 13 of the 14 days were in January: 420 x 13 / 14 = 390, and 30 for 1 February.
      { month: "2026-01", paidCents: 0, earnedCents: 39000, stubsPaid: 0 },
      { month: "2026-02", paidCents: 102000, earnedCents: 63000, stubsPaid: 2 },
    ]);
  });
});

describe("SSI reporting reminders", () => {
  const totals = [earned("2026-01", 800), earned("2026-02", 650.5), earned("2026-03", 300)];

  it("is due by the 10th of the next month, December's in January", () => {
    expect(reportDueOn("2026-02")).toBe("2026-03-10");
    expect(reportDueOn("2025-12")).toBe("2026-01-10");
  });

  it("on 10 March: January overdue, February due today, March not over yet", () => {
    const report = ssiReportingMonths(totals, [], "2026-03-10");
    expect(report.map((r) => [r.month, r.status, r.dueOn])).toEqual([
      ["2026-01", "overdue", "2026-02-10"],
      ["2026-02", "due", "2026-03-10"],
      ["2026-03", "upcoming", "2026-04-10"],
    ]);
    expect(report.filter((r) => needsReport(r.status)).map((r) => r.month)).toEqual(["2026-01", "2026-02"]);
  });

  it("on 11 March, February is overdue too", () => {
    expect(ssiReportingMonths(totals, [], "2026-03-11")[1]!.status).toBe("overdue");
  });

  it("a reported month is done, unless the log's total changed after the report; the latest report counts", () => {
    const reports: EarningsReportFacts[] = [
      { month: "2026-01", reportedOn: "2026-02-05", grossCents: 80000, recordedAt: "2026-02-05T15:00:00.000Z" },
      { month: "2026-02", reportedOn: "2026-03-03", grossCents: 40000, recordedAt: "2026-03-03T15:00:00.000Z" },
    ];
    const report = ssiReportingMonths(totals, reports, "2026-03-20");
    expect(report.map((r) => [r.month, r.status])).toEqual([["2026-01", "reported"], ["2026-02", "changed"], ["2026-03", "upcoming"]]);
    expect(report[1]).toMatchObject({ paidCents: 65050, reportedCents: 40000, reportedOn: "2026-03-03" });
    const corrected = ssiReportingMonths(totals, [...reports, { month: "2026-02", reportedOn: "2026-03-20", grossCents: 65050, recordedAt: "2026-03-20T09:00:00.000Z" }], "2026-03-20");
    expect(corrected[1]!.status).toBe("reported");
  });

  it("a month reported and then emptied by voiding its stubs shows as changed", () => {
    const report = ssiReportingMonths([], [{ month: "2026-01", reportedOn: "2026-02-02", grossCents: 5000, recordedAt: "2026-02-02T00:00:00.000Z" }], "2026-03-01");
    expect(report).toEqual([{ month: "2026-01", paidCents: 0, dueOn: "2026-02-10", status: "changed", reportedOn: "2026-02-02", reportedCents: 5000 }]);
  });

  it("counts pay by pay date: January work paid in February is February's report", () => {
    const log = monthlyTotals([stub("2026-02-06", "2026-01-19", "2026-02-01", 420)]);
    expect(ssiReportingMonths(log, [], "2026-02-15").map((r) => [r.month, r.paidCents, r.status])).toEqual([["2026-02", 42000, "upcoming"]]);
  });
});

describe("trial work months from the log", () => {
  it("counts a month earned over that year's figure, not at it: 1160 / 1160.01 in 2025, 1210 / 1210.01 in 2026", () => {
    const totals = [earned("2025-03", 1160), earned("2025-04", 1160.01), earned("2026-03", 1210), earned("2026-04", 1210.01), earned("2026-05", 1200)];
    expect(trialWorkMonthsFromLog(totals).months).toEqual(["2025-04", "2026-04"]);
  });

  it("cannot decide months of a year with no figures", () => {
    expect(trialWorkMonthsFromLog([earned("2019-05", 3000)])).toEqual({ months: [], monthsWithoutFigures: ["2019-05"] });
  });

  it("uses a year an administrator added", () => {
    const y2027: BenefitYear = { year: 2027, figures: { ...parametersFor(2026)!.figures, trialWorkMonthEarnings: { amount: 1250, source: "test", verified: true } } };
    expect(trialWorkMonthsFromLog([earned("2027-01", 1240), earned("2027-02", 1250.01)], [y2027]).months).toEqual(["2027-02"]);
  });

  it("counts in a rolling 60-month window: 8 months in 2021 and one in February 2026 complete the TWP", () => {
    const prior = months("2021-03", 8);
    const history = ssdiWorkHistory([earned("2026-02", 1300)], { ...noFacts, priorTrialWorkMonths: prior }, "2026-02");
    expect(history.monthsInWindow).toBe(9);
    expect(history.period).toMatchObject({ monthsUsed: 9, completedIn: "2026-02", epeEndsIn: "2029-02", inEpe: false });
    expect(history.graceMonthsLeft).toBe(3);
  });

  it("drops months older than 60 months: with the 2026 month in April, March and April 2021 are out of the window", () => {
    const prior = months("2021-03", 8);
    const history = ssdiWorkHistory([earned("2026-04", 1300)], { ...noFacts, priorTrialWorkMonths: prior }, "2026-04");
    expect(history.monthsInWindow).toBe(7);
    expect(history.period).toMatchObject({ monthsUsed: 7, completedIn: null, inEpe: false });
    expect(history.epeMonths).toEqual([]);
  });

  it("counts only log months over the figure, together with the ones from before the log", () => {
    const totals = [earned("2026-01", 1300), earned("2026-02", 900), earned("2026-03", 1500)];
    const history = ssdiWorkHistory(totals, { ...noFacts, priorTrialWorkMonths: ["2025-06"] }, "2026-03");
    expect(history.trialWorkMonths).toEqual(["2025-06", "2026-01", "2026-03"]);
    expect(history.monthsInWindow).toBe(3);
  });
});

describe("Extended Period of Eligibility months from the log", () => {
  // The 9th trial work month is June 2025, so the EPE runs July 2025 to June 2028. 2025 SGA: 1620.
  const prior = months("2024-10", 9);
  const log = [earned("2025-07", 1500), earned("2025-08", 1700), earned("2025-09", 500), earned("2025-10", 2000), earned("2025-11", 1700), earned("2025-12", 1620)];

  it("pays months at or below SGA; the first month above is the cessation month, the next two are grace months, later ones above SGA are not paid", () => {
    const history = ssdiWorkHistory(log, { ...noFacts, priorTrialWorkMonths: prior }, "2025-12");
    expect(history.period).toMatchObject({ completedIn: "2025-06", epeEndsIn: "2028-06", inEpe: true });
    expect(history.epeMonths.map((m) => [m.month, m.number, m.status])).toEqual([
      ["2025-07", 1, "paid"],
      ["2025-08", 2, "cessation"],
      ["2025-09", 3, "grace"],
      ["2025-10", 4, "grace"],
      ["2025-11", 5, "suspended"],
      ["2025-12", 6, "paid"],
    ]);
    expect(history.graceMonthsLeft).toBe(0);
  });

  it("counts the grace months left as the estimator takes them: 3 before, 2 in the first grace month", () => {
    expect(ssdiWorkHistory(log, { ...noFacts, priorTrialWorkMonths: prior }, "2025-07").graceMonthsLeft).toBe(3);
    expect(ssdiWorkHistory(log, { ...noFacts, priorTrialWorkMonths: prior }, "2025-09").graceMonthsLeft).toBe(2);
    expect(ssdiWorkHistory(log, { ...noFacts, priorTrialWorkMonths: prior }, "2025-10").graceMonthsLeft).toBe(1);
  });

  it("subtracts IRWE for SGA: with $100 a month, 1700 counts as 1600 and stays paid; 2000 is the cessation month", () => {
    const history = ssdiWorkHistory(log, { ...noFacts, priorTrialWorkMonths: prior, irweCents: 10000 }, "2025-12");
    expect(history.epeMonths.map((m) => m.status)).toEqual(["paid", "paid", "paid", "cessation", "grace", "grace"]);
    expect(history.graceMonthsLeft).toBe(1);
  });

  it("uses the blind SGA figure for someone blind", () => {
    const history = ssdiWorkHistory(log, { ...noFacts, priorTrialWorkMonths: prior, blind: true }, "2025-12");
    expect(history.epeMonths.every((m) => m.status === "paid")).toBe(true);
  });

  it("stops at the end of the EPE, 36 months after the 9th trial work month", () => {
    const history = ssdiWorkHistory([], { ...noFacts, priorTrialWorkMonths: prior }, "2029-01");
    expect(history.epeMonths).toHaveLength(36);
    expect(history.epeMonths.at(-1)!.month).toBe("2028-06");
    expect(history.period.inEpe).toBe(false);
  });
});

describe("student earned income exclusion used this year", () => {
  it("adds up each earlier month up to the monthly figure, capped by the yearly one (2026: 2410 / 9730)", () => {
    const totals = [earned("2025-12", 2000), earned("2026-01", 3000), earned("2026-02", 1000), earned("2026-03", 2500), earned("2026-06", 500)];
    expect(studentExclusionUsedThisYear(totals, "2026-04")).toBe(2410 + 1000 + 2410);
    expect(studentExclusionUsedThisYear([...totals, earned("2026-04", 2410), earned("2026-05", 2000)], "2026-06")).toBe(9730);
  });
});
