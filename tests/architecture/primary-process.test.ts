import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The project files a module loads before any of its code runs: its static value
 * imports and re-exports, followed through the project. Type-only imports are
 * erased, and a dynamic `import()` loads only when the code that calls it runs.
 */
function loadedAtStart(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      let specifier: ts.Expression | undefined;
      if (ts.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        const onlyTypes = clause && (clause.isTypeOnly || (!clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings)
          && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
        if (!onlyTypes) specifier = statement.moduleSpecifier;
      } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        specifier = statement.moduleSpecifier;
      }
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith(".")) continue;
      visit(path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier.text)));
    }
  };
  visit(entry);
  return seen;
}

describe("the primary process of `allies serve`", () => {
  // With several workers the primary only prepares the database, runs the background work and
  // supervises; the pages and API load in the workers (decision 0040). Loaded at the start, the
  // web app cost the primary some 30 MB it never used.
  it("does not load the web app or the demo data before its code runs", () => {
    const loaded = loadedAtStart("src/cli/main.ts");
    expect(loaded.has("src/cli/commands/serve.ts"), "the walk reaches the serve command").toBe(true);
    expect([...loaded].filter((file) => file === "src/server/app.ts" || file.startsWith("src/server/api/") || file.startsWith("src/db/seed/demo"))).toEqual([]);
  });

  it("the walk follows value imports and leaves type-only ones", () => {
    const loaded = loadedAtStart("src/cli/commands/serve.ts");
    // serve.ts imports the worker pool as a value and the HTTP app's type only.
    expect(loaded.has("src/server/workers.ts")).toBe(true);
    expect(loaded.has("src/server/app.ts")).toBe(false);
  });
});
