import { IntlMessageFormat } from "intl-messageformat";

/**
 * What a message asks of the code that formats it: each argument's name and kind,
 * with the cases of a `select` (the code's values). Plural cases are left out:
 * languages have different plural categories (Spanish has "many"), and all must
 * have "other". Used by catalog.test.ts to hold every catalog to the English one.
 */
export function messageArguments(message: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (elements: ReturnType<IntlMessageFormat["getAst"]>) => {
    for (const element of elements) {
      if (!("value" in element) || element.type === 0) continue;
      if ("options" in element) {
        const plural = "pluralType" in element;
        found[element.value] = plural ? `plural${"other" in element.options ? "" : " without other"}` : `select ${Object.keys(element.options).sort().join("|")}`;
        for (const option of Object.values(element.options)) walk(option.value);
      } else {
        found[element.value] = ["argument", "number", "date", "time"][element.type - 1] ?? "tag";
      }
    }
  };
  walk(new IntlMessageFormat(message, "en-US", undefined, { ignoreTag: true }).getAst());
  // By name, not by where each appears: a translation may put the arguments in another order.
  return Object.fromEntries(Object.entries(found).sort(([a], [b]) => a.localeCompare(b)));
}

/** How a catalog falls short of the English one: missing or extra keys, messages that do not parse or take other arguments. */
export function catalogProblems(english: Record<string, string>, other: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    if (!(key in other)) problems.push(`${key}: missing`);
  }
  for (const [key, message] of Object.entries(other)) {
    if (!(key in english)) {
      problems.push(`${key}: not in English`);
      continue;
    }
    try {
      const expected = JSON.stringify(messageArguments(english[key]!));
      const actual = JSON.stringify(messageArguments(message));
      if (actual !== expected) problems.push(`${key}: takes ${actual}, English takes ${expected}`);
    } catch (error) {
      problems.push(`${key}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/**
 * Words that read the same in English and Spanish, so a message made only of them
 * may stay as it is: the app's name, acronyms Social Security and programs use in
 * both languages, and names of programs that have no Spanish name.
 */
export const SAME_IN_BOTH = new Set(["Allies", "OK", "SSI", "SSDI", "SGA", "PASS", "IRWE", "IPS", "PDF", "JSON", "Medicaid", "Medicare", "No", "Total", "Plan", "Error"]);

/**
 * The keys whose translation is still the English text: a message the translator
 * has not reached, or one that stood in for it. A message with no words of its own
 * (only placeholders, numbers and signs) or made only of `SAME_IN_BOTH` words is not counted.
 */
export function untranslated(english: Record<string, string>, other: Record<string, string>): string[] {
  return Object.keys(english).filter((key) => {
    if (other[key] !== english[key]) return false;
    const words = english[key]!.replace(/\{[^{}]*\}/g, " ").match(/\p{L}+/gu) ?? [];
    return words.some((word) => !SAME_IN_BOTH.has(word));
  });
}
