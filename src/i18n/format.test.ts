import { describe, expect, it } from "vitest";
import { dateTimeFormat, formatDate, formatDateTime, formatDollars, formatMonth, formatTime, formatUtcDateTime, formatWeekday, numberFormat } from "./format.ts";
import { CATALOG_CLOSE, CATALOG_OPEN, PSEUDO_LOCALE } from "./pseudo.ts";

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

describe("dates and money in a locale", () => {
  it("writes a calendar day on its own date whatever the server's time zone, long for documents and medium for tables", () => {
    expect(formatDate("2026-12-31", "en")).toBe("December 31, 2026");
    expect(formatDate("2026-12-31", "en", "medium")).toBe("Dec 31, 2026");
    expect(formatDate("2026-03-05T23:30:00.000Z", "en")).toBe("March 5, 2026");
    expect(formatDate("not a date", "en")).toBe("not a date");
  });

  it("writes months, times and dollars", () => {
    expect(formatMonth("2026-05", "en")).toBe("May 2026");
    expect(formatDateTime("2026-05-10T14:30:00.000Z", "en", { dateStyle: "full", timeStyle: "short" })).toBe("Sunday, May 10, 2026 at 2:30 PM");
    expect(formatDollars(1200, "en")).toBe("$1,200");
    expect(formatDollars(607.5, "en")).toBe("$607.50");
  });
});

describe("dates and money in Spanish (es-US)", () => {
  it("writes days and months in Spanish words, the way Spanish readers in the United States see them", () => {
    expect(formatDate("2026-03-05", "es")).toBe("5 de marzo de 2026");
    expect(formatDate("2026-03-05", "es", "medium")).toBe("5 mar 2026");
    expect(formatMonth("2026-05", "es")).toBe("mayo de 2026");
    expect(formatDateTime("2026-05-10T14:30:00.000Z", "es", { dateStyle: "full", timeStyle: "short" })).toMatch(/^domingo, 10 de mayo de 2026, 2:30\sp\.\s?m\.$/);
  });

  it("writes dollars with the dollar sign first and a comma between thousands, not 1200 US$", () => {
    expect(formatDollars(1200, "es")).toBe("$1,200");
    expect(formatDollars(607.5, "es")).toBe("$607.50");
  });
});

describe("weekdays, wall-clock times and UTC instants", () => {
  it("names the day of the week, a meeting's time and an audit time with its zone, in the reader's language", () => {
    expect(formatWeekday("2026-05-10", "en")).toBe("Sunday");
    expect(formatWeekday("2026-05-10", "en", "short")).toBe("Sun");
    expect(formatWeekday("2026-05-10", "es")).toBe("domingo");
    expect(formatTime("2026-05-10T14:30:00.000Z", "en")).toBe("2:30 PM");
    expect(formatUtcDateTime("2026-05-10T14:30:05.000Z", "en")).toBe("May 10, 2026, 2:30:05 PM UTC");
    expect(formatUtcDateTime("2026-05-10T14:30:05.000Z", "en", false)).toBe("May 10, 2026, 2:30 PM UTC");
    expect(formatUtcDateTime("2026-05-10T14:30:05.000Z", "es")).toMatch(/^10 may 2026, 2:30:05\sp\.\s?m\.\sUTC$/);
  });

  it("marks them in the pseudo-locale like the catalog's words, so the pseudo-locale walk sees they are not bypassing it", () => {
    for (const text of [formatWeekday("2026-05-10", PSEUDO_LOCALE), formatTime("2026-05-10T14:30:00.000Z", PSEUDO_LOCALE), formatUtcDateTime("2026-05-10T14:30:05.000Z", PSEUDO_LOCALE)]) {
      expect(text.startsWith(CATALOG_OPEN) && text.endsWith(CATALOG_CLOSE), text).toBe(true);
    }
  });
});
