import { en } from "./en/index.ts";

export const LOCALES = ["en"] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof en;

const catalogs: Record<Locale, Record<string, string>> = { en };

type Vars = Record<string, string | number>;

/**
 * Looks a message up and fills in `{name}` placeholders, plus the one plural form
 * the catalog uses: `{count, plural, one {...} other {...}}` with `#` for the number.
 */
export function translate(locale: Locale, key: string, vars: Vars = {}): string {
  const template = catalogs[locale][key] ?? catalogs.en[key];
  // A missing message shows its key rather than failing the page; catalog.test.ts keeps the catalog complete.
  if (template === undefined) return key;
  const plural = template.replace(/\{(\w+), plural, one \{([^}]*)\} other \{([^}]*)\}\}/g, (_m, name: string, one: string, other: string) => {
    const n = Number(vars[name] ?? 0);
    return (n === 1 ? one : other).replace(/#/g, String(n));
  });
  return plural.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function hasMessage(key: string): boolean {
  return key in catalogs.en;
}

export type Translate = (key: MessageKey, vars?: Vars) => string;

export function translator(locale: Locale = "en"): Translate {
  return (key, vars) => translate(locale, key, vars);
}
