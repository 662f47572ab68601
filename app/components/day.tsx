import type { DayMeeting } from "../../src/domain/day/model.ts";
import { formatTime } from "../../src/i18n/format.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { participantDisplayName } from "./support-person-fields.tsx";

export function meetingPath(m: { participantId: string; meetingId: string }): string {
  return `/participants/${m.participantId}/meetings/${m.meetingId}`;
}

/** One meeting as a line of a list: time, participant and title, the whole a link to the meeting (a plain one: lists repeat it, decision 0041). */
export function MeetingLine({ meeting, t, withDate }: { meeting: DayMeeting; t: Translate; withDate?: string }) {
  return (
    <a href={meetingPath(meeting)}>
      {withDate ? `${withDate}, ` : ""}{formatTime(meeting.scheduledAt, t.locale)} · {participantDisplayName(meeting)} · {meeting.title}
    </a>
  );
}
