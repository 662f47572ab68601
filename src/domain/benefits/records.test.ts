import { describe, expect, it } from "vitest";
import { estimateRequestSchema } from "./model.ts";
import { benefitsProfileInputSchema, estimateDefaults, payStubInputSchema, type BenefitsOverview } from "./records.ts";

const profile = (overrides: Partial<BenefitsOverview["profile"]> = {}): BenefitsOverview["profile"] => ({
  participantId: "p", hasSsi: false, hasSsdi: false, hasMedicaid: false, hasMedicare: false, hasHousingAssistance: false, hasSnap: false,
  ssiMonthly: null, ssdiMonthly: null, otherUnearned: null, irweMonthly: null, blind: false, student: false, birthYear: null,
  priorTrialWorkMonths: [], notes: null, version: 1, updatedAt: null, updatedBy: null, ...overrides,
});

describe("benefits records input", () => {
  it("takes dollars as typed on a form and keeps whole cents", () => {
    const parsed = benefitsProfileInputSchema.parse({ hasSsi: "on", ssiMonthly: "$1,004.50", irweMonthly: "", version: "0", priorTrialWorkMonths: "2024-07, 2024-03 2024-07" });
    expect(parsed).toMatchObject({ hasSsi: true, hasSsdi: false, ssiMonthly: 100450, irweMonthly: null, version: 0, priorTrialWorkMonths: ["2024-03", "2024-07"] });
  });

  it("refuses fractions of a cent and negative amounts", () => {
    const result = benefitsProfileInputSchema.safeParse({ hasSsi: true, ssiMonthly: 10.005, otherUnearned: -1, version: 0 });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["ssiMonthly", "benefits.money.invalid"],
      ["otherUnearned", "benefits.money.negative"],
    ]);
  });

  it("stores hours as hundredths and needs a positive gross", () => {
    const stub = { payDate: "2025-02-07", periodStart: "2025-01-25", periodEnd: "2025-02-07", gross: "0", employer: "Bakery", hours: "37.25" };
    expect(payStubInputSchema.safeParse(stub).error!.issues.map((i) => i.path.join("."))).toEqual(["gross"]);
    expect(payStubInputSchema.parse({ ...stub, gross: "812.5" })).toMatchObject({ hours: 3725, gross: 81250, clientKey: null });
  });
});

describe("estimate defaults from the profile and the log", () => {
  it("starts an SSI participant's estimate on SSI, with their other income and expenses", () => {
    const defaults = estimateDefaults({ today: "2026-11-24", profile: profile({ hasSsi: true, otherUnearned: 50, irweMonthly: 25, birthYear: 2006, student: true }), ssdi: null }, 1200);
    expect(defaults).toEqual({ year: 2026, ssi: true, ssdiMonthly: 0, blind: false, student: true, unearnedIncome: 50, irwe: 25, age: 20, studentExclusionUsedThisYear: 1200 });
    expect(estimateRequestSchema.safeParse({ ...defaults, scenarios: [{ monthlyGross: 100 }] }).success).toBe(true);
  });

  it("carries the SSDI position from the log: trial work months used, the EPE and the grace months left", () => {
    const ssdi = { trialWorkMonths: [], monthsInWindow: 9, completedIn: "2025-06", epeEndsIn: "2028-06", inEpe: true, epeMonths: [], graceMonthsLeft: 2, monthsWithoutFigures: [] };
    const defaults = estimateDefaults({ today: "2026-11-24", profile: profile({ hasSsdi: true, ssdiMonthly: 1100 }), ssdi }, 0);
    expect(defaults).toMatchObject({ ssi: false, ssdiMonthly: 1100, twpMonthsUsed: 9, inEpe: true, graceMonthsLeft: 2 });
    const before = estimateDefaults({ today: "2026-11-24", profile: profile({ hasSsdi: true, ssdiMonthly: 1100 }), ssdi: { ...ssdi, monthsInWindow: 4, completedIn: null, inEpe: false } }, 0);
    expect(before).toMatchObject({ twpMonthsUsed: 4, inEpe: false, graceMonthsLeft: 0 });
  });
});
