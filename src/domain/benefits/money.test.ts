import { describe, expect, it } from "vitest";
import { monthlyGrossFromHours, roundToCents } from "./money.ts";

describe("money", () => {
  it("rounds to the cent, half a cent up, without binary surprises", () => {
    expect(roundToCents(607.505)).toBe(607.51);
    expect(roundToCents(1.005)).toBe(1.01);
    expect(roundToCents(0.1 + 0.2)).toBe(0.3);
    expect(Object.is(roundToCents(-0.001), 0)).toBe(true);
  });

  it("turns hours into monthly wages at 52/12 weeks a month", () => {
    expect(monthlyGrossFromHours(20, 15)).toBe(1300);
    expect(monthlyGrossFromHours(10, 15)).toBe(650);
    expect(monthlyGrossFromHours(30, 15)).toBe(1950);
    // 17.5 x 12.34 = 215.95 a week; x 52 / 12 = 935.7833...
    expect(monthlyGrossFromHours(17.5, 12.34)).toBe(935.78);
  });
});
