import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { meetingIcs, type IcsEvent } from "./invitations.ts";

const base: IcsEvent = {
  uid: "m1-p1@allies", title: "Support meeting", startsAt: "2026-12-08T15:00:00.000Z", durationMinutes: 45,
  place: "Library, room 2", description: "Rosa invites you.", organizerName: "Dana Specialist", attendeeName: "Luis Ortega",
  stamp: "2026-12-01T10:00:00.000Z",
};

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
