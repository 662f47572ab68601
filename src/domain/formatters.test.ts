import { describe, expect, it } from "vitest";
import { dateTimeFormat, numberFormat } from "./formatters.ts";

describe("shared Intl formatters", () => {
  it("gives the same formatter for the same locale and options, another for different ones", () => {
    const a = dateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
    expect(dateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" })).toBe(a);
    expect(dateTimeFormat("es", { dateStyle: "medium", timeZone: "UTC" })).not.toBe(a);
    expect(a.format(new Date("2026-05-10T00:00:00Z"))).toBe("May 10, 2026");
    const whole = numberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
    expect(numberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 })).toBe(whole);
    expect(whole.format(1200)).toBe("$1,200");
  });

  it("still formats correctly once more variants were asked for than it keeps", () => {
    for (let digits = 0; digits < 250; digits++) numberFormat("en-US", { minimumIntegerDigits: (digits % 21) + 1, maximumFractionDigits: digits % 20 });
    expect(numberFormat("en-US", { maximumFractionDigits: 1 }).format(1.25)).toBe("1.3");
  });
});
