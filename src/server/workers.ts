import cluster, { type Worker } from "node:cluster";
import { enableCompileCache } from "node:module";
import path from "node:path";
import type { Logger } from "pino";

/** More HTTP workers than this is a typo, not a machine (decision 0040). */
export const MAX_WORKERS = 64;

/**
 * How many HTTP workers `allies serve` runs: `--workers N` (or `--workers=N`) first,
 * then WEB_CONCURRENCY, then one per core the process may use. Development (`--dev`)
 * always runs one: Vite's middleware lives in the one process that serves.
 */
export function workerCountFrom(args: readonly string[], webConcurrency: number | undefined, cores: number): number {
  let flag: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--workers") {
      flag = args[i + 1];
      if (flag === undefined) throw new Error("--workers needs a number: how many HTTP worker processes to run");
    } else if (arg.startsWith("--workers=")) {
      flag = arg.slice("--workers=".length);
    }
  }
  const dev = args.includes("--dev");
  if (flag !== undefined) {
    if (!/^\d+$/.test(flag) || Number(flag) < 1 || Number(flag) > MAX_WORKERS) {
      throw new Error(`--workers ${flag}: give a whole number from 1 to ${MAX_WORKERS}`);
    }
    if (dev && Number(flag) !== 1) throw new Error("--dev runs one process (Vite serves from it); leave out --workers or give 1");
    return Number(flag);
  }
  if (dev) return 1;
  return Math.min(webConcurrency ?? Math.max(1, cores), MAX_WORKERS);
}

/** Where the workers' compile cache lives unless NODE_COMPILE_CACHE says otherwise: with the production build, made from the same sources. */
export const COMPILE_CACHE_DIR = path.join(process.cwd(), "build/node-compile-cache");

/** Restarts allowed within the window before the primary decides the workers cannot stay up. */
export const RESTART_LIMIT = { restarts: 5, withinMs: 60_000 } as const;

/**
 * Whether one more restart is allowed, given when the earlier ones happened.
 * A worker that dies now and then (an out-of-memory page, a bug) is replaced;
 * one that dies on start, again and again, stops the server instead of spinning.
 */
export function mayRestart(earlier: readonly number[], now: number, limit: { restarts: number; withinMs: number } = RESTART_LIMIT): boolean {
  return earlier.filter((at) => now - at < limit.withinMs).length < limit.restarts;
}

export interface WorkerPool {
  /** Resolves once every first worker is listening, with the port they share. */
  listening: Promise<number>;
  /** SIGTERM to every worker, waits for them to end (SIGKILL after `graceMs`). */
  stop(graceMs: number): Promise<void>;
}

/**
 * The primary's side of node:cluster: forks `count` workers that share the port
 * (the primary accepts connections and hands them round robin), replaces a worker
 * that dies, and calls `giveUp` when they die faster than RESTART_LIMIT allows.
 * The workers run `exec` with `args` (the CLI's serve command).
 */
export function startWorkerPool(options: { count: number; exec: string; args: string[]; log: Logger; giveUp: () => void }): WorkerPool {
  const { count, log } = options;
  // Workers load the app's TypeScript from Node's compile cache (the environment passes it on to
  // every fork): stripping the types again in each worker loads a compiler of some 25 MB per process.
  // The cache holds code that runs, so it lives with the app's own files, not in a shared /tmp.
  const cache = enableCompileCache(process.env.NODE_COMPILE_CACHE ?? COMPILE_CACHE_DIR);
  if (cache.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;
  cluster.setupPrimary({ exec: options.exec, args: options.args });
  let stopping = false;
  const restarts: number[] = [];
  let listens = 0;
  let listened!: (port: number) => void;
  const listening = new Promise<number>((resolve) => (listened = resolve));

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.once("listening", (address) => {
      log.info({ worker: worker.id, workerPid: worker.process.pid, port: address.port }, "worker listening");
      // The first `count` to listen (a replacement of one that died on start counts).
      if (++listens === count) listened(address.port);
    });
    return worker;
  };

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    log.error({ worker: worker.id, workerPid: worker.process.pid, code, signal }, "worker died");
    const now = Date.now();
    if (!mayRestart(restarts, now)) {
      log.fatal({ restarts: restarts.length, withinMs: RESTART_LIMIT.withinMs }, "workers keep dying; stopping the server");
      options.giveUp();
      return;
    }
    restarts.push(now);
    fork();
  });

  for (let i = 0; i < count; i++) fork();

  return {
    listening,
    async stop(graceMs: number) {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      await Promise.all(alive.map((worker) => new Promise<void>((resolve) => {
        const kill = setTimeout(() => worker.process.kill("SIGKILL"), graceMs);
        worker.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        worker.process.kill("SIGTERM");
      })));
    },
  };
}
