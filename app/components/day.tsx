import { Link } from "react-router";
import type { DayMeeting } from "../../src/domain/day/model.ts";
import { formatTime } from "../../src/i18n/format.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { participantDisplayName } from "./support-person-fields.tsx";

export function meetingPath(m: { participantId: string; meetingId: string }): string {
  return `/participants/${m.participantId}/meetings/${m.meetingId}`;
}

/** One meeting as a line of a list: time, participant and title, the whole a link to the meeting. */
export function MeetingLine({ meeting, t, withDate }: { meeting: DayMeeting; t: Translate; withDate?: string }) {
  return (
    <Link to={meetingPath(meeting)}>
      {withDate ? `${withDate}, ` : ""}{formatTime(meeting.scheduledAt, t.locale)} · {participantDisplayName(meeting)} · {meeting.title}
    </Link>
  );
}
