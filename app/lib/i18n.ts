import { useRouteLoaderData } from "react-router";
import { translator, type Locale, type Translate } from "../../src/i18n/index.ts";

/** The translate function for the page's language (from the root loader). */
export function useT(): Translate {
  const root = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return translator(root?.locale ?? "en");
}
