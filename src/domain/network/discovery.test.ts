import { describe, expect, it } from "vitest";
import { discoveryPromptsFor, DISCOVERY_PROMPTS } from "./discovery.ts";

describe("guided discovery prompts", () => {
  it("asks everyone the general questions", () => {
    const ids = discoveryPromptsFor([]).map((p) => p.id);
    expect(ids).toEqual(["firstCall", "trust", "recognise", "faithGroups", "pastWork"]);
  });
  it("adds the questions a justice-involved participant's situation calls for", () => {
    const ids = discoveryPromptsFor(["justiceInvolvement"]).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(["sinceRelease", "officer", "housemates", "sponsor", "lostTouch"]));
    expect(ids).not.toContain("streetFamily");
    expect(ids).not.toContain("mentors");
  });
  it("asks about street family and shelters after homelessness, mentors for young adults", () => {
    expect(discoveryPromptsFor(["homelessnessHistory"]).map((p) => p.id)).toEqual(expect.arrayContaining(["streetFamily", "shelter"]));
    expect(discoveryPromptsFor(["youngAdult"]).map((p) => p.id)).toEqual(expect.arrayContaining(["mentors", "inCare"]));
  });
  it("has unique ids", () => {
    expect(new Set(DISCOVERY_PROMPTS.map((p) => p.id)).size).toBe(DISCOVERY_PROMPTS.length);
  });
});
