import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { runCli, signInForCookie } from "../../scripts/reliability/harness.ts";
import { freshDatabase } from "../support/db.ts";
import { buildWorld, TEST_PASSWORD } from "../support/world.ts";

const root = path.resolve(import.meta.dirname, "../..");

interface LogLine {
  msg: string;
  pid: number;
  worker?: number;
  workerPid?: number;
  status?: number;
}

/** `allies serve --workers 2` on the production build, logging every request (pino's lines carry the pid and the worker). */
function startTwoWorkers(databaseUrl: string) {
  const child = spawn(process.execPath, ["src/cli/main.ts", "serve", "--workers", "2"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", NODE_ENV: "production", ALLIES_DEMO_DATA: "0", ALLIES_MESSAGE_INTERVAL_SECONDS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match) resolve(match[1]!.replace("localhost", "127.0.0.1"));
    };
    child.stdout.on("data", look);
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  const lines = (): LogLine[] => output.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as LogLine);
  return { child, ready, exited, lines, output: () => output };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const waitFor = async (what: string, check: () => boolean, ms = 20_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe("allies serve --workers 2", () => {
  let database: DbHandle;
  beforeAll(async () => {
    database = await freshDatabase();
    await buildWorld(database.db);
  });
  afterAll(async () => {
    await database.close();
  }, 60_000);

  it("answers from both workers on one port, keeps one audit chain, runs the background work once, replaces a dead worker and stops cleanly", async () => {
    const server = startTwoWorkers(database.url);
    try {
      const base = await server.ready;
      // Every page read writes its audit row: both workers extend one chain at the same time.
      const { session } = await signInForCookie(base, "spec1@test.org", TEST_PASSWORD);
      const responses = await Promise.all(Array.from({ length: 120 }, () => fetch(`${base}/participants`, { headers: { cookie: `allies_session=${session}` } })));
      expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      await Promise.all(responses.map((r) => r.arrayBuffer()));

      const requests = server.lines().filter((l) => l.msg === "request" && l.status === 200);
      const workerPids = new Set(requests.map((l) => l.pid));
      expect(new Set(requests.map((l) => l.worker)).size).toBe(2);
      expect(workerPids.size).toBe(2);
      expect(workerPids.has(server.child.pid!)).toBe(false);

      // The message worker, its scheduler and the checkpoints: once, in the primary.
      const background = server.lines().filter((l) => l.msg === "messages" || l.msg === "audit log keyed");
      expect(background.map((l) => [l.msg, l.pid])).toEqual([["audit log keyed", server.child.pid], ["messages", server.child.pid]]);

      const verified = runCli(["audit", "verify"], database.url, { timeoutMs: 60_000 });
      expect(verified).toMatch(/^Audit chain OK/);

      // A worker killed as by the out-of-memory killer is replaced, and the port keeps answering.
      const [victim] = workerPids;
      process.kill(victim!, "SIGKILL");
      // A worker loads the whole build before it listens: on a busy machine that takes a while.
      await waitFor("a replacement worker", () => server.lines().filter((l) => l.msg === "worker listening").length === 3, 120_000);
      expect(server.lines().some((l) => l.msg === "worker died")).toBe(true);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);

      const workersNow = server.lines().filter((l) => l.msg === "worker listening").map((l) => l.workerPid!);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      // Every worker ended with the primary, none was left holding the port or the database.
      await waitFor("the workers to end", () => workersNow.every((pid) => !alive(pid)), 5_000);
      expect(server.lines().filter((l) => l.msg === "worker died")).toHaveLength(1);
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    }
  }, 400_000);
});
