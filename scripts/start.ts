/**
 * `npm start`: build the web app when the build is missing or older than the
 * sources, then serve it. On a fresh clone this is the whole set-up.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const built = "build/server/index.js";
const sourcesChanged = !existsSync(built) || Math.max(newestMtime("app"), newestMtime("src")) > statSync(built).mtimeMs;
if (sourcesChanged) {
  console.log("Building the web app…");
  execFileSync("npx", ["react-router", "build"], { stdio: "inherit" });
}
process.argv.splice(2, 0, "serve");
await import("../src/cli/main.ts");
