import { mayInvolve, type ConsentHistory, type PersonFacts } from "../consent/check.ts";
import type { ConsentCategory } from "../consent/model.ts";
import { mayDisclose, needsRedisclosureNotice, type DisclosurePiece } from "../consent/disclosure.ts";
import { DEFAULT_LOCALE, translator, type Locale } from "../../i18n/index.ts";
import { offsetMinutes, transitions } from "../program/time-zone.ts";

/**
 * Who may be invited to a meeting. For a meeting that says what it discloses: only
 * people who may be shown its title, place and agenda at a meeting (mayDisclose, with
 * the involvement "attend meetings"), so a meeting at a methadone clinic reaches only
 * someone with a substance use consent. Before the categories are chosen (while
 * planning): people whose active grant allows meetings at all. Never anyone marked do
 * not contact (the consent check covers it).
 */
export function invitablePeople<P extends PersonFacts>(people: readonly P[], consent: ConsentHistory, meeting: DisclosurePiece | null, at: Date): P[] {
  return people.filter((person) => meeting
    ? mayDisclose(consent, { kind: "support_person", person }, meeting, "attendMeetings", at)
    : mayInvolve(consent, person, "attendMeetings", at));
}

/** The meeting, as far as an invitation tells it. */
export interface InvitedMeeting extends DisclosurePiece {
  id: string;
  title: string;
  scheduledAt: string;
  durationMinutes: number;
  place: string;
  refreshments: string | null;
  agenda: string[];
  /** How many times it was rescheduled, changed or cancelled since first planned. */
  sequence: number;
  cancelled: boolean;
}

/** Who an invitation comes from, and the program it is sent in. */
export interface InvitationSource {
  participantName: string;
  specialistName: string;
  specialistEmail: string;
  specialistPhone: string | null;
  programName: string;
  programPhone: string | null;
  timeZone: string | null;
}

/**
 * The invitations a meeting's invitees may be sent right now, and who is refused.
 * Each is built for one invitee from the meeting only when that invitee passes the
 * disclosure check; it names only the invitee, the participant and the specialist,
 * never the other people invited. Pure: sendInvitations feeds it and the senders.
 */
export function invitationsToSend<P extends PersonFacts & { name: string; locale?: Locale }>(
  meeting: InvitedMeeting, invitees: readonly P[], consent: ConsentHistory, from: InvitationSource, at: Date,
): { invitations: InvitationContent[]; refused: string[] } {
  const allowed = invitablePeople(invitees, consent, meeting, at);
  return {
    invitations: allowed.map((invitee) => ({
      ...from, meetingId: meeting.id, supportPersonId: invitee.id, inviteeName: invitee.name, locale: invitee.locale ?? DEFAULT_LOCALE,
      title: meeting.title, scheduledAt: meeting.scheduledAt, durationMinutes: meeting.durationMinutes, place: meeting.place,
      refreshments: meeting.refreshments, agenda: meeting.agenda, discloses: [...meeting.categories],
      sequence: meeting.sequence, cancelled: meeting.cancelled,
    })),
    refused: invitees.filter((i) => !allowed.includes(i)).map((i) => i.id),
  };
}

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line
 * break (CRLF, a bare CR or LF, U+2028/U+2029) as \n, and other control characters,
 * which no TEXT value may hold, dropped.
 */
