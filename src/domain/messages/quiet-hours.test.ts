import { describe, expect, it } from "vitest";
import { DEFAULT_QUIET_HOURS, earliestTextTime, isQuiet, momentsAt } from "./quiet-hours.ts";

const CHICAGO = "America/Chicago";
const at = (iso: string) => new Date(iso);

describe("quiet hours", () => {
  it("lets a text go at once in the day", () => {
    // 14:00 in Chicago (CDT, UTC-5).
    expect(earliestTextTime(at("2026-07-01T19:00:00Z"), CHICAGO).toISOString()).toBe("2026-07-01T19:00:00.000Z");
  });

  it("holds a text queued in the evening until 08:00 the next morning", () => {
    // 22:30 CDT on 1 July is 03:30Z on 2 July; 08:00 CDT on 2 July is 13:00Z.
    expect(earliestTextTime(at("2026-07-02T03:30:00Z"), CHICAGO).toISOString()).toBe("2026-07-02T13:00:00.000Z");
  });

  it("holds a text queued after midnight until 08:00 the same morning", () => {
    // 05:59 CDT on 2 July.
    expect(earliestTextTime(at("2026-07-02T10:59:00Z"), CHICAGO).toISOString()).toBe("2026-07-02T13:00:00.000Z");
  });

  it("starts at 21:00 sharp and ends at 08:00 sharp", () => {
    expect(earliestTextTime(at("2026-07-02T01:59:00Z"), CHICAGO).toISOString()).toBe("2026-07-02T01:59:00.000Z"); // 20:59
    expect(earliestTextTime(at("2026-07-02T02:00:00Z"), CHICAGO).toISOString()).toBe("2026-07-02T13:00:00.000Z"); // 21:00
    expect(earliestTextTime(at("2026-07-02T13:00:00Z"), CHICAGO).toISOString()).toBe("2026-07-02T13:00:00.000Z"); // 08:00
  });

  it("ends at 08:00 local time across the spring-forward night", () => {
    // 22:00 CST on Saturday 7 March 2026 (04:00Z); clocks go forward at 02:00 on the 8th, so 08:00 is CDT (13:00Z), not 14:00Z.
    expect(earliestTextTime(at("2026-03-08T04:00:00Z"), CHICAGO).toISOString()).toBe("2026-03-08T13:00:00.000Z");
  });

  it("ends at 08:00 local time across the fall-back night", () => {
    // 22:00 CDT on Saturday 31 October 2026 (03:00Z on 1 Nov); clocks go back at 02:00, so 08:00 is CST (14:00Z).
    expect(earliestTextTime(at("2026-11-01T03:00:00Z"), CHICAGO).toISOString()).toBe("2026-11-01T14:00:00.000Z");
  });

  it("keeps the window in the program's zone, not the server's", () => {
    // 13:00Z is 08:00 in Chicago but 06:00 in Los Angeles.
    expect(earliestTextTime(at("2026-07-02T13:00:00Z"), "America/Los_Angeles").toISOString()).toBe("2026-07-02T15:00:00.000Z");
  });

  it("follows a window the program set, including one inside a day and none at all", () => {
    expect(earliestTextTime(at("2026-07-02T03:30:00Z"), CHICAGO, { start: "22:00", end: "07:00" }).toISOString()).toBe("2026-07-02T12:00:00.000Z");
    expect(earliestTextTime(at("2026-07-01T18:00:00Z"), CHICAGO, { start: "12:00", end: "14:00" }).toISOString()).toBe("2026-07-01T19:00:00.000Z");
    expect(earliestTextTime(at("2026-07-02T03:30:00Z"), CHICAGO, { start: "00:00", end: "00:00" }).toISOString()).toBe("2026-07-02T03:30:00.000Z");
  });

  it("lands on the first moment after a window end the clock skips", () => {
    // 02:30 does not happen in Chicago on 8 March 2026: the clock goes from 02:00 CST (08:00Z) to 03:00 CDT.
    expect(momentsAt(CHICAGO, "2026-03-08T02:30").map((d) => d.toISOString())).toEqual(["2026-03-08T08:00:00.000Z"]);
    expect(earliestTextTime(at("2026-03-08T07:00:00Z"), CHICAGO, { start: "00:00", end: "02:30" }).toISOString()).toBe("2026-03-08T08:00:00.000Z");
  });

  it("waits for the second 01:30 when the clock goes back inside the window", () => {
    // 01:30 happens twice on 1 Nov 2026 in Chicago: 06:30Z (CDT) and 07:30Z (CST). At 07:10Z (01:10 CST) the first has passed.
    expect(momentsAt(CHICAGO, "2026-11-01T01:30").map((d) => d.toISOString())).toEqual(["2026-11-01T06:30:00.000Z", "2026-11-01T07:30:00.000Z"]);
    expect(earliestTextTime(at("2026-11-01T07:10:00Z"), CHICAGO, { start: "01:00", end: "01:30" }).toISOString()).toBe("2026-11-01T07:30:00.000Z");
  });

  it("knows which minutes are quiet", () => {
    expect(isQuiet(21 * 60, DEFAULT_QUIET_HOURS)).toBe(true);
    expect(isQuiet(7 * 60 + 59, DEFAULT_QUIET_HOURS)).toBe(true);
    expect(isQuiet(8 * 60, DEFAULT_QUIET_HOURS)).toBe(false);
    expect(isQuiet(20 * 60 + 59, DEFAULT_QUIET_HOURS)).toBe(false);
  });
});
