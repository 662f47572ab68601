import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const here = path.dirname(new URL(import.meta.url).pathname);
const migrationFiles = readdirSync(here).filter((name) => /^\d{4}_.+\.ts$/.test(name) && !name.endsWith(".test.ts"));

describe("migrations", () => {
  it("are found here", () => {
    expect(migrationFiles).toContain("0001_foundation.ts");
  });

  // A migration that imported a live constant (as 0001 once imported ROLE_PERMISSIONS)
  // would write something different the day that constant changes.
  it("write literals of their own and import nothing of the app", () => {
    for (const name of migrationFiles) {
      const source = readFileSync(path.join(here, name), "utf8");
      const imported = [...source.matchAll(/^\s*import\b[^;]*?\bfrom\s+["']([^"']+)["']/gm)].map((m) => m[1]);
      expect(imported.filter((specifier) => specifier !== "kysely"), name).toEqual([]);
    }
  });
});
