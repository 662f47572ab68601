/**
 * Intl formatters, made once per locale and options and then shared. Each
 * `new Intl.DateTimeFormat` costs about 60 µs and some 25 kB of ICU memory outside
 * V8's heap, given back only when a garbage collection happens to reach its small
 * wrapper: made per call, the dates of a caseload page took the server past 1 GB
 * of resident memory under load (see bench/README.md).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
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

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return memo(dateFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return memo(numberFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}
