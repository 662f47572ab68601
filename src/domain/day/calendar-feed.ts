import { fold, icsDate, icsEscape, icsLocalTime, vtimezone } from "../meetings/invitations.ts";

/** One meeting as the feed gives it: only what a calendar app needs to place it. */
export interface FeedEvent {
  meetingId: string;
  sequence: number;
  /** The participant's first name and the kind of meeting: no surname, no health details (calendar apps sync to other companies). */
  summary: string;
  startsAt: string;
  durationMinutes: number;
  place: string;
}

/**
 * The staff member's calendar feed (RFC 5545): one VCALENDAR with every meeting as
 * a VEVENT, in the program's zone (one VTIMEZONE) or floating when none is set,
 * the same local-time rule as a meeting's own .ics file. Each UID stays the same
 * through every change, and SEQUENCE follows the meeting's, so the app updates
 * the event it has.
 */
export function calendarFeedIcs(feed: { name: string; timeZone: string | null; stamp: string; events: FeedEvent[] }): string {
  const zoned = feed.timeZone ? `;TZID=${feed.timeZone}` : "";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Allies//Caseload calendar//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsEscape(feed.name)}`,
    ...(feed.timeZone ? vtimezone(feed.timeZone, feed.stamp) : []),
    ...feed.events.flatMap((event) => {
      const end = new Date(Date.parse(event.startsAt) + event.durationMinutes * 60_000).toISOString();
      return [
        "BEGIN:VEVENT",
        `UID:${event.meetingId}-feed@allies`,
        `SEQUENCE:${event.sequence}`,
        `DTSTAMP:${icsDate(feed.stamp)}`,
        `DTSTART${zoned}:${icsLocalTime(event.startsAt)}`,
        `DTEND${zoned}:${icsLocalTime(end)}`,
        "STATUS:CONFIRMED",
        // Private: a calendar shared with colleagues shows the time as busy, not what it is.
        "CLASS:PRIVATE",
        `SUMMARY:${icsEscape(event.summary)}`,
        `LOCATION:${icsEscape(event.place)}`,
        "END:VEVENT",
      ];
    }),
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}
