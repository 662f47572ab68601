import { describe, expect, it } from "vitest";
import { SIGN_IN_DELAYS, delayAfterFailures, retryAfter, signInWait } from "./sign-in-delays.ts";

describe("sign-in delay schedule", () => {
  it("lets the first few failures cost nothing, then doubles the wait up to a ceiling", () => {
    const free = SIGN_IN_DELAYS.freePerAccount;
    expect([0, 1, free].map((n) => delayAfterFailures(n, free))).toEqual([0, 0, 0]);
    expect([free + 1, free + 2, free + 3, free + 4].map((n) => delayAfterFailures(n, free))).toEqual([5, 10, 20, 40]);
    expect(delayAfterFailures(free + 12, free)).toBe(SIGN_IN_DELAYS.maxDelaySeconds);
    expect(delayAfterFailures(10_000, free)).toBe(SIGN_IN_DELAYS.maxDelaySeconds);
  });

  it("counts the wait from the latest failure", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    const last = "2026-12-01T09:59:58Z";
    expect(retryAfter({ failures: 4, lastAt: last }, 3, now)?.toISOString()).toBe("2026-12-01T10:00:03.000Z");
    expect(retryAfter({ failures: 4, lastAt: "2026-12-01T09:59:50Z" }, 3, now)).toBeNull();
    expect(retryAfter({ failures: 0, lastAt: null }, 3, now)).toBeNull();
  });

  it("gives an address more free failures than an account, and waits for the later of the two", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    const lastAt = "2026-12-01T09:59:59Z";
    const quiet = { failures: 0, lastAt: null };
    expect(signInWait({ account: quiet, address: { failures: 8, lastAt }, accountCodes: quiet }, now).passwordFailures).toBeNull();
    expect(signInWait({ account: { failures: 8, lastAt }, address: quiet, accountCodes: quiet }, now).passwordFailures).not.toBeNull();
    const both = signInWait({ account: { failures: 4, lastAt }, address: { failures: 13, lastAt }, accountCodes: quiet }, now);
    expect(both.passwordFailures?.toISOString()).toBe("2026-12-01T10:00:19.000Z");
    expect(both.codeFailures).toBeNull();
    expect(signInWait({ account: quiet, address: quiet, accountCodes: { failures: 4, lastAt } }, now).codeFailures).not.toBeNull();
  });
});
