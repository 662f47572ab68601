import { use } from "react";
import { useRouteLoaderData } from "react-router";
import { DEFAULT_LOCALE, hasCatalog, isMessageKey, translator, type Locale, type Translate } from "../../src/i18n/index.ts";
import { loadCatalog } from "../../src/i18n/load.ts";

/**
 * The language of the page: the signed-in person's choice, or what the browser
 * asks for, as the root loader worked it out. Before the root loader has answered
 * (an error while it ran) there is no request to go by, so the default.
 */
export function useLocale(): Locale {
  const root = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return root?.locale ?? DEFAULT_LOCALE;
}

/** The translate function for the page's language; `t.locale` gives dates and amounts the same language. */
export function useT(): Translate {
  return useTranslator(useLocale());
}

/**
 * The translate function for a language, in a component. The browser holds only the
 * catalogs it has loaded (decision 0046): the page's own, loaded before hydration.
 * When a navigation brings another language (signing in as someone who reads Spanish,
 * a consent form in the participant's language), rendering waits here for that
 * catalog, and the router's transition keeps the old page on screen meanwhile:
 * no key ever shows in place of words.
 */
export function useTranslator(locale: Locale): Translate {
  if (!hasCatalog(locale)) use(loadCatalog(locale));
  return translator(locale);
}

/**
 * The words for a form error that came back from an action: the schemas' messages
 * are catalog keys; anything else (zod's own text) reads as "required".
 */
export function errorText(t: Translate, key: string): string {
  return t(isMessageKey(key) ? key : "common.required");
}
