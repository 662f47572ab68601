/**
 * Calendar arithmetic for the scheduler, on wall-clock strings of the program's zone
 * (YYYY-MM-DDTHH:MM:SS). Pure.
 */

/** Reminders go from 09:00 in the program's zone, never in the night. */
export const REMINDER_HOUR = 9;
/** The specialist's digest is waiting at the start of the working day. */
export const DIGEST_HOUR = 7;

export function daysAfter(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function dayAfter(day: string): string {
  return daysAfter(day, 1);
}

/** "2026-03" → "2026-02"; "2026-01" → "2025-12". */
export function previousMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - 1);
  return date.toISOString().slice(0, 7);
}

export function reminderHourReached(wall: string, hour: number): boolean {
  return Number(wall.slice(11, 13)) >= hour;
}
