import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importCycles, importGraph } from "./import-graph.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("imports", () => {
  it("point one way: no import cycle anywhere in src or app", () => {
    const cycles = importCycles(importGraph(ROOT, ["src", "app"])).map((cycle) => cycle.join(" -> "));
    expect(cycles, "move the shared piece into a module both sides can import").toEqual([]);
  });
});

describe("the import cycle check", () => {
  const project = mkdtempSync(path.join(tmpdir(), "allies-cycles-"));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), text);
  };
  write("tsconfig.json", JSON.stringify({ compilerOptions: { module: "ESNext", moduleResolution: "Bundler", allowImportingTsExtensions: true, noEmit: true, paths: { "~/*": ["./app/*"] } } }));

  it("finds a circle through the ~/ alias, a re-export and a type-only import", () => {
    write("src/domain/a.server.ts", 'import { b } from "./b.ts";\nexport const a = () => b;\n');
    write("src/domain/b.ts", 'export { c as b } from "../../app/c.tsx";\n');
    write("app/c.tsx", 'import type { A } from "~/d.ts";\nexport const c = (x: A) => x;\n');
    write("app/d.ts", 'export type A = typeof import("../src/domain/a.server.ts").a;\n');
    write("app/e.ts", 'import { a } from "../src/domain/a.server.ts";\nexport const e = a;\n');
    const cycles = importCycles(importGraph(project, ["src", "app"]));
    expect(cycles).toEqual([["app/c.tsx", "app/d.ts", "src/domain/a.server.ts", "src/domain/b.ts", "app/c.tsx"]]);
  });

  it("finds a module that imports itself, and ignores packages outside the project", () => {
    write("src/self.ts", 'import { z } from "zod";\nimport * as self from "./self.ts";\nexport const s = () => [self, z];\n');
    const cycles = importCycles(importGraph(project, ["src"]));
    expect(cycles).toContainEqual(["src/self.ts", "src/self.ts"]);
    expect(importGraph(project, ["src"]).edges.get("src/self.ts")).toEqual(["src/self.ts"]);
  });
});
