import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogProblems, messageArguments, untranslated } from "./catalog-check.ts";
import { catalogOf, isMessageKey, LOCALES, translate } from "./index.ts";

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, pattern);
    return pattern.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const root = path.resolve(import.meta.dirname, "../..");
const english = catalogOf("en");

describe("message catalog", () => {
  it("has an English message for every error key the domain schemas use", () => {
    const keys = new Set<string>();
    for (const file of filesUnder(path.join(root, "src/domain"), /\.ts$/)) {
      for (const match of readFileSync(file, "utf8").matchAll(/error: "([a-z][\w]*(?:\.[\w]+)+)"/g)) keys.add(match[1]!);
      for (const match of readFileSync(file, "utf8").matchAll(/optionalText\(\d+, "([\w.]+)"\)/g)) keys.add(match[1]!);
    }
    expect(keys.size).toBeGreaterThan(5);
    expect([...keys].filter((key) => !isMessageKey(key))).toEqual([]);
  });

  it("has a message for every literal t(\"...\") call in the pages", () => {
    const missing: string[] = [];
    for (const file of filesUnder(path.join(root, "app"), /\.tsx?$/)) {
      for (const match of readFileSync(file, "utf8").matchAll(/\bt\("([\w.]+)"/g)) {
        if (!isMessageKey(match[1]!)) missing.push(`${path.relative(root, file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has no message that no code uses: every key is named in the app or the domain", () => {
    // A key is used when code names it whole ("benefits.note.ssdi") or builds it from a
    // named prefix (`benefits.kind.${kind}`, `${prefix}.${code}` with prefix "own.copy").
    const code = [...filesUnder(path.join(root, "app"), /\.tsx?$/), ...filesUnder(path.join(root, "src"), /\.tsx?$/)]
      .filter((file) => !/[\\/]i18n[\\/](en|es)[\\/]/.test(file) && !file.includes("+types"))
      .map((file) => readFileSync(file, "utf8")).join("\n");
    const named = new Set([...code.matchAll(/["'`]([\w.-]+)["'`]/g)].map((m) => m[1]!));
    const prefixes = [...code.matchAll(/[`"]([\w]+(?:\.[\w]+)*\.)(?:\$\{|"\s*\+)/g)].map((m) => m[1]!);
    const unused = Object.keys(english).filter((key) => !named.has(key) && !prefixes.some((prefix) => key.startsWith(prefix)));
    expect(unused, "messages no code uses: use them where they belong or delete them from every catalog").toEqual([]);
  });

  it("holds every catalog to the English one: the same keys, each message valid ICU with the same arguments", () => {
    for (const locale of LOCALES) expect({ locale, problems: catalogProblems(english, catalogOf(locale)) }).toEqual({ locale, problems: [] });
  });

  it("finds a missing key, an extra key, a renamed placeholder, a plural turned plain and a select with other cases", () => {
    const base = { "a.name": "Hello {name}", "a.count": "{count, plural, one {# visit} other {# visits}}", "a.status": "{status, select, open {Open} other {Closed}}", "a.plain": "Hi" };
    const translated = {
      "a.name": "Hola {nombre}",
      "a.count": "{count} visitas",
      "a.status": "{status, select, open {Abierto} resolved {Resuelto} other {Cerrado}}",
      "a.extra": "Extra",
    };
    expect(catalogProblems(base, translated)).toEqual([
      "a.plain: missing",
      'a.name: takes {"nombre":"argument"}, English takes {"name":"argument"}',
      'a.count: takes {"count":"argument"}, English takes {"count":"plural"}',
      'a.status: takes {"status":"select open|other|resolved"}, English takes {"status":"select open|other"}',
      "a.extra: not in English",
    ]);
    // Spanish plural categories differ from English ones; that is not a difference in arguments.
    expect(catalogProblems(base, { ...base, "a.count": "{count, plural, one {# visita} many {# de visitas} other {# visitas}}" })).toEqual([]);
    expect(catalogProblems(base, { ...base, "a.name": "Hola {name" })[0]).toMatch(/^a\.name: /);
    // Word order differs between languages: the same arguments in another order are the same arguments.
    const pair = { "a.pair": "{first} then {second}" };
    expect(catalogProblems(pair, { "a.pair": "{second} antes, {first} después" })).toEqual([]);
  });

  // Red until every Spanish area file is translated: the stand-ins spread the English text.
  it("has a Spanish message of its own for every English one, apart from names and acronyms read the same in both", () => {
    expect(untranslated(english, catalogOf("es"))).toEqual([]);
  });

  it("tells a message left in English from one that reads the same in both languages", () => {
    const base = { "a.title": "Your plan", "a.name": "Allies", "a.acronym": "SSI", "a.mixed": "SSI and SSDI", "a.only": "{name}", "a.sign": "{count} · {total}", "a.done": "Done", "a.ok": "OK" };
    const spanish = { "a.title": "Su plan", "a.name": "Allies", "a.acronym": "SSI", "a.mixed": "SSI and SSDI", "a.only": "{name}", "a.sign": "{count} · {total}", "a.done": "Done", "a.ok": "Listo" };
    expect(untranslated(base, spanish)).toEqual(["a.mixed", "a.done"]);
    expect(untranslated(base, { ...spanish, "a.mixed": "SSI y SSDI", "a.done": "Hecho" })).toEqual([]);
  });

  it("reads the arguments nested inside plural and select cases", () => {
    expect(messageArguments("{total, plural, one {One person} other {# people}}, {inner} inside. {consent, plural, one {One holds} other {# hold}}"))
      .toEqual({ total: "plural", inner: "argument", consent: "plural" });
    expect(messageArguments("{kind, select, job {{employer} hired {name}} other {Something}}")).toEqual({ kind: "select job|other", employer: "argument", name: "argument" });
  });
});

describe("translate", () => {
  it("fills placeholders", () => {
    expect(translate("en", "common.pageOf", { page: 2, pageCount: 5 })).toBe("Page 2 of 5");
  });

  it("prints one period after a name that ends in one, in every locale, and keeps other punctuation", () => {
    expect(translate("en", "takeHome.hardDay.self.call", { names: "Sam Jones Jr." })).toBe("Call or text someone who said they would listen: Sam Jones Jr.");
    expect(translate("es", "takeHome.hardDay.self.call", { names: "Sam Jones Jr." })).toMatch(/: Sam Jones Jr\.$/);
    expect(translate("en", "takeHome.hardDay.self.call", { names: "Ana" })).toBe("Call or text someone who said they would listen: Ana.");
    // A period that is not right after the name stays where it is.
    expect(translate("en", "takeHome.hardDay.self.specialist", { name: "J. R. Smith Jr." })).toBe("You can also tell J. R. Smith Jr. about it the next day.");
  });

  it("chooses the plural form by the number, with # as the number", () => {
    expect(translate("en", "common.formErrors", { count: 1 })).toBe("Please fix the problem below.");
    expect(translate("en", "common.formErrors", { count: 3 })).toBe("Please fix the 3 problems below.");
    expect(translate("en", "common.formErrors", { count: 0 })).toBe("Please fix the 0 problems below.");
    expect(translate("en", "meetings.duration.minutes", { count: 1 })).toBe("1 minute");
    expect(translate("en", "caseload.count", { count: 1200 })).toBe("1,200 participants");
  });

  it("formats several plurals and plain arguments in one message", () => {
    expect(translate("en", "network.ecomap.summary", { total: 1, inner: 1, consent: 2, strained: 1, lost: 0 }))
      .toBe("One person on the map, 1 in the inner circle. 2 hold consent to share. One tie is strained and 0 have lost touch.");
  });

  it("chooses the case of a select by the value, and other for a value it does not name", () => {
    expect(translate("en", "network.person.grant.status", { status: "revoked" })).toBe("withdrawn");
    expect(translate("en", "network.person.grant.status", { status: "not_started" })).toBe("not started yet");
    expect(translate("en", "network.person.grant.status", { status: "something new" })).toBe("unknown");
  });

  it("gives the same words again from the compiled message, and shows an unknown key as itself", () => {
    expect(translate("en", "common.formErrors", { count: 2 })).toBe(translate("en", "common.formErrors", { count: 2 }));
    expect(translate("en", "app.name")).toBe("Allies");
    expect(translate("en", "no.such.key")).toBe("no.such.key");
  });

  it("refuses to format a message without the values it needs", () => {
    expect(() => translate("en", "common.pageOf", { page: 2 })).toThrow(/pageCount/);
  });
});
