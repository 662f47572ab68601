import { Link } from "react-router";
import type { DayMeeting } from "../../src/domain/day/model.ts";
import { dateTimeFormat, intlLocale } from "../../src/i18n/format.ts";
import type { Locale, Translate } from "../../src/i18n/index.ts";
import { participantDisplayName } from "./support-person-fields.tsx";

/** A meeting's wall-clock time ("2:30 PM"): stored with a nominal Z, so read in UTC. */
export function meetingTime(iso: string, locale: Locale): string {
  return dateTimeFormat(intlLocale(locale), { timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));
}

export function meetingPath(m: { participantId: string; meetingId: string }): string {
  return `/participants/${m.participantId}/meetings/${m.meetingId}`;
}

/** One meeting as a line of a list: time, participant and title, the whole a link to the meeting. */
export function MeetingLine({ meeting, t, withDate }: { meeting: DayMeeting; t: Translate; withDate?: string }) {
  return (
    <Link to={meetingPath(meeting)}>
      {withDate ? `${withDate}, ` : ""}{meetingTime(meeting.scheduledAt, t.locale)} · {participantDisplayName(meeting)} · {meeting.title}
    </Link>
  );
}
