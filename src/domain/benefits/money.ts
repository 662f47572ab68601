/**
 * Dollars rounded to the cent, half a cent up. Scaling through toFixed first keeps
 * binary fractions from rounding the wrong way (607.505 * 100 is 60750.49999...).
 */
export function roundToCents(dollars: number): number {
  return Math.round(Number((dollars * 100).toFixed(6))) / 100 || 0;
}

/** benefits-rules.md, "Hours to monthly wages": hours per week x hourly wage x 52 / 12, to the cent. */
export const WEEKS_PER_YEAR = 52;
export const MONTHS_PER_YEAR = 12;

export function monthlyGrossFromHours(hoursPerWeek: number, hourlyWage: number): number {
  return roundToCents((hoursPerWeek * hourlyWage * WEEKS_PER_YEAR) / MONTHS_PER_YEAR);
}
