import { readFileSync } from "node:fs";
import path from "node:path";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import routes from "../../app/routes.ts";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");

/**
 * A route that is only a form's action: it has no loader of its own, or draws another
 * page by re-exporting that page's loader (decision 0011). Its page is walked under
 * the page's own path; posting to it is not opening a page.
 */
function isFormAction(file: string): boolean {
  const source = readFileSync(path.join(APP_DIR, file), "utf8");
  return !/\bloader\b/.test(source) || /export \{[^}]*\bloader\b[^}]*\} from "\.\//.test(source);
}

/**
 * Every page path of the app, from the route config itself, so a new page is in the
 * reliability access matrix and the pseudo-locale walk without touching either.
 */
export function pagePaths(): string[] {
  const paths: string[] = [];
  const walk = (entries: RouteConfigEntry[], prefix: string) => {
    for (const entry of entries) {
      const path = entry.index ? prefix || "/" : entry.path ? `${prefix}/${entry.path}`.replace(/\/+/g, "/") : prefix;
      if ((entry.index || entry.path) && !isFormAction(entry.file)) paths.push(path);
      if (entry.children) walk(entry.children, path);
    }
  };
  walk(routes, "");
  return [...new Set(paths)];
}
