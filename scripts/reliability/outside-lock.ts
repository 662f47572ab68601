/**
 * Another process holding an embedded database's write lock, as a maintenance
 * script, a hung `sqlite3` shell or a second app would: a child Node process that
 * runs BEGIN IMMEDIATE on the file and keeps the transaction open for a while.
 */
import { spawn } from "node:child_process";

// The child's whole program: it waits for the lock itself if need be (busy_timeout),
// says "locked", holds the lock, then commits and says "released".
const HOLDER = `
import { DatabaseSync } from "node:sqlite";
const [file, holdMs] = process.argv.slice(1);
const db = new DatabaseSync(file);
db.exec("PRAGMA busy_timeout = 10000; BEGIN IMMEDIATE");
process.stdout.write("locked\\n");
setTimeout(() => {
  db.exec("COMMIT");
  db.close();
  process.stdout.write("released\\n");
}, Number(holdMs));
`;

export interface OutsideLock {
  /** Resolves when the other process has the lock. */
  locked: Promise<void>;
  /** Resolves when it has let go of it (and ended). */
  released: Promise<void>;
}

/** Holds the write lock of the SQLite file at `path` from another process for `holdMs`. */
export function holdWriteLock(path: string, holdMs: number): OutsideLock {
  const child = spawn(process.execPath, ["--input-type=module", "-e", HOLDER, path, String(holdMs)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("locked\n")) resolve();
    });
    void exited.then((code) => reject(new Error(`the lock holder ended with ${code} before locking: ${output}`)));
  });
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const released = exited.then((code) => {
    if (code !== 0 || !output.includes("released")) throw new Error(`the lock holder ended with ${code}: ${output}`);
  });
  return { locked, released };
}
