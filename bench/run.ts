/**
 * `npm run bench`: seeds a database at scale, starts the production server and
 * drives it over loopback through a real day's scenarios, next to the bare health
 * route of the same server. Writes bench/results/latest.json and latest.md.
 *
 *   npm run bench                 SQLite and PostgreSQL, N = 1,000 and 20,000
 *   npm run bench -- --quick      SQLite, N = 1,000 (under two minutes)
 *   npm run bench -- --check      also fail (exit 1) when a budget does not hold
 *   --databases sqlite,postgres  --sizes 1000,20000  --seconds 10  --no-lighthouse
 *   --workers 1,all              HTTP workers of the server: each run once per count (all = one per core)
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { DbKind } from "../src/db/index.ts";
import { ensureBuild, scratchDatabase } from "../scripts/reliability/harness.ts";
import { benchWorkerCounts, checkBudgets, workersLabel, type RunResult } from "./lib/budgets.ts";
import { CONNECTIONS, measureServer } from "./lib/measure.ts";
import { buildReport, writeReport } from "./lib/report.ts";
import { seedBenchWorld } from "./lib/seed.ts";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    databases: { type: "string" },
    sizes: { type: "string" },
    seconds: { type: "string" },
    "no-lighthouse": { type: "boolean", default: false },
    workers: { type: "string", default: "1,all" },
    /** A regular expression: only the scenarios whose name matches (and the framework floor). For working on one page; not for `--check`. */
    scenarios: { type: "string" },
  },
});

const quick = args.quick;
const databases = (args.databases ?? (quick ? "sqlite" : "sqlite,postgres")).split(",").map((d) => d.trim()) as DbKind[];
const sizes = (args.sizes ?? (quick ? "1000" : "1000,20000")).split(",").map(Number);
const secondsPerScenario = Number(args.seconds ?? (quick ? 4 : 10));
const workerCounts = benchWorkerCounts(args.workers, availableParallelism());
const started = performance.now();
const log = (line: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** One seeded database, measured once per worker count (Lighthouse on the first only: the pages are the same). */
async function benchOne(database: DbKind, n: number): Promise<RunResult[]> {
  const say = (line: string) => log(`${database}, N=${n}: ${line}`);
  say("fresh database");
  const scratch = await scratchDatabase(database, `bench_${n}`);
  try {
    const world = await seedBenchWorld(scratch.url, n, say);
    const runs: RunResult[] = [];
    for (const [i, workers] of workerCounts.entries()) {
      const sayRun = (line: string) => say(`${workersLabel(workers)}: ${line}`);
      sayRun(i === 0 ? `seeded in ${world.seedSeconds} s (${world.seeded}); starting the server` : "starting the server");
      runs.push(await measureServer(world, { database, n, workers, databaseUrl: scratch.url, secondsPerScenario, lighthouse: i === 0 && !args["no-lighthouse"], only: args.scenarios ? new RegExp(args.scenarios, "i") : undefined, log: sayRun }));
    }
    return runs;
  } finally {
    await scratch.drop();
  }
}

async function main(): Promise<number> {
  if (args.scenarios && args.check) {
    console.error("--check needs every scenario: leave out --scenarios.");
    return 2;
  }
  ensureBuild();
  const runs: RunResult[] = [];
  for (const database of databases) {
    for (const n of sizes) runs.push(...(await benchOne(database, n)));
  }
  const budgets = checkBudgets(runs);
  const report = buildReport(quick ? "quick" : "full", {
    connections: CONNECTIONS, secondsPerScenario, workers: workerCounts, lighthouse: args["no-lighthouse"] ? "not run" : "default (mobile, simulated throttling), Debian Chromium",
  }, runs, budgets);
  // A run of some scenarios only is for working on them: it leaves the last full results in place.
  const written = args.scenarios ? null : writeReport(path.join(import.meta.dirname, "results"), report);

  console.log("");
  for (const run of runs) {
    console.log(`${run.database}, N=${run.n}, ${workersLabel(run.workers)} (peak RSS per process ${run.peakRssMbByProcess.map((p) => `${p.peakRssMb} MB`).join(", ")})`);
    console.table(report.rows.filter((r) => r.database === run.database && r.n === run.n && r.workers === run.workers)
      .map((r) => ({ scenario: r.scenario, rps: r.rps, p50: r.p50, p95: r.p95, p99: r.p99, "rps/health": r.rpsRatio, "rps/floor": r.floorShare ?? "", "p95/health": r.p95Ratio, "CPU ms/req": r.cpuMsPerRequest ?? "", unexpected: r.unexpected })));
    if (run.pageWeights.length) console.table(run.pageWeights.map((w) => {
      const l = run.lighthouse.find((x) => x.page === w.page);
      return { page: w.page, "gzipped JS (kB)": Math.round(w.gzipBytes / 102.4) / 10, performance: l?.error ?? l?.performance, accessibility: l?.accessibility };
    }));
  }
  const failed = budgets.filter((b) => !b.ok);
  if (written) console.log(`Results: ${path.relative(process.cwd(), written.json)}, ${path.relative(process.cwd(), written.markdown)}`);
  else console.log("Results: not written (--scenarios ran only some scenarios).");
  if (failed.length === 0) {
    console.log(`Budgets: all ${budgets.length} hold.`);
    return 0;
  }
  console.log(`Budgets: ${failed.length} of ${budgets.length} do not hold:`);
  for (const b of failed) console.log(`  ${b.budget} — ${b.subject}: ${b.measured} (limit ${b.limit})`);
  return args.check ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  },
);
