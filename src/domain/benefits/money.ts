import type { Locale } from "../../i18n/index.ts";
import { numberFormat } from "../formatters.ts";

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

/**
 * "$1,200" or "$607.51". Here rather than beside the estimate, so a page that only
 * shows amounts does not send the whole rules engine to the browser.
 */
export function formatDollars(dollars: number, locale: Locale = "en"): string {
  const whole = Number.isInteger(dollars);
  return numberFormat(locale === "en" ? "en-US" : locale, {
    style: "currency", currency: "USD", minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2,
  }).format(dollars);
}
