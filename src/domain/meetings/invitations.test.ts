import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { meetingIcs, type IcsEvent } from "./invitations.ts";
import { offsetMinutes, wallClockAt } from "../program/time-zone.ts";

const base: IcsEvent = {
  uid: "m1-p1@allies", sequence: 0, cancelled: false, timeZone: "America/Chicago", title: "Support meeting", startsAt: "2026-12-08T15:00:00.000Z", durationMinutes: 45,
  place: "Library, room 2", description: "Rosa invites you.", organizerName: "Dana Specialist", organizerEmail: "dana@program.example", attendeeName: "Luis Ortega",
  stamp: "2026-12-01T10:00:00.000Z",
};

/**
 * The file as a calendar reads it (ical.js): its method, the event's UID, SEQUENCE and
 * status, and the real moments it starts and ends, its own VTIMEZONE applied.
 */
const DAY = 86_400_000;

function read(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent("vevent")!;
  const zone = calendar.getFirstSubcomponent("vtimezone");
  const moment = (name: string) => {
    const property = event.getFirstProperty(name)!;
    const time = property.getFirstValue() as ICAL.Time;
    if (zone) {
      expect(property.getParameter("tzid")).toBe(zone.getFirstPropertyValue("tzid"));
      time.zone = new ICAL.Timezone(zone);
    }
    return zone ? new Date(time.toUnixTime() * 1000).toISOString() : time.toString();
  };
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: event.getFirstPropertyValue("sequence"),
    status: event.getFirstPropertyValue("status"),
    start: moment("dtstart"),
    end: moment("dtend"),
    organizer: event.getFirstPropertyValue("organizer"),
  };
}

/** What a TEXT value should read back as: line breaks as \n, other control characters gone. */
const asText = (s: string) => s.replace(/\r\n|[\r\n\u2028\u2029]/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
const asParam = (s: string) => s.replace(/[\u0000-\u001f\u007f"\u2028\u2029]/g, " ").trim();

function parse(ics: string) {
  const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!;
  return {
    summary: event.getFirstPropertyValue("summary"),
    location: event.getFirstPropertyValue("location"),
    description: event.getFirstPropertyValue("description"),
    organizer: event.getFirstProperty("organizer")!.getParameter("cn"),
    attendee: event.getFirstProperty("attendee")!.getParameter("cn"),
    attendeeValue: event.getFirstPropertyValue("attendee"),
    rsvp: event.getFirstProperty("attendee")!.getParameter("rsvp"),
    uid: event.getFirstPropertyValue("uid"),
  };
}

function expectWellFormed(ics: string) {
  expect(ics.endsWith("\r\n")).toBe(true);
  // Every line ends in CRLF: no bare CR or LF anywhere, and none longer than 75 octets.
  expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
}

describe("a meeting's calendar file in the program's time zone", () => {
  it("places the agreed wall-clock hour in the zone, in winter and in summer", () => {
    expect(read(meetingIcs(base)).start).toBe("2026-12-08T21:00:00.000Z");
    expect(read(meetingIcs(base)).end).toBe("2026-12-08T21:45:00.000Z");
    expect(read(meetingIcs({ ...base, startsAt: "2026-07-08T15:00:00.000Z" })).start).toBe("2026-07-08T20:00:00.000Z");
  });

  it("holds floating local times until the program has a zone", () => {
    const ics = meetingIcs({ ...base, timeZone: null });
    expect(ics).toContain("DTSTART:20261208T150000\r\n");
    expect(ics).not.toContain("VTIMEZONE");
    expect(read(ics).start).toBe("2026-12-08T15:00:00");
  });

  it("is sent from the specialist's own address", () => {
    expect(read(meetingIcs(base)).organizer).toBe("mailto:dana@program.example");
    expect(read(meetingIcs({ ...base, organizerEmail: "not an address\r\nX:y" })).organizer).toBe("mailto:noreply@allies.invalid");
  });

  it("updates the same event when rescheduled, and removes it when cancelled", () => {
    const first = read(meetingIcs(base));
    const update = read(meetingIcs({ ...base, sequence: 1, startsAt: "2026-12-09T10:30:00.000Z" }));
    const cancel = read(meetingIcs({ ...base, sequence: 2, startsAt: "2026-12-09T10:30:00.000Z", cancelled: true }));
    expect([first.method, first.status, first.sequence]).toEqual(["PUBLISH", "CONFIRMED", 0]);
    expect([update.uid, update.sequence, update.start]).toEqual([first.uid, 1, "2026-12-09T16:30:00.000Z"]);
    expect([cancel.uid, cancel.method, cancel.status, cancel.sequence]).toEqual([first.uid, "CANCEL", "CANCELLED", 2]);
  });

  it("reads back the right moment in any zone, on any day, across clock changes (fuzz)", () => {
    const zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
      "Pacific/Honolulu", "America/Puerto_Rico", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];
    const day = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 11, 31) }).map((ms) => Math.floor(ms / 900_000) * 900_000);
    fc.assert(fc.property(fc.constantFrom(...zones), day, fc.boolean(), fc.nat(5), (timeZone, ms, cancelled, sequence) => {
      const startsAt = new Date(ms).toISOString();
      const ics = meetingIcs({ ...base, timeZone, startsAt, cancelled, sequence });
      expectWellFormed(ics);
      const parsed = read(ics);
      expect(parsed.sequence).toBe(sequence);
      expect(parsed.method).toBe(cancelled ? "CANCEL" : "PUBLISH");
      // The moment the calendar computes shows, in the zone, the wall clock that was typed,
      // unless the clocks jumped over that wall clock that day (then no moment has it).
      const typed = startsAt.slice(0, 16);
      const exists = [ms - DAY, ms + DAY].some((near) => wallClockAt(timeZone, new Date(ms - offsetMinutes(timeZone, new Date(near)) * 60_000)).slice(0, 16) === typed);
      if (exists) expect(wallClockAt(timeZone, new Date(parsed.start)).slice(0, 16)).toBe(typed);
    }), { numRuns: 200 });
  });
});

