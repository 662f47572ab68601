/**
 * Dates relative to the day the suite runs, so a consent never expires under it and
 * a meeting is always ahead: fixed dates pass today and fail on a later day.
 */
const DAY_MS = 86_400_000;

/** YYYY-MM-DD, `offset` days from today (UTC). */
export function day(offset: number): string {
  return new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
}

/** YYYY-MM of the month `offset` months from this one (UTC). */
export function month(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
}

/** A consent in force from a month ago for most of a year. */
export const consentTerms = () => ({ startsOn: day(-30), expiresOn: day(300), signedOn: day(-30) });

/** A pay stub for the two weeks that ended a fortnight ago. */
export const payPeriod = () => ({ payDate: day(-14), periodStart: day(-28), periodEnd: day(-15) });

/** Wall-clock time of a meeting `days` ahead. */
export const meetingAt = (days: number, time = "10:00") => `${day(days)}T${time}`;
