import { describe, expect, it } from "vitest";
import { discoveryFormStart, discoveryPromptsFor, DISCOVERY_PROMPTS, hasCaution } from "./discovery.ts";
import { supportPersonInputSchema } from "./model.ts";

describe("guided discovery prompts", () => {
  it("asks everyone about roles people could play before anything else", () => {
    const ids = discoveryPromptsFor([]).map((p) => p.id);
    expect(ids.slice(0, 4)).toEqual(["earlyRiser", "driver", "knowsEmployers", "paperwork"]);
    expect(ids).not.toContain("inCare");
  });
  it("asks about foster care only of a young adult marked as having been in care", () => {
    expect(discoveryPromptsFor(["youngAdult"]).map((p) => p.id)).not.toContain("inCare");
    expect(discoveryPromptsFor(["fosterCare"]).map((p) => p.id)).not.toContain("inCare");
    expect(discoveryPromptsFor(["youngAdult", "fosterCare"]).map((p) => p.id)).toContain("inCare");
  });
  it("adds the questions a justice-involved participant's situation calls for", () => {
    const ids = discoveryPromptsFor(["justiceInvolvement"]).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(["sinceRelease", "officer", "housemates", "sponsor", "lostTouch"]));
    expect(ids).not.toContain("streetFamily");
  });
  it("never starts a new person as a relative, in the inner circle, or as the first call", () => {
    for (const prompt of DISCOVERY_PROMPTS) {
      const start = discoveryFormStart(prompt);
      expect(start.firstCall).toBe(false);
      expect(start.relationshipKind).not.toBe("relative");
      expect(start.closeness).not.toBe("inner");
    }
  });
  it("puts a caution beside the probation officer kind only", () => {
    expect(hasCaution("probation_officer")).toBe(true);
    expect(hasCaution("friend")).toBe(false);
    expect(hasCaution(null)).toBe(false);
  });
  it("has unique ids", () => {
    expect(new Set(DISCOVERY_PROMPTS.map((p) => p.id)).size).toBe(DISCOVERY_PROMPTS.length);
  });
});

describe("a new person's kind, ring and other help", () => {
  const base = { name: "Rosa", relationshipKind: "parent", closeness: "friends" };
  it("refuses a person whose kind or ring was not chosen", () => {
    const parsed = supportPersonInputSchema.safeParse({ name: "Rosa", relationshipKind: "", closeness: "" });
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(["network.relationshipKind.invalid", "network.closeness.invalid"]));
  });
  it("needs words for other help, and keeps them only with other help", () => {
    const missing = supportPersonInputSchema.safeParse({ ...base, helpKinds: ["other"] });
    expect(missing.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["helpOther", "seedsNetwork.helpOther.required"]]);
    expect(supportPersonInputSchema.parse({ ...base, helpKinds: ["other", "job_leads"], helpOther: "Minds the kids" }).helpOther).toBe("Minds the kids");
    expect(supportPersonInputSchema.parse({ ...base, helpKinds: ["paperwork"], helpOther: "Minds the kids" }).helpOther).toBeNull();
  });
});
