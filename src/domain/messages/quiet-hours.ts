import { offsetMinutes, transitions, wallClockAt } from "../program/time-zone.ts";

/**
 * Quiet hours (issue 12): texts wait for the morning. The window is wall-clock time
 * in the program's zone (program settings), so a text queued at 22:00 goes at 08:00
 * local time on the next day whatever the daylight-saving clock did overnight. Email
 * is not held: it waits in the reader's mailbox without waking anyone.
 */

/** A wall-clock time of day, HH:MM on a 24-hour clock. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface QuietHours {
  /** When texts stop, HH:MM. */
  start: string;
  /** When texts may go again, HH:MM; earlier than `start` when the window spans midnight. */
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: "21:00", end: "08:00" };

const DAY = 86_400_000;

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  return hours * 60 + minutes;
}

/** Is a wall-clock minute of the day inside the window? Equal start and end: no quiet hours. */
export function isQuiet(minuteOfDay: number, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

/**
 * The moments at which a zone's wall clock reads `wall` (YYYY-MM-DDTHH:MM), earliest
 * first: two when the clock goes back and the time happens twice; when the clock
 * jumps forward over it, the moment of the jump (the first moment after it).
 */
export function momentsAt(zone: string, wall: string): Date[] {
  const nominal = Date.parse(`${wall}:00Z`);
  const offsets = new Set([-DAY, 0, DAY].map((shift) => offsetMinutes(zone, new Date(nominal + shift))));
  const candidates = [...offsets].map((offset) => nominal - offset * 60_000).sort((a, b) => a - b);
  const exact = candidates.filter((candidate) => wallClockAt(zone, new Date(candidate)).startsWith(wall));
  if (exact.length > 0) return exact.map((moment) => new Date(moment));
  const jump = transitions(zone, new Date(candidates[0]! - DAY), new Date(candidates.at(-1)! + DAY))
    .find((t) => t.at.getTime() >= candidates[0]! && t.at.getTime() <= candidates.at(-1)!);
  return [jump ? jump.at : new Date(candidates.at(-1)!)];
}

/**
 * The earliest moment a text due at `at` may go: `at` itself outside quiet hours,
 * else the window's end in the program's zone (the same day after midnight, the
 * next day before it).
 */
export function earliestTextTime(at: Date, zone: string, quiet: QuietHours = DEFAULT_QUIET_HOURS): Date {
  const wall = wallClockAt(zone, at);
  const minuteOfDay = minutesOf(wall.slice(11, 16));
  if (!isQuiet(minuteOfDay, quiet)) return at;
  const today = wall.slice(0, 10);
  const endsTomorrow = minutesOf(quiet.start) > minutesOf(quiet.end) && minuteOfDay >= minutesOf(quiet.start);
  const day = endsTomorrow ? new Date(Date.parse(`${today}T00:00:00Z`) + DAY).toISOString().slice(0, 10) : today;
  // After a clock went back the window's end can happen twice: the first one after `at`.
  const ends = momentsAt(zone, `${day}T${quiet.end}`);
  return ends.find((end) => end.getTime() > at.getTime()) ?? at;
}

/** The zone quiet hours are kept in: the program's, else (not yet set) the server's own. */
export function quietHoursZone(programTimeZone: string | null): string {
  return programTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