export function icsEscape(text: string): string {
  return text
    .replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
    .replace(/\r\n|[\r\n\u2028\u2029]/g, "\\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/**
 * A parameter value such as CN= (RFC 5545 3.2): always quoted, so ":", ";" and ","
 * in a name cannot end the parameter; DQUOTE and control characters, which a quoted
 * value may not hold at all, are dropped (there is no escape for them).
 */
export function icsParam(text: string): string {
  return `"${text.replace(/[\u0000-\u001f\u007f"\u2028\u2029]/g, " ").trim()}"`;
}

function icsDate(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * A meeting's time is the wall-clock time where it is held, as the planner typed
 * it (stored with a nominal Z). In the file it is that local time: with the
 * program's zone (TZID, RFC 5545 3.2.19) once an administrator has set one, else
 * floating (3.3.5, form #1), so every calendar shows the hour that was agreed.
 */
function icsLocalTime(iso: string): string {
  return icsDate(iso).replace(/Z$/, "");
}

function icsOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

/**
 * The zone's definition (RFC 5545 3.6.5) for the years around the meeting: the
 * offset it starts at, then each change as its own observance (DAYLIGHT when the
 * clocks go forward). Drawn from the runtime's zone data, so no rule is copied by hand.
 */
export function vtimezone(zone: string, around: string): string[] {
  const year = new Date(around).getUTCFullYear();
  const key = `${zone} ${year}`;
  const known = zoneDefinitions.get(key);
  if (known) return known;
  const definition = zoneDefinition(zone, year);
  zoneDefinitions.set(key, definition);
  return definition;
}

/** Zone definitions already worked out, by zone and year: the zone data do not change while the server runs. */
const zoneDefinitions = new Map<string, string[]>();

function zoneDefinition(zone: string, year: number): string[] {
  const start = new Date(Date.UTC(year - 1, 0, 1));
  const changes = transitions(zone, start, new Date(Date.UTC(year + 2, 0, 1)));
  const first = offsetMinutes(zone, start);
  const observance = (kind: "STANDARD" | "DAYLIGHT", onset: string, from: number, to: number) => [
    `BEGIN:${kind}`, `DTSTART:${onset}`, `TZOFFSETFROM:${icsOffset(from)}`, `TZOFFSETTO:${icsOffset(to)}`, `END:${kind}`,
  ];
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${zone}`,
    ...observance("STANDARD", "19700101T000000", first, first),
    // An onset is the local time just before the change, in the offset being left.
    ...changes.flatMap((c) => observance(c.to > c.from ? "DAYLIGHT" : "STANDARD", icsLocalTime(new Date(c.at.getTime() + c.from * 60_000).toISOString()), c.from, c.to)),
    "END:VTIMEZONE",
  ];
}

/**
 * RFC 5545 lines are at most 75 octets; longer ones continue with a space. A cut
 * never splits a UTF-8 character nor a surrogate pair.
 */
function fold(line: string): string {
  const parts: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut--;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    parts.push(rest.slice(0, cut));
    rest = " " + rest.slice(cut);
  }
  parts.push(rest);
  return parts.join("\r\n");
}

export interface IcsEvent {
  uid: string;
  /** RFC 5545 3.8.7.4: 0 when first sent, one more with each change; a calendar keeps the highest. */
  sequence: number;
  /** A cancelled meeting's file removes it from the calendar (METHOD:CANCEL, RFC 5546 3.2.5). */
  cancelled: boolean;
  /** The program's IANA zone; null for floating local times. */
  timeZone: string | null;
  title: string;
  startsAt: string;
  durationMinutes: number;
  place: string;
  description: string;
  organizerName: string;
  /** The specialist's own address: replies and questions reach a person. */
  organizerEmail: string;
  attendeeName: string;
  stamp: string;
}

/** An address as a mailto: URI; anything that is not a plain address falls back to one that reaches no one. */
function mailto(address: string): string {
  return /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(address) ? `mailto:${address}` : "mailto:noreply@allies.invalid";
}

/**
 * One invitation as an iCalendar file (RFC 5545): the first one, an update (same
 * UID, higher SEQUENCE) or a cancellation (METHOD:CANCEL, STATUS:CANCELLED).
 */
export function meetingIcs(event: IcsEvent): string {
  const end = new Date(Date.parse(event.startsAt) + event.durationMinutes * 60_000).toISOString();
  const zoned = event.timeZone ? `;TZID=${event.timeZone}` : "";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Allies//Support meetings//EN",
    "CALSCALE:GREGORIAN",
    event.cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH",
    ...(event.timeZone ? vtimezone(event.timeZone, event.startsAt) : []),
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsDate(event.stamp)}`,
    `DTSTART${zoned}:${icsLocalTime(event.startsAt)}`,
    `DTEND${zoned}:${icsLocalTime(end)}`,
    event.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED",
    `SUMMARY:${icsEscape(event.title)}`,
    `LOCATION:${icsEscape(event.place)}`,
    `DESCRIPTION:${icsEscape(event.description)}`,
    `ORGANIZER;CN=${icsParam(event.organizerName)}:${mailto(event.organizerEmail)}`,
    `ATTENDEE;CN=${icsParam(event.attendeeName)};RSVP=TRUE:mailto:noreply@allies.invalid`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}

/** What one invitation says, for one invitee: the first one, an update, or a cancellation. */
export interface InvitationContent extends InvitationSource {
  meetingId: string;
  supportPersonId: string;
  inviteeName: string;
  /** The invitee's language: every word of the invitation is in it. */
  locale: Locale;
  sequence: number;
  cancelled: boolean;
  title: string;
  scheduledAt: string;
  durationMinutes: number;
  place: string;
  refreshments: string | null;
  agenda: string[];
  /** The consent categories it discloses: for the audit row of the sending. */
  discloses: ConsentCategory[];
}

/** The channels there are today. Email and text come in a later issue, as more senders. */
export type InvitationChannel = "print" | "calendar";

/**
 * One way of getting an invitation to a person. Every channel goes through
 * `sendInvitations` (meetings.server.ts), which checks consent at the moment of
 * sending, hands the sender only the people who pass, and records what was sent;
 * a sender only turns the content into what its channel needs.
 */
export interface InvitationSender<Output> {
  readonly channel: InvitationChannel;
  send(invitation: InvitationContent, sentAt: Date): Promise<Output>;
}

/** Paper: the invitation as it is laid out on the printed page, one per person. */
export const printSender: InvitationSender<InvitationContent> = {
  channel: "print",
  send: async (invitation) => invitation,
};

/** A calendar file the specialist downloads and passes on. */
export const calendarSender: InvitationSender<string> = {
  channel: "calendar",
  send: async (invitation, sentAt) => {
    const t = translator(invitation.locale);
    return meetingIcs({
    // One UID per meeting and invitee, kept through every change: the calendar updates the event it has.
    uid: `${invitation.meetingId}-${invitation.supportPersonId}@allies`, sequence: invitation.sequence, cancelled: invitation.cancelled,
    timeZone: invitation.timeZone, title: invitation.title, startsAt: invitation.scheduledAt,
    durationMinutes: invitation.durationMinutes, place: invitation.place,
    description: [
      ...(invitation.cancelled ? [t("meetings.invitation.cancelled")] : []),
      `${t("strays.calendar.invites", { name: invitation.participantName })} ${invitation.agenda.join("; ")}`,
      ...(needsRedisclosureNotice([{ categories: invitation.discloses }]) ? [t("consent.part2Notice")] : []),
    ].join("\n\n"),
    organizerName: invitation.specialistName, organizerEmail: invitation.specialistEmail, attendeeName: invitation.inviteeName, stamp: sentAt.toISOString(),
    });
  },
};
