import { useLocation } from "react-router";
import { LOCALES, languageName } from "../../src/i18n/index.ts";
import { useT } from "../lib/i18n.ts";

/**
 * Links to the page in each other language, each named in its own language (and
 * marked as such, so a screen reader says "Español" in Spanish). Shown to visitors
 * who are not signed in; signed-in people choose on their profile.
 */
export function LanguageSwitch() {
  const t = useT();
  const here = useLocation();
  const next = here.pathname + here.search;
  return (
    <nav className="language-switch" aria-label={t("strays.languageSwitch.label")}>
      <ul>
        {LOCALES.filter((locale) => locale !== t.locale).map((locale) => (
          <li key={locale}>
            <a href={`/language/${locale}?next=${encodeURIComponent(next)}`} lang={locale} hrefLang={locale}>{languageName(t.locale, locale)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
