/**
 * Another process holding an embedded database's write lock, as a maintenance
 * script, a hung `sqlite3` shell or a second app would: a child Node process that
 * runs BEGIN IMMEDIATE on the file and keeps the transaction open for a while.
 */
import { spawn } from "node:child_process";
import { sqlitePathOf } from "../../src/db/index.ts";
import type { Answer, Caller } from "./http.ts";
import { auditChainVerifies } from "./invariants.ts";
import type { Results } from "./report.ts";
import type { ReliabilityWorld, RoleKey } from "./world.ts";

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
  /** Resolves when it has let go of it. */
  released: Promise<void>;
}

/** Holds the write lock of the SQLite file at `path` from another process for `holdMs`. */
export function holdWriteLock(path: string, holdMs: number): OutsideLock {
  const child = spawn(process.execPath, ["--input-type=module", "-e", HOLDER, path, String(holdMs)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const said = (word: string) => new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => {
      if (output.includes(`${word}\n`)) resolve();
    });
    void exited.then((code) => reject(new Error(`the lock holder ended with ${code} before it ${word}: ${output}`)));
  });
  const locked = said("locked");
  const released = said("released");
  return { locked, released };
}

interface Asked {
  what: string;
  status: number;
  retryAfter: string | null;
}

const HOLD_MS = 8000;
/** People asking at once, four requests each: the wait must not slow anyone else down. */
const CLIENTS = 6;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/**
 * Finding 7 of issue 10: another process holds the embedded database's write lock
 * for 8 s while signed-in people ask for pages, their .data and the API (reads
 * that write their audit row, and writes). Every answer is 2xx, or 503 with
 * Retry-After; /healthz stays quick throughout; nothing refused is stored and
 * everything acknowledged is; the server works again once the lock goes, and the
 * audit chain verifies.
 */
export async function checkOutsideLock(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>, baseUrl: string, databaseUrl: string): Promise<void> {
  const area = "outside lock";
  const db = world.database.db;
  const started = performance.now();
  const people = [callers.specialistOwn, callers.supervisorOwnTeam, callers.admin];
  const participants = world.caseloads.specialistOwn;
  const asked: Asked[] = [];
  const acknowledged: string[] = [];
  const refused: string[] = [];
  let unanswered = 0;

  const ask = async (what: string, send: () => Promise<Answer>): Promise<Answer | null> => {
    try {
      const answer = await send();
      asked.push({ what, status: answer.status, retryAfter: answer.headers.get("retry-after") });
      return answer;
    } catch {
      unanswered++;
      return null;
    }
  };
  // One person's loop, the four at once as a browser and a script would send them:
  // a participant's page (its audit row), its .data, the API's read of the same
  // (another audit row), and a new support person.
  const client = async (number: number, until: () => boolean) => {
    const caller = people[number % people.length]!;
    for (let i = 0; until(); i++) {
      const id = participants[(number + i) % participants.length]!;
      const name = `Outside Lock ${number}-${i}`;
      const [, , , created] = await Promise.all([
        ask("page", () => caller.page(`/participants/${id}`)),
        ask(".data", () => caller.page(`/participants/${id}.data`)),
        ask("API read", () => caller.api("GET", `/participants/${id}`)),
        ask("API write", () => caller.api("POST", `/participants/${id}/support-persons`, { name, relationshipKind: "friend", closeness: "friends" })),
      ]);
      if (created?.status === 201) acknowledged.push(name);
      else if (created) refused.push(name);
    }
  };

  const outside = holdWriteLock(sqlitePathOf(databaseUrl), HOLD_MS);
  await outside.locked;
  let held = true;
  void outside.released.finally(() => (held = false));

  const healthMs: number[] = [];
  const healthStatuses = new Set<number>();
  const health = (async () => {
    while (held) {
      const begun = performance.now();
      try {
        const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
        healthStatuses.add(response.status);
        await response.text();
      } catch {
        healthStatuses.add(0);
      }
      healthMs.push(performance.now() - begun);
      await pause(25);
    }
  })();
  await Promise.all([...Array.from({ length: CLIENTS }, (_, number) => client(number, () => held)), health, outside.released]);
  const duringLock = asked.length;

  const wrong = asked.filter((a) => !(a.status >= 200 && a.status < 300) && !(a.status === 503 && /^\d+$/.test(a.retryAfter ?? "")));
  const kinds = ["page", ".data", "API read", "API write"];
  const unfelt = kinds.filter((kind) => !asked.some((a) => a.what === kind && a.status === 503));
  const tally = [...new Set(asked.map((a) => `${a.what} ${a.status}`))].sort().map((key) => `${key}×${asked.filter((a) => `${a.what} ${a.status}` === key).length}`).join(", ");
  results.record(area, database, `write lock held by another process for ${HOLD_MS / 1000} s: only 2xx, or 503 with Retry-After`, wrong.length === 0 && unfelt.length === 0 && unanswered === 0,
    `${duringLock} requests: ${tally}${unanswered ? `; ${unanswered} unanswered` : ""}${wrong.length ? `; first wrong: ${wrong[0]!.what} ${wrong[0]!.status} (Retry-After ${wrong[0]!.retryAfter})` : ""}${unfelt.length ? `; never a 503 for ${unfelt.join(", ")}, so the lock was not felt there` : ""}`,
    (performance.now() - started) / 1000);

  const sorted = [...healthMs].sort((a, b) => a - b);
  const p99 = percentile(sorted, 0.99);
  results.record(area, database, "/healthz answers quickly throughout (p99 < 200 ms)", p99 < 200 && sorted.length > 20 && [...healthStatuses].every((s) => s === 200),
    `${sorted.length} answers (${[...healthStatuses].join(", ")}): median ${Math.round(percentile(sorted, 0.5))} ms, p99 ${Math.round(p99)} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms`);

  const afterwards: Asked[] = [];
  const id = participants[0]!;
  for (const [what, send] of [
    ["page", () => callers.specialistOwn.page(`/participants/${id}`)],
    [".data", () => callers.specialistOwn.page(`/participants/${id}.data`)],
    ["API read", () => callers.specialistOwn.api("GET", `/participants/${id}`)],
    ["API write", () => callers.specialistOwn.api("POST", `/participants/${id}/support-persons`, { name: "After The Outside Lock", relationshipKind: "friend", closeness: "friends" })],
  ] as const) {
    const answer = await send();
    afterwards.push({ what, status: answer.status, retryAfter: null });
  }
  results.record(area, database, "requests succeed again once the lock is released", afterwards.every((a) => a.status >= 200 && a.status < 300),
    afterwards.map((a) => `${a.what} ${a.status}`).join(", "));

  const stored = new Set((await db.selectFrom("support_persons").select("name").where("name", "like", "Outside Lock %").execute()).map((r) => r.name));
  const lost = acknowledged.filter((name) => !stored.has(name));
  const halfSaved = refused.filter((name) => stored.has(name));
  results.record(area, database, "every acknowledged write stored, nothing refused stored", lost.length === 0 && halfSaved.length === 0,
    `${acknowledged.length} acknowledged, ${refused.length} refused${lost.length ? `; missing: ${lost.slice(0, 3).join(", ")}` : ""}${halfSaved.length ? `; stored though refused: ${halfSaved.slice(0, 3).join(", ")}` : ""}`);

  const chain = await auditChainVerifies(db, databaseUrl);
  results.record(area, database, "audit chain verifies after the lock", chain.ok, chain.detail);
}
