import { describe, expect, it } from "vitest";
import { textableNumber } from "./phone.ts";

describe("a number a text can go to", () => {
  it("reads the ways people type a North American number", () => {
    expect(textableNumber("(312) 555-0142")).toBe("+13125550142");
    expect(textableNumber("312.555.0142")).toBe("+13125550142");
    expect(textableNumber("1 312 555 0142")).toBe("+13125550142");
    expect(textableNumber("+1 (312) 555-0142")).toBe("+13125550142");
  });

  it("keeps an international number written with its country code", () => {
    expect(textableNumber("+52 55 1234 5678")).toBe("+525512345678");
  });

  it("does not guess a number it cannot place", () => {
    expect(textableNumber("555-0142")).toBeNull();
    expect(textableNumber("0142 555 0142")).toBeNull();
    expect(textableNumber("")).toBeNull();
    expect(textableNumber(null)).toBeNull();
  });
});
