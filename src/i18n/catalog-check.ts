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
