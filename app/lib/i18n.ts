import { useRouteLoaderData } from "react-router";
import { DEFAULT_LOCALE, isMessageKey, translator, type Locale, type Translate } from "../../src/i18n/index.ts";

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
  return translator(useLocale());
}

/**
 * The words for a form error that came back from an action: the schemas' messages
 * are catalog keys; anything else (zod's own text) reads as "required".
 */
export function errorText(t: Translate, key: string): string {
  return t(isMessageKey(key) ? key : "common.required");
}
