import { describe, expect, it } from "vitest";
import { acceptedLanguages, localeFor, localeFromAcceptLanguage, localeFromEnvironment, negotiate, supportPersonLocale, visitorLocale } from "./locales.ts";

describe("choosing the locale", () => {
  it("matches a language tag by its base language, the first wanted one that is available", () => {
    const available = ["en", "es"] as const;
    expect(negotiate(["es-MX"], available)).toBe("es");
    expect(negotiate(["ES"], available)).toBe("es");
    expect(negotiate(["es_US.UTF-8"], available)).toBe("es");
    expect(negotiate(["fr-CA", "es", "en"], available)).toBe("es");
    expect(negotiate(["fr", "de"], available)).toBeUndefined();
    expect(negotiate([""], available)).toBeUndefined();
  });

  it("reads an Accept-Language header by weight, then by order, without * or q=0", () => {
    expect(acceptedLanguages("fr-CA, fr;q=0.9, es-US;q=0.95, en;q=0.8")).toEqual(["fr-CA", "es-US", "fr", "en"]);
    expect(acceptedLanguages("es;q=0, *, en")).toEqual(["en"]);
    expect(acceptedLanguages("en;q=nonsense, es")).toEqual(["es"]);
    expect(acceptedLanguages("")).toEqual([]);
    expect(acceptedLanguages(null)).toEqual([]);
  });

  it("serves Spanish to whoever prefers it, and English for a language that has no catalog, and for none", () => {
    expect(localeFor("en-US")).toBe("en");
    expect(localeFor("es")).toBe("es");
    expect(localeFor("es-MX")).toBe("es");
    expect(localeFor("vi")).toBe("en");
    expect(localeFor(null)).toBe("en");
    expect(localeFromAcceptLanguage("fr-CA, es;q=0.9")).toBe("es");
    expect(localeFromAcceptLanguage("fr-CA, en;q=0.9, es;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
  });

  it("reads a command line's language as POSIX orders the variables", () => {
    expect(localeFromEnvironment({ LC_ALL: "es_US.UTF-8", LANG: "en_US.UTF-8" })).toBe("es");
    expect(localeFromEnvironment({ LC_ALL: "C", LANG: "es_US.UTF-8" })).toBe("en");
    expect(localeFromEnvironment({ LANG: "es_US.UTF-8" })).toBe("es");
    expect(localeFromEnvironment({})).toBe("en");
  });

  it("writes a support person's copies in the language on their record, English when there is none", () => {
    expect(supportPersonLocale("es")).toBe("es");
    expect(supportPersonLocale("en")).toBe("en");
    expect(supportPersonLocale(null)).toBe("en");
    expect(supportPersonLocale()).toBe("en");
  });

  it("gives a visitor the language they chose with the switch over what their browser asks for, and ignores a choice it does not serve", () => {
    expect(visitorLocale("es", "en-US,en;q=0.9")).toBe("es");
    expect(visitorLocale("en", "es-MX")).toBe("en");
    expect(visitorLocale(undefined, "es-MX")).toBe("es");
    expect(visitorLocale("fr", "es-MX")).toBe("es");
    expect(visitorLocale("<script>", null)).toBe("en");
  });
});
