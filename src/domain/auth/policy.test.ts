import { describe, expect, it } from "vitest";
import { buildStaffActor } from "../access/builders.ts";
import { mayDisableTwoFactor, mayIssuePasswordReset, mustEnrolTwoFactor, twoFactorRequired } from "./policy.ts";

describe("two-factor policy", () => {
  it("is required of administrators only", () => {
    expect(twoFactorRequired("admin")).toBe(true);
    expect(twoFactorRequired("supervisor")).toBe(false);
    expect(twoFactorRequired("specialist")).toBe(false);
  });

  it("sends an administrator without it to enrol, and nobody else", () => {
    expect(mustEnrolTwoFactor({ role: "admin", twoFactorEnabled: false })).toBe(true);
    expect(mustEnrolTwoFactor({ role: "admin", twoFactorEnabled: true })).toBe(false);
    expect(mustEnrolTwoFactor({ role: "specialist", twoFactorEnabled: false })).toBe(false);
  });

  it("lets only those who may go without it turn it off", () => {
    expect(mayDisableTwoFactor("admin")).toBe(false);
    expect(mayDisableTwoFactor("supervisor")).toBe(true);
  });
});

describe("password reset links", () => {
  const admin = buildStaffActor("admin", { userId: "admin-1" });
  const supervisor = buildStaffActor("supervisor", { userId: "sup-1" });

  it("are made by an administrator for another active account", () => {
    expect(mayIssuePasswordReset(admin, { id: "spec-1", active: true })).toBe(true);
    expect(mayIssuePasswordReset(admin, { id: "spec-1", active: false })).toBe(false);
    expect(mayIssuePasswordReset(admin, { id: "admin-1", active: true })).toBe(false);
    expect(mayIssuePasswordReset(supervisor, { id: "spec-1", active: true })).toBe(false);
  });
});
