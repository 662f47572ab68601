import { z } from "zod";
import type { MeetingKind } from "../meetings/model.ts";
import type { ConcernType } from "../concerns/model.ts";
import type { CommitmentReport } from "../partners/model.ts";

/** A participant as the day's lists name them. */
export interface NamedParticipant {
  participantId: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
}

export interface DayMeeting extends NamedParticipant {
  meetingId: string;
  kind: MeetingKind;
  title: string;
  /** The wall-clock time where it is held (stored with a nominal Z). */
  scheduledAt: string;
  durationMinutes: number;
  place: string;
  status: string;
  /** The meeting's change count (RFC 5545 SEQUENCE). */
  sequence: number;
}

export interface DueCommitment extends NamedParticipant {
  planItemId: string;
  description: string;
  endsOn: string;
  overdue: boolean;
}

export interface EndingConsent extends NamedParticipant {
  grantId: string;
  supportPersonId: string;
  supportPersonName: string;
  expiresOn: string;
}

export interface OpenConcern extends NamedParticipant {
  concernId: string;
  type: ConcernType;
  status: string;
}

/** Something a support person did on their own page since the staff member last looked. */
export type SupportNews =
  | (NamedParticipant & { kind: "rsvp"; at: string; supportPersonName: string; meetingId: string; meetingTitle: string; response: "yes" | "no" | "maybe" })
  | (NamedParticipant & { kind: "commitment"; at: string; supportPersonName: string; planItemId: string; description: string; report: CommitmentReport });

export interface SsiReportDue extends NamedParticipant {
  month: string;
  dueOn: string;
  /** "changed": pay recorded after the month was reported, so the report needs correcting. */
  status: "due" | "overdue" | "changed";
}

/** A caseload's day: each list is what the home page links from. */
export interface CaseloadDay {
  kind: "caseload";
  scope: "own" | "team";
  today: string;
  meetingsToday: DayMeeting[];
  meetingsThisWeek: DayMeeting[];
  commitments: DueCommitment[];
  consentsEnding: EndingConsent[];
  concerns: OpenConcern[];
  ssiReports: SsiReportDue[];
  news: SupportNews[];
  /** From when `news` counts; null on the very first visit (then the last week). */
  newsSince: string | null;
}

/** The administrator's plain summary: counts across the program, no names. */
export interface ProgramSummary {
  kind: "summary";
  today: string;
  activeParticipants: number;
  meetingsThisWeek: number;
  commitmentsOverdue: number;
  consentsEnding: number;
  openConcerns: number;
}

export type HomeDay = CaseloadDay | ProgramSummary | { kind: "none"; today: string };

/** The longest list the home page shows of each kind; the caseload and calendar pages hold the rest. */
export const HOME_LIST_LIMIT = 50;
/** A consent ending within this many days is listed, so there is time to renew it with the participant. */
export const CONSENT_NOTICE_DAYS = 30;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)));

/** The calendar page's address: which view, and a day inside the week or month to show. */
export const calendarQuerySchema = z.object({
  view: z.enum(["week", "month"]).catch("week"),
  date: isoDay.optional().catch(undefined),
});
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

/** The day `n` days after an ISO day (negative for before). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week holding this day (ISO 8601 weeks start on Monday). */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The days a calendar view covers: a week from Monday, or the month's weeks in full (Monday to Sunday). */
export function calendarRange(view: "week" | "month", day: string): { from: string; to: string; first: string; last: string } {
  if (view === "week") {
    const from = weekStart(day);
    return { from, to: addDays(from, 7), first: from, last: addDays(from, 6) };
  }
  const first = `${day.slice(0, 7)}-01`;
  const next = addDays(first, 32).slice(0, 7) + "-01";
  const from = weekStart(first);
  const lastSunday = addDays(weekStart(addDays(next, -1)), 6);
  return { from, to: addDays(lastSunday, 1), first, last: addDays(next, -1) };
}

/** The days from one day up to (not including) another. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The feed page's one form: make a new address (replacing any), or turn the feed off. */
export const calendarFeedActionSchema = z.strictObject({ intent: z.enum(["issue", "revoke"]) });
