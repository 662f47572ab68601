import { mayInvolve, type ConsentHistory, type PersonFacts } from "../consent/check.ts";

/**
 * Who may be invited to a meeting: only people whose active grant allows
 * meetings, and never anyone marked do not contact (the consent check covers both).
 */
export function invitablePeople<P extends PersonFacts>(people: readonly P[], consent: ConsentHistory, at: Date): P[] {
  return people.filter((p) => mayInvolve(consent, p, "attendMeetings", at));
}

function icsEscape(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

function icsDate(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * A meeting's time is the wall-clock time where it is held, as the planner typed
 * it (stored with a nominal Z). It goes into the file as floating local time
 * (RFC 5545 3.3.5, form #1) so every calendar shows the hour that was agreed,
 * whatever time zone the phone is set to.
 */
function icsLocalTime(iso: string): string {
  return icsDate(iso).replace(/Z$/, "");
}

/** RFC 5545 lines are at most 75 octets; longer ones continue with a space. */
function fold(line: string): string {
  const parts: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut--;
    parts.push(rest.slice(0, cut));
    rest = " " + rest.slice(cut);
  }
  parts.push(rest);
  return parts.join("\r\n");
}

export interface IcsEvent {
  uid: string;
  title: string;
  startsAt: string;
  durationMinutes: number;
  place: string;
  description: string;
  organizerName: string;
  attendeeName: string;
  stamp: string;
}

/** One invitation as an iCalendar file (RFC 5545). */
export function meetingIcs(event: IcsEvent): string {
  const end = new Date(Date.parse(event.startsAt) + event.durationMinutes * 60_000).toISOString();
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Allies//Support meetings//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${icsDate(event.stamp)}`,
    `DTSTART:${icsLocalTime(event.startsAt)}`,
    `DTEND:${icsLocalTime(end)}`,
    `SUMMARY:${icsEscape(event.title)}`,
    `LOCATION:${icsEscape(event.place)}`,
    `DESCRIPTION:${icsEscape(event.description)}`,
    `ORGANIZER;CN=${icsEscape(event.organizerName)}:mailto:noreply@allies.invalid`,
    `ATTENDEE;CN=${icsEscape(event.attendeeName)};RSVP=TRUE:mailto:noreply@allies.invalid`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}

/** Sending invitations by email and text comes later; every channel goes through this. */
export interface InvitationSender {
  send(invitation: { meetingId: string; supportPersonId: string; channel: "print" | "calendar" | "email" | "text" }): Promise<void>;
}
