import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasMessage, translate } from "./index.ts";

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, pattern);
    return pattern.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const root = path.resolve(import.meta.dirname, "../..");

describe("message catalog", () => {
  it("has an English message for every error key the domain schemas use", () => {
    const keys = new Set<string>();
    for (const file of filesUnder(path.join(root, "src/domain"), /\.ts$/)) {
      for (const match of readFileSync(file, "utf8").matchAll(/error: "([a-z][\w]*(?:\.[\w]+)+)"/g)) keys.add(match[1]!);
      for (const match of readFileSync(file, "utf8").matchAll(/optionalText\(\d+, "([\w.]+)"\)/g)) keys.add(match[1]!);
    }
    expect(keys.size).toBeGreaterThan(5);
    expect([...keys].filter((key) => !hasMessage(key))).toEqual([]);
  });

  it("has a message for every literal t(\"...\") call in the pages", () => {
    const missing: string[] = [];
    for (const file of filesUnder(path.join(root, "app"), /\.tsx?$/)) {
      for (const match of readFileSync(file, "utf8").matchAll(/\bt\("([\w.]+)"/g)) {
        if (!hasMessage(match[1]!)) missing.push(`${path.relative(root, file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("fills placeholders and plural forms", () => {
    expect(translate("en", "common.pageOf", { page: 2, pageCount: 5 })).toBe("Page 2 of 5");
    expect(translate("en", "common.formErrors", { count: 1 })).toBe("Please fix the problem below.");
    expect(translate("en", "common.formErrors", { count: 3 })).toBe("Please fix the 3 problems below.");
  });
});
