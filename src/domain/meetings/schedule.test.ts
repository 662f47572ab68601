import { describe, expect, it } from "vitest";
import { mayBeHeld, schedulingProblem } from "./model.ts";
import { isTimeZone, transitions, wallClockAt } from "../program/time-zone.ts";

describe("planning a meeting's date", () => {
  const now = "2026-12-01T09:30:00";
  it("refuses a time already gone where the meeting is held", () => {
    expect(schedulingProblem("1999-01-01T10:00:00.000Z", now)).toBe("meeting.scheduledAt.past");
    expect(schedulingProblem("2026-12-01T09:29:00.000Z", now)).toBe("meeting.scheduledAt.past");
  });
  it("takes this very minute and anything later", () => {
    expect(schedulingProblem("2026-12-01T09:30:00.000Z", now)).toBeNull();
    expect(schedulingProblem("2026-12-10T15:00:00.000Z", now)).toBeNull();
  });
  it("reads now in the program's zone, not the server's", () => {
    // 02:00 UTC on 2 December is still the evening of 1 December in Chicago.
    const chicago = wallClockAt("America/Chicago", new Date("2026-12-02T02:00:00Z"));
    expect(chicago).toBe("2026-12-01T20:00:00");
    expect(schedulingProblem("2026-12-01T21:00:00.000Z", chicago)).toBeNull();
  });
});

describe("marking a meeting held", () => {
  it("is only on or after its day", () => {
    expect(mayBeHeld("2026-12-10T15:00:00.000Z", "2026-12-01T12:00:00")).toBe(false);
    expect(mayBeHeld("2026-12-10T15:00:00.000Z", "2026-12-10T08:00:00")).toBe(true);
    expect(mayBeHeld("2026-12-10T15:00:00.000Z", "2026-12-11T08:00:00")).toBe(true);
  });
});

describe("the program's time zone", () => {
  it("is an IANA zone the runtime knows", () => {
    expect(isTimeZone("America/Chicago")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone("America/Chicago\nX")).toBe(false);
  });
  it("finds the two clock changes of a US year, to the minute", () => {
    const found = transitions("America/Chicago", new Date("2026-01-01T00:00:00Z"), new Date("2026-12-31T00:00:00Z"));
    expect(found.map((c) => [c.at.toISOString(), c.from, c.to])).toEqual([
      ["2026-03-08T08:00:00.000Z", -360, -300],
      ["2026-11-01T07:00:00.000Z", -300, -360],
    ]);
    expect(transitions("America/Phoenix", new Date("2026-01-01T00:00:00Z"), new Date("2026-12-31T00:00:00Z"))).toEqual([]);
  });
});