describe("a meeting's calendar file (RFC 5545)", () => {
  it("keeps a bare CR in a title from starting a new property", () => {
    const ics = meetingIcs({ ...base, title: "Lunch\rATTENDEE:mailto:someone@evil.example" });
    expectWellFormed(ics);
    expect(ics).not.toMatch(/\r\nATTENDEE:mailto:someone/);
    expect(parse(ics).summary).toBe("Lunch\nATTENDEE:mailto:someone@evil.example");
  });

  it("keeps a name from breaking out of the CN parameter", () => {
    const ics = meetingIcs({ ...base, attendeeName: 'Eve;ROLE=CHAIR:mailto:eve@evil.example;"x"' });
    expectWellFormed(ics);
    const parsed = parse(ics);
    expect(parsed.attendee).toBe("Eve;ROLE=CHAIR:mailto:eve@evil.example; x");
    expect(parsed.attendeeValue).toBe("mailto:noreply@allies.invalid");
    expect(parsed.rsvp).toBe("TRUE");
  });

  it("parses back to what was written for any text, in any script (fuzz)", () => {
    const text = fc.string({ unit: "binary", maxLength: 200 });
    fc.assert(fc.property(text, text, text, text, text, (title, place, description, organizerName, attendeeName) => {
      const ics = meetingIcs({ ...base, title, place, description, organizerName, attendeeName });
      expectWellFormed(ics);
      const parsed = parse(ics);
      expect(parsed.uid).toBe(base.uid);
      expect(parsed.summary).toBe(asText(title));
      expect(parsed.location).toBe(asText(place));
      expect(parsed.description).toBe(asText(description));
      expect(parsed.organizer).toBe(asParam(organizerName));
      expect(parsed.attendee).toBe(asParam(attendeeName));
    }), { numRuns: 300 });
  });
});
