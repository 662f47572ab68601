import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/**
 * The project's own import graph, read the way TypeScript resolves modules (the `~/`
 * alias, `.ts` extensions, `export ... from`, dynamic `import()`), so a cycle the
 * compiler would follow is a cycle here. Type-only imports count too: an arrow that
 * points back is a tangle in the design even when it is erased at run time.
 */
export interface ImportGraph {
  /** Each file (relative to the root) and the project files it imports. */
  edges: Map<string, string[]>;
}

const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(root, path);
    return SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

function compilerOptions(root: string): ts.CompilerOptions {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root).options;
}

/** The graph of every .ts/.tsx file under `dirs`, keeping only imports that land in `dirs`. */
export function importGraph(root: string, dirs: string[]): ImportGraph {
  const options = compilerOptions(root);
  const files = dirs.flatMap((dir) => sourceFiles(root, dir));
  const inScope = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const absolute = join(root, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(absolute, "utf8"), true, true);
    const targets = new Set<string>();
    for (const { fileName: specifier } of importedFiles) {
      const resolved = ts.resolveModuleName(specifier, absolute, options, ts.sys).resolvedModule;
      if (!resolved) continue;
      const target = relative(root, resolved.resolvedFileName);
      if (inScope.has(target)) targets.add(target);
    }
    edges.set(file, [...targets].sort());
  }
  return { edges };
}

/**
 * Every import cycle, one per strongly connected group of files (Tarjan), each
 * given as a path through the group that returns to its first file.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;

  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.edges.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    const selfImport = graph.edges.get(file)?.includes(file) ?? false;
    if (group.length > 1 || selfImport) groups.push(group);
  };
  for (const file of [...graph.edges.keys()].sort()) if (!index.has(file)) visit(file);

  return groups.map((group) => cycleThrough(graph, new Set(group)));
}

/** A shortest walk from the group's first file (alphabetically) back to itself. */
function cycleThrough(graph: ImportGraph, group: Set<string>): string[] {
  const start = [...group].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const target of graph.edges.get(file) ?? []) {
      if (!group.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = file; at !== start; at = cameFrom.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
