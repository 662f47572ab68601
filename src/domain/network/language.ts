import { supportPersonLocale, type Locale } from "../../i18n/index.ts";

/**
 * The language a support person reads, from their row of `support_persons` as
 * `selectAll()` returns it. The column `preferred_language` comes with the message
 * preferences (migration 0017); read this way, a database without it yet gives
 * English, and one with it gives each person their own language with no change here.
 */
export function supportPersonLocaleOf(row: object): Locale {
  const language = (row as { preferred_language?: unknown }).preferred_language;
  return supportPersonLocale(typeof language === "string" ? language : null);
}
