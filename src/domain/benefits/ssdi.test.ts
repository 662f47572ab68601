import { describe, expect, it } from "vitest";
import { parametersFor } from "./parameters.ts";
import {
  countableEarningsForSga, isSubstantialGainfulActivity, isTrialWorkMonth, monthKey, monthNumber, ssdiMonth, trialWorkMonthsInWindow, trialWorkPeriod,
  type SsdiSituation,
} from "./ssdi.ts";

const y2025 = parametersFor(2025)!;
const y2026 = parametersFor(2026)!;
const situation = (overrides: Partial<SsdiSituation> = {}): SsdiSituation => ({
  ssdiMonthly: 1200, twpMonthsUsed: 0, inEpe: false, graceMonthsLeft: 0, blind: false, irwe: 0, ...overrides,
});

describe("trial work months", () => {
  it("counts a month only when gross earnings are over the figure: 1210 is not, 1210.01 is (2026)", () => {
    expect(isTrialWorkMonth(1210, y2026)).toBe(false);
    expect(isTrialWorkMonth(1210.01, y2026)).toBe(true);
    expect(isTrialWorkMonth(1160, y2025)).toBe(false);
    expect(isTrialWorkMonth(1160.01, y2025)).toBe(true);
    // 1200 is a trial work month in 2025 but not in 2026.
    expect(isTrialWorkMonth(1200, y2025)).toBe(true);
    expect(isTrialWorkMonth(1200, y2026)).toBe(false);
  });

  it("pays the full benefit during the TWP whatever the earnings", () => {
    expect(ssdiMonth(situation(), 1210, y2026)).toEqual({ payment: 1200, trialWorkMonth: false, status: "twp" });
    expect(ssdiMonth(situation(), 1210.01, y2026)).toEqual({ payment: 1200, trialWorkMonth: true, status: "twp" });
    expect(ssdiMonth(situation({ twpMonthsUsed: 8 }), 5000, y2025)).toEqual({ payment: 1200, trialWorkMonth: true, status: "twp" });
    expect(ssdiMonth(situation(), 1160, y2025)).toEqual({ payment: 1200, trialWorkMonth: false, status: "twp" });
    expect(ssdiMonth(situation(), 1160.01, y2025)).toEqual({ payment: 1200, trialWorkMonth: true, status: "twp" });
  });

  it("does not subtract IRWE when deciding a trial work month: 2026, 1300 with 200 IRWE still counts", () => {
    expect(ssdiMonth(situation({ irwe: 200 }), 1300, y2026).trialWorkMonth).toBe(true);
  });

  it("says none, pays nothing and counts nothing without SSDI", () => {
    expect(ssdiMonth(situation({ ssdiMonthly: 0 }), 3000, y2026)).toEqual({ payment: 0, trialWorkMonth: false, status: "none" });
  });
});

describe("SGA with IRWE", () => {
  it("subtracts IRWE from gross earnings", () => {
    expect(countableEarningsForSga(1800, 150)).toBe(1650);
    expect(countableEarningsForSga(100, 150)).toBe(0);
  });

  it("uses the blind figure for blind people: 2026, 2000 is SGA for others, not for a blind person", () => {
    expect(isSubstantialGainfulActivity(2000, 0, false, y2026)).toBe(true);
    expect(isSubstantialGainfulActivity(2000, 0, true, y2026)).toBe(false);
    expect(isSubstantialGainfulActivity(2830, 0, true, y2026)).toBe(false);
    expect(isSubstantialGainfulActivity(2830.01, 0, true, y2026)).toBe(true);
    expect(isSubstantialGainfulActivity(2700, 0, true, y2025)).toBe(false);
    expect(isSubstantialGainfulActivity(2700.01, 0, true, y2025)).toBe(true);
  });
});

