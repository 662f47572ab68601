/**
 * The process-level harness shared by the reliability suite and the benchmark:
 * a fresh database of its own, the production server as a child process on a free
 * loopback port, and the figures only the operating system knows (peak RSS).
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DbKind } from "../../src/db/index.ts";
import { DEMO_TOTP_SECRET, nextTotpCode } from "../../src/db/seed/authenticator.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:54329/postgres";
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run",
];

export function pgAdminUrl(): string {
  return process.env.TEST_PG_URL || DEFAULT_PG_URL;
}

/** Builds the web app when there is no production build yet. */
export function ensureBuild(): void {
  if (existsSync(path.join(ROOT, "build/server/index.js"))) return;
  console.log("No production build: running `npx react-router build`…");
  execFileSync("npx", ["react-router", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ScratchDatabase {
  kind: DbKind;
  url: string;
  drop(): Promise<void>;
}

/** An empty database nobody else uses: a temporary SQLite file, or a new PostgreSQL database. */
export async function scratchDatabase(kind: DbKind, label: string): Promise<ScratchDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), `allies-${label}-`));
    return { kind, url: `file:${path.join(dir, "allies.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  // PostgreSQL needs the audit key in the environment (SQLite makes a key file
  // beside its scratch file): one made now for this run, shared by the servers and
  // `allies` commands it starts, with the signed checkpoints in a folder of its own.
  process.env.ALLIES_AUDIT_KEY ||= randomBytes(32).toString("hex");
  process.env.ALLIES_AUDIT_CHECKPOINTS ||= mkdtempSync(path.join(tmpdir(), "allies-checkpoints-"));
  const name = `allies_${label.replace(/\W/g, "_")}_${randomBytes(5).toString("hex")}`;
  const admin = pgAdminUrl();
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5000 });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: admin });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** Runs `allies <args>` against a database and returns what it printed. */
export function runCli(args: string[], databaseUrl: string, options: { input?: string; timeoutMs?: number } = {}): string {
  return execFileSync(process.execPath, [path.join(ROOT, "src/cli/main.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", ALLIES_DEMO_DATA: "0" },
    input: options.input,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 600_000,
    stdio: ["pipe", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Whether the CLI has a command yet (commands land issue by issue). */
export function cliHas(command: string): boolean {
  return existsSync(path.join(ROOT, `src/cli/commands/${command}.ts`));
}

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** HTTP workers it runs. */
  workers: number;
  /**
   * Peak resident memory so far of the largest of the server's processes (the
   * primary or one HTTP worker), from the kernel's high-water mark (kB).
   */
  peakRssKb(): number;
  /** Peak resident memory so far of every process the server ran (primary first, then its workers, by pid). */
  peakRssKbByProcess(): Map<number, number>;
  /** Every process of the server seen so far (the primary first), and whether it still runs: a replaced worker shows as one that ended. */
  processes(): { pid: number; running: boolean }[];
  /** CPU time (user + system, ms) the server's processes now running have used so far. */
  cpuMs(): number;
  /** What the server printed, the last 64 kB of it. */
  output(): string;
  /** SIGTERM and wait; SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** kill -9, as a power cut would. */
  kill9(): Promise<void>;
  exited: Promise<number | null>;
}

export interface ServerOptions {
  databaseUrl: string;
  /**
   * HTTP workers (`allies serve --workers`). The suites' checks count connections
   * and lock waits per process, so they run one unless a check asks for more.
   */
  workers?: number;
  port?: number;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

const running = new Set<ChildProcess>();

/** Ends the servers this process started (and only those), for a watchdog or an early exit. */
export function killStartedServers(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

/**
 * The heap limit `npm start` gives the server (package.json; docs/decisions/0009),
 * so the suites measure and stress the server as production runs it.
 */
export const SERVER_HEAP_MB = 256;
/**
 * The young generation's semi-space `npm start` gives the server (package.json; decision 0009):
 * V8's default lets it grow to 32 MB, three times over, under page load.
 */
export const SERVER_SEMI_SPACE_MB = 8;

/** `allies serve` on the production build, on a loopback port, as a child process. */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [`--max-old-space-size=${SERVER_HEAP_MB}`, `--max-semi-space-size=${SERVER_SEMI_SPACE_MB}`, path.join(ROOT, "src/cli/main.ts"), "serve", "--workers", String(options.workers ?? 1)], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      // RELIABILITY_SERVER_LOG=info (with RELIABILITY_SERVER_LOG_DIR) keeps a line per request, to find a slow one.
      LOG_LEVEL: process.env.RELIABILITY_SERVER_LOG ?? "warn",
      NODE_ENV: "production",
      ALLIES_DEMO_DATA: "0",
      // The message worker changes rows on its own time, which the checks that compare the
      // database before and after a refused request would take for a leak; the outbox area runs it.
      ALLIES_MESSAGE_INTERVAL_SECONDS: "0",
      // Node's compile cache where `allies serve` puts it for its workers (workers.ts), for the primary too: the
      // TypeScript already stripped once is not stripped again, and the 25 MB compiler that strips it is not loaded.
      NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(ROOT, "build/node-compile-cache"),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  const logFile = process.env.RELIABILITY_SERVER_LOG_DIR ? path.join(process.env.RELIABILITY_SERVER_LOG_DIR, `server-${port}.log`) : null;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-65_536);
    if (logFile) appendFileSync(logFile, chunk);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
    running.delete(child);
  });
  // The primary and its workers (a restarted worker is a new pid): each one's high-water mark.
  const hwmByPid = new Map<number, number>();
  const pids = () => [child.pid!, ...childrenOf(child.pid!)];
  const peakRssKbByProcess = () => {
    if (!gone) {
      for (const pid of pids()) {
        const match = /^VmHWM:\s+(\d+) kB/m.exec(readProc(pid, "status"));
        if (match) hwmByPid.set(pid, Math.max(hwmByPid.get(pid) ?? 0, Number(match[1])));
      }
    }
    return hwmByPid;
  };
  const peakRssKb = () => Math.max(0, ...peakRssKbByProcess().values());
  const url = `http://127.0.0.1:${port}`;
  // Each worker loads the whole build at once with the others: on a busy machine that takes longer.
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000 * (options.workers ?? 1));
  for (;;) {
    if (gone) throw new Error(`the server exited before answering:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer /healthz within the time limit:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url, port, pid: child.pid!, workers: options.workers ?? 1, peakRssKb, peakRssKbByProcess, output: () => output, exited,
    processes: () => {
      const now = gone ? [] : pids();
      return [...new Set([child.pid!, ...peakRssKbByProcess().keys(), ...now])].map((pid) => ({ pid, running: now.includes(pid) }));
    },
    cpuMs: () => pids().reduce((sum, pid) => sum + cpuMsOf(pid), 0),
    stop: async () => {
      if (gone) return;
      peakRssKb();
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
    kill9: async () => {
      if (gone) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A /proc file of a process, or "" once it has ended. */
function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return "";
  }
}

/** The processes a process started (a server's cluster workers). */
function childrenOf(pid: number): number[] {
  return readProc(pid, `task/${pid}/children`).split(" ").filter(Boolean).map(Number);
}

/** CPU time a process has used so far (user + system), in milliseconds. */
function cpuMsOf(pid: number): number {
  const stat = readProc(pid, "stat");
  if (!stat) return 0;
  // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}
// Linux's USER_HZ, the unit of /proc/<pid>/stat's times, is 100 on every architecture Node runs on.
const CLOCK_TICKS_PER_SECOND = 100;

/** Signs in through the sign-in form like a browser and returns the session cookie's value. */
export async function signInForCookie(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<{ session: string; csrf: string }> {
  const page = await fetch(`${baseUrl}/sign-in`, { headers });
  const csrf = cookieFrom(page.headers.getSetCookie(), "allies_csrf");
  if (!csrf) throw new Error("GET /sign-in set no allies_csrf cookie");
  // Administrators sign in with two-factor (the test admins share DEMO_TOTP_SECRET); others ignore the code.
  const body = new URLSearchParams({ _csrf: csrf, email, password, code: await nextTotpCode(DEMO_TOTP_SECRET, email) });
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: "POST", body, redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", origin: baseUrl, cookie: `allies_csrf=${csrf}` },
  });
  const session = cookieFrom(response.headers.getSetCookie(), "allies_session");
  if (response.status !== 302 || !session) throw new Error(`sign-in as ${email} answered ${response.status}`);
  return { session, csrf };
}

export function cookieFrom(setCookies: string[], name: string): string | null {
  for (const line of setCookies) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    if (pair!.slice(0, eq).trim() === name) return pair!.slice(eq + 1);
  }
  return null;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
