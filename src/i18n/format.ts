import type { Locale } from "./locales.ts";
import { CATALOG_CLOSE, CATALOG_OPEN, PSEUDO_LOCALE } from "./pseudo.ts";

/** A formatted date or amount, marked in the pseudo-locale like the catalog's words it stands beside. */
function marked(text: string, locale: Locale): string {
  return locale === PSEUDO_LOCALE ? `${CATALOG_OPEN}${text}${CATALOG_CLOSE}` : text;
}

/**
 * Dates, months and money in a locale, from Intl formatters made once per locale
 * and options and then shared (the compiled messages of index.ts use them too).
 * Each `new Intl.DateTimeFormat` costs about 60 µs and some 25 kB of ICU memory
 * outside V8's heap, given back only when a garbage collection happens to reach its
 * small wrapper: made per call, the dates of a caseload page took the server past
 * 1 GB of resident memory under load (see bench/README.md).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRuleSets = new Map<string, Intl.PluralRules>();
// Keys come from options written in the code and a few locales; the cap only guards against a caller that varies them.
const MAX_FORMATS = 200;

function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let format = cache.get(key);
  if (!format) {
    if (cache.size >= MAX_FORMATS) cache.clear();
    format = make();
    cache.set(key, format);
  }
  return format;
}

function cacheKey(locales: string | string[] | undefined, options: object | undefined): string {
  return `${String(locales)}|${JSON.stringify(options ?? {})}`;
}

export function dateTimeFormat(locales?: string | string[], options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return memo(dateFormats, cacheKey(locales, options), () => new Intl.DateTimeFormat(locales, options));
}

export function numberFormat(locales?: string | string[], options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return memo(numberFormats, cacheKey(locales, options), () => new Intl.NumberFormat(locales, options));
}

export function pluralRules(locales?: string | string[], options?: Intl.PluralRulesOptions): Intl.PluralRules {
  return memo(pluralRuleSets, cacheKey(locales, options), () => new Intl.PluralRules(locales, options));
}

/**
 * The Intl locale of a catalog: Allies serves programs in the United States, so
 * dates follow US conventions and money is in US dollars in every language
 * ("en-US", "es-US"). Plain "es" would write "1200 US$" and "14:30"; es-US writes
 * "$1,200" and "2:30 p.m." as Spanish readers in the United States see them.
 */
export function intlLocale(locale: Locale): string {
  return locale === PSEUDO_LOCALE ? "en-US" : `${locale}-US`;
}

function calendarDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : new Date(value);
}

/**
 * A calendar date (YYYY-MM-DD) or an instant, in words: "March 5, 2026" (long, for
 * documents and sentences) or "Mar 5, 2026" (medium, for tables and lists). Days are
 * read in UTC, as they are stored.
 */
export function formatDate(value: string, locale: Locale, style: "long" | "medium" = "long"): string {
  const date = calendarDate(value);
  if (Number.isNaN(date.getTime())) return value;
  return marked(dateTimeFormat(intlLocale(locale), { dateStyle: style, timeZone: "UTC" }).format(date), locale);
}

/** "2026-05" as "May 2026". */
export function formatMonth(month: string, locale: Locale): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return marked(dateTimeFormat(intlLocale(locale), { month: "long", year: "numeric", timeZone: "UTC" }).format(date), locale);
}

/**
 * A date and time, read in UTC: meeting times are wall-clock times stored with a
 * nominal Z, and audit times are UTC and say so.
 */
export function formatDateTime(value: string, locale: Locale, style: { dateStyle: "full" | "medium"; timeStyle: "short" | "medium" }): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return marked(dateTimeFormat(intlLocale(locale), { ...style, timeZone: "UTC" }).format(date), locale);
}

/**
 * An instant as the audit log and the outbox keep it, in UTC and saying so:
 * "Dec 2, 2026, 3:04:05 PM UTC". The zone's name comes from Intl, like the rest.
 */
export function formatUtcDateTime(value: string, locale: Locale, withSeconds = true): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return marked(dateTimeFormat(intlLocale(locale), {
    year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", ...(withSeconds ? { second: "2-digit" } : {}),
    timeZoneName: "short", timeZone: "UTC",
  }).format(date), locale);
}

/** A wall-clock time ("2:30 PM") of an instant stored with a nominal Z (meeting times), so read in UTC. */
export function formatTime(value: string, locale: Locale): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return marked(dateTimeFormat(intlLocale(locale), { timeStyle: "short", timeZone: "UTC" }).format(date), locale);
}

/** A calendar date's day of the week ("Monday", or "Mon" when short). */
export function formatWeekday(day: string, locale: Locale, style: "long" | "short" = "long"): string {
  const date = calendarDate(day);
  if (Number.isNaN(date.getTime())) return day;
  return marked(dateTimeFormat(intlLocale(locale), { weekday: style, timeZone: "UTC" }).format(date), locale);
}

/** "$1,200" or "$607.51": cents only when there are some. */
export function formatDollars(dollars: number, locale: Locale): string {
  const whole = Number.isInteger(dollars);
  return marked(numberFormat(intlLocale(locale), {
    style: "currency", currency: "USD", minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2,
  }).format(dollars), locale);
}
