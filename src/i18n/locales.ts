import { PSEUDO_LOCALE } from "./pseudo.ts";

/**
 * The languages Allies speaks. Adding one is adding its catalog: a `Catalog` object
 * (the compiler then asks for every English key), its code here, its name in
 * LANGUAGE_NAMES, and its entries in catalogs.all.ts and load.ts (decision 0046).
 * catalog.test.ts checks that each of its messages takes the same arguments as the
 * English one.
 */
export const LOCALES = ["en", "es"] as const;
/** A language a page or document can be in: one of LOCALES, or the test-only pseudo-locale (pseudo.ts), which is never offered. */
export type Locale = (typeof LOCALES)[number] | typeof PSEUDO_LOCALE;
export const DEFAULT_LOCALE: Locale = "en";

/**
 * Each language's name for itself, how a language choice lists it. Here rather than
 * in the catalogs: a page offers every language, while the browser holds only the
 * catalog of the page's own (decision 0046).
 */
export const LANGUAGE_NAMES: Record<(typeof LOCALES)[number], string> = { en: "English", es: "Español" };

export function isLocale(value: unknown): value is (typeof LOCALES)[number] {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first of the wanted language tags, in order, that one of the available
 * languages serves: exactly, or by its base language ("es-MX", "es_US.UTF-8" and
 * "ES" are all "es").
 */
export function negotiate<L extends string>(wanted: readonly string[], available: readonly L[]): L | undefined {
  for (const tag of wanted) {
    const base = tag.trim().toLowerCase().split(/[-_.@]/)[0];
    const match = available.find((language) => language === base);
    if (match) return match;
  }
  return undefined;
}

/**
 * The catalog locale for a language someone prefers: English when it has no
 * catalog. A participant whose language has none yet gets English documents
 * until it has one. The pseudo-locale's own tag, which only the marked demo data of a
 * pseudo-locale run carries (src/db/seed/pseudo-marks.ts), is that locale.
 */
export function localeFor(language: string | null | undefined): Locale {
  if (language === PSEUDO_LOCALE) return PSEUDO_LOCALE;
  return negotiate([language ?? ""], LOCALES) ?? DEFAULT_LOCALE;
}

/**
 * The best catalog for an Accept-Language header (RFC 9110 12.5.4), for people who
 * are not signed in: the highest-weighted language that has a catalog, else English.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  return negotiate(acceptedLanguages(header), LOCALES) ?? DEFAULT_LOCALE;
}

/**
 * The language of a page for someone not signed in (sign-in, password reset, the
 * estimator, a personal link before it opens): the one they chose with the
 * language switch, else what their browser asks for.
 */
export function visitorLocale(chosen: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(chosen) ? chosen : localeFromAcceptLanguage(acceptLanguage);
}

/** The tags of an Accept-Language header, highest weight first; "*" and q=0 left out. */
export function acceptedLanguages(header: string | null | undefined): string[] {
  const ranked = (header ?? "").split(",").flatMap((part, index) => {
    const [tag = "", ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    return tag && tag !== "*" && weight > 0 && Number.isFinite(weight) ? [{ tag, weight, index }] : [];
  });
  return ranked.sort((a, b) => b.weight - a.weight || a.index - b.index).map((entry) => entry.tag);
}

/**
 * The language of a command-line session, from the environment as POSIX orders it
 * (LC_ALL, LC_MESSAGES, LANG; "es_US.UTF-8" is Spanish). "C", "POSIX" or nothing is English.
 */
export function localeFromEnvironment(env: Record<string, string | undefined>): Locale {
  return localeFor(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/**
 * The language of a document made for a support person (a take-home plan, an
 * estimate, an invitation, a calendar file, their own page): the language on their
 * record, English when they have none or it has no catalog.
 */
export function supportPersonLocale(preferredLanguage: string | null = null): Locale {
  return localeFor(preferredLanguage);
}
