import { IntlMessageFormat } from "intl-messageformat";
import { builtInCatalogs } from "#i18n/catalogs";
import type { en } from "./en/index.ts";
import { LANGUAGE_NAMES, isLocale, type Locale } from "./locales.ts";
import { dateTimeFormat, intlLocale, numberFormat, pluralRules } from "./format.ts";
import { PSEUDO_LOCALE, pseudoMessage } from "./pseudo.ts";

export type MessageKey = keyof typeof en;
/** A complete catalog: one ICU MessageFormat message per English key. */
export type Catalog = Record<MessageKey, string>;
/** A language with a catalog of its own (the pseudo-locale's is made from English). */
type CatalogLocale = Exclude<Locale, typeof PSEUDO_LOCALE>;

export { DEFAULT_LOCALE, LOCALES, isLocale, localeFor, localeFromAcceptLanguage, localeFromEnvironment, supportPersonLocale, visitorLocale, type Locale } from "./locales.ts";

/**
 * The catalogs translate() can use. The server has every one built in (catalogs.all.ts);
 * the browser starts with none and load.ts adds the page's language (decision 0046).
 */
const catalogs = new Map<Locale, Catalog>();

/** Adds a language's catalog: load.ts calls it in the browser once the catalog's chunk has arrived. */
export function registerCatalog(locale: CatalogLocale, catalog: Catalog): void {
  catalogs.set(locale, catalog);
}

for (const [locale, catalog] of Object.entries(builtInCatalogs as Partial<Record<CatalogLocale, Catalog>>)) {
  if (isLocale(locale)) registerCatalog(locale, catalog);
}

/** The catalog a locale's words come from: its own, or English for the pseudo-locale. */
export function catalogSource(locale: Locale): CatalogLocale {
  return locale === PSEUDO_LOCALE ? "en" : locale;
}

function catalogFor(locale: Locale): Catalog | undefined {
  let catalog = catalogs.get(locale);
  if (!catalog && locale === PSEUDO_LOCALE) {
    const english = catalogs.get("en");
    if (english) catalogs.set(locale, (catalog = Object.fromEntries(Object.entries(english).map(([key, message]) => [key, pseudoMessage(message)])) as Catalog));
  }
  return catalog;
}

/** Whether translate() can write in this locale now (always on the server; in the browser once load.ts has its catalog). */
export function hasCatalog(locale: Locale): boolean {
  return catalogFor(locale) !== undefined;
}

/** The values a message's `{name}`, `{count, plural, ...}` and `{kind, select, ...}` arguments take. */
export type MessageValues = Record<string, string | number>;

/** A zod error, or any string, that names a message: how form and API errors narrow to a key without a cast. */
export function isMessageKey(value: unknown): value is MessageKey {
  // Every catalog has every key (the type Catalog asks for each), so whichever is loaded answers.
  const loaded = catalogs.values().next().value;
  return typeof value === "string" && loaded !== undefined && Object.hasOwn(loaded, value);
}

// Every message is parsed once per locale and reused; pages format hundreds of
// them per request. A message without arguments is kept as its final text. The
// compiled messages share the Intl objects of format.ts instead of making their own.
const formatters = { getNumberFormat: numberFormat, getDateTimeFormat: dateTimeFormat, getPluralRules: pluralRules };
/** A message with arguments, and the arguments a period follows in its text. */
interface CompiledMessage {
  format: IntlMessageFormat;
  periodAfter: ReadonlySet<string>;
}
const compiled = new Map<Locale, Map<MessageKey, CompiledMessage | string>>();

type MessageElement = ReturnType<IntlMessageFormat["getAst"]>[number];

/**
 * The arguments that a "." follows directly in a message, at any depth of its
 * plural and select branches. A name or goal that already ends in a period
 * ("Jo Jr.") would otherwise print twice: "Jr..".
 */
function argumentsBeforePeriod(elements: readonly MessageElement[], found = new Set<string>()): Set<string> {
  elements.forEach((element, index) => {
    const next = elements[index + 1];
    // Types of @formatjs/icu-messageformat-parser: 0 literal, 1 argument, 5 select, 6 plural.
    if (element.type === 1 && next?.type === 0 && next.value.startsWith(".")) found.add(element.value);
    if (element.type === 5 || element.type === 6) for (const option of Object.values(element.options)) argumentsBeforePeriod(option.value, found);
  });
  return found;
}

function compiledMessage(locale: Locale, key: MessageKey): CompiledMessage | string {
  let messages = compiled.get(locale);
  if (!messages) compiled.set(locale, (messages = new Map()));
  let message = messages.get(key);
  if (message === undefined) {
    const format = new IntlMessageFormat(catalogOf(locale)[key], intlLocale(locale), undefined, { formatters, ignoreTag: true });
    // Type 0 is a literal (TYPE.literal of @formatjs/icu-messageformat-parser): a message of literals only needs no formatting.
    const ast = format.getAst();
    message = ast.every((element) => element.type === 0) ? String(format.format()) : { format, periodAfter: argumentsBeforePeriod(ast) };
    messages.set(key, message);
  }
  return message;
}

/**
 * A message in a locale with its arguments filled in. A key that is not in the
 * catalog shows itself rather than failing the page (the catalog tests keep the
 * catalog complete); a missing argument throws, like any other programming error.
 */
export function translate(locale: Locale, key: MessageKey | (string & {}), values: MessageValues = {}): string {
  if (!isMessageKey(key)) return key;
  const message = compiledMessage(locale, key);
  if (typeof message === "string") return message;
  if (message.periodAfter.size === 0) return String(message.format.format(values));
  const trimmed = { ...values };
  for (const name of message.periodAfter) {
    const value = trimmed[name];
    if (typeof value === "string" && value.endsWith(".")) trimmed[name] = value.slice(0, -1);
  }
  return String(message.format.format(trimmed));
}

/**
 * A language's own name for itself ("Español"), as a page in `pageLocale` lists it:
 * a reader finds their language by the name they know, so it is not translated. The
 * pseudo-locale marks it like a catalog word, since it comes from a catalog.
 */
export function languageName(pageLocale: Locale, locale: Locale): string {
  const name = LANGUAGE_NAMES[catalogSource(locale)];
  return pageLocale === PSEUDO_LOCALE ? pseudoMessage(name) : name;
}

/** The messages of one locale; it carries its locale so dates and amounts beside the words can follow it. */
export interface Translate {
  (key: MessageKey, values?: MessageValues): string;
  readonly locale: Locale;
}

const translators = new Map<Locale, Translate>();

export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = Object.assign((key: MessageKey, values?: MessageValues) => translate(locale, key, values), { locale });
    translators.set(locale, t);
  }
  return t;
}

/** A locale's whole catalog (translate()'s source; the tests compare catalogs with it). */
export function catalogOf(locale: Locale): Catalog {
  const catalog = catalogFor(locale);
  if (!catalog) throw new Error(`The ${locale} catalog is not loaded: a page in that language loads it first (src/i18n/load.ts).`);
  return catalog;
}