describe("the Extended Period of Eligibility", () => {
  const epe = (overrides: Partial<SsdiSituation> = {}) => situation({ twpMonthsUsed: 9, inEpe: true, ...overrides });

  it("pays a month at SGA and suspends a month just above it (2026: 1690; 2025: 1620)", () => {
    expect(ssdiMonth(epe(), 1690, y2026)).toEqual({ payment: 1200, trialWorkMonth: false, status: "epe-paid" });
    expect(ssdiMonth(epe(), 1690.01, y2026)).toEqual({ payment: 0, trialWorkMonth: false, status: "epe-suspended" });
    expect(ssdiMonth(epe(), 1620, y2025)).toEqual({ payment: 1200, trialWorkMonth: false, status: "epe-paid" });
    expect(ssdiMonth(epe(), 1620.01, y2025)).toEqual({ payment: 0, trialWorkMonth: false, status: "epe-suspended" });
    expect(ssdiMonth(epe(), 500, y2025).status).toBe("epe-paid");
  });

  it("lets IRWE bring a month under SGA: 2026, 1800 - 150 = 1650 is paid; 2025, 1700 - 100 = 1600 paid but 1700 - 50 = 1650 not", () => {
    expect(ssdiMonth(epe(), 1800, y2026).status).toBe("epe-suspended");
    expect(ssdiMonth(epe({ irwe: 150 }), 1800, y2026)).toEqual({ payment: 1200, trialWorkMonth: false, status: "epe-paid" });
    expect(ssdiMonth(epe({ irwe: 100 }), 1700, y2025).status).toBe("epe-paid");
    expect(ssdiMonth(epe({ irwe: 50 }), 1700, y2025).status).toBe("epe-suspended");
  });

  it("pays the cessation month and the two grace months above SGA, then suspends", () => {
    for (const left of [3, 2, 1]) {
      expect(ssdiMonth(epe({ graceMonthsLeft: left }), 2000, y2026)).toEqual({ payment: 1200, trialWorkMonth: false, status: "grace" });
      expect(ssdiMonth(epe({ graceMonthsLeft: left }), 1700, y2025).status).toBe("grace");
    }
    expect(ssdiMonth(epe({ graceMonthsLeft: 0 }), 2000, y2026).status).toBe("epe-suspended");
    // Below SGA no grace month is used up.
    expect(ssdiMonth(epe({ graceMonthsLeft: 3 }), 1500, y2026).status).toBe("epe-paid");
  });

  it("uses the blind SGA figure in the EPE", () => {
    expect(ssdiMonth(epe({ blind: true }), 2800, y2026).status).toBe("epe-paid");
    expect(ssdiMonth(epe({ blind: true }), 2900, y2026).status).toBe("epe-suspended");
  });
});

describe("the rolling 60-month window", () => {
  const months = (first: string, count: number) => Array.from({ length: count }, (_, i) => monthKey(monthNumber(first) + i));

  it("reads and writes YYYY-MM months", () => {
    expect(monthKey(monthNumber("2025-12") + 1)).toBe("2026-01");
    expect(() => monthNumber("2025-13")).toThrow();
  });

  it("counts trial work months in the 60 months ending with the given month", () => {
    const history = [...months("2021-01", 8), "2025-12"];
    expect(trialWorkMonthsInWindow(history, "2025-12")).toBe(9);
    // One month later, January 2021 has left the window.
    expect(trialWorkMonthsInWindow(history, "2026-01")).toBe(8);
    expect(trialWorkMonthsInWindow(history, "2021-05")).toBe(5);
  });

  it("completes the TWP when 9 months fall inside one window, and starts the 36-month EPE after it", () => {
    const complete = trialWorkPeriod([...months("2021-01", 8), "2025-12"], "2026-03");
    expect(complete).toEqual({ monthsUsed: 9, completedIn: "2025-12", epeEndsIn: "2028-12", inEpe: true });
    expect(trialWorkPeriod([...months("2021-01", 8), "2025-12"], "2025-12").inEpe).toBe(false);
    expect(trialWorkPeriod([...months("2021-01", 8), "2025-12"], "2029-01").inEpe).toBe(false);
  });

  it("does not complete the TWP when the 9th month comes after the first has left the window", () => {
    const late = trialWorkPeriod([...months("2021-01", 8), "2026-01"], "2026-01");
    expect(late).toEqual({ monthsUsed: 8, completedIn: null, epeEndsIn: null, inEpe: false });
  });

  it("ignores months after the given month and counts a month once", () => {
    expect(trialWorkPeriod(["2025-01", "2025-01", "2025-02", "2030-01"], "2025-06").monthsUsed).toBe(2);
  });
});
