import { describe, expect, it } from "vitest";
import { PARTICIPANT_SECTIONS, currentSection } from "./participant-nav.tsx";

describe("currentSection", () => {
  const id = "p-1";
  it("marks the overview on the record's own address and its edit page", () => {
    expect(currentSection("/participants/p-1", id)).toBe("overview");
    expect(currentSection("/participants/p-1/", id)).toBe("overview");
    expect(currentSection("/participants/p-1/edit", id)).toBe("overview");
  });
  it("marks the section a deeper page belongs to", () => {
    expect(currentSection("/participants/p-1/meetings/m-9/run", id)).toBe("meetings");
    expect(currentSection("/participants/p-1/network/s-2/consent/new", id)).toBe("network");
    expect(currentSection("/participants/p-1/consent/g-3/form", id)).toBe("network");
    expect(currentSection("/participants/p-1/benefits/reports/2026-01", id)).toBe("benefits");
    expect(currentSection("/participants/p-1/contacts/n-4", id)).toBe("contacts");
  });
  it("marks nothing outside this participant's record", () => {
    expect(currentSection("/participants/p-10", id)).toBeNull();
    expect(currentSection("/participants", id)).toBeNull();
    expect(currentSection("/calendar", id)).toBeNull();
  });
  it("lists each section once, with its own address", () => {
    const paths = PARTICIPANT_SECTIONS.map((s) => s.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
