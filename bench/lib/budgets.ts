import type { DbKind } from "../../src/db/index.ts";
import type { LighthouseScores } from "./lighthouse.ts";
import type { LoadFigures, Scenario } from "./load.ts";
import type { PageWeight } from "./page-weight.ts";

export interface ScenarioResult extends LoadFigures {
  scenario: string;
  kind: Scenario["kind"];
  /** The server's CPU time (user + system) per response: steadier than rps on a shared machine. */
  cpuMsPerRequest: number;
  /** The server's peak RSS once this scenario and the health run after it are done: which scenario raised the peak. */
  peakRssMbSoFar: number;
  /** Throughput as a share of the health route's in the same run: the headline figure. */
  rpsRatio: number;
  /**
   * Throughput as a share of the framework floor's in the same run, each first taken
   * relative to the health runs beside it (so drift in the machine's other load
   * between the two cancels out). 1 for the floor itself; null when it was skipped.
   */
  floorShare: number | null;
  /** p95 as a multiple of the health route's p95. */
  p95Ratio: number;
}

export interface SkippedScenario {
  scenario: string;
  reason: string;
}

export interface RunResult {
  database: DbKind;
  n: number;
  /** HTTP worker processes the server ran (`allies serve --workers`). */
  workers: number;
  seedSeconds: number;
  /** What `allies seed --scale` said it made. */
  seeded: string;
  health: LoadFigures;
  scenarios: ScenarioResult[];
  skipped: SkippedScenario[];
  /** The largest peak of any one of the server's processes (the primary or a worker). */
  peakRssMb: number;
  /** Each process's peak: the primary first, then its workers (a replaced worker is a new process). */
  peakRssMbByProcess: { pid: number; peakRssMb: number }[];
  pageWeights: PageWeight[];
  lighthouse: LighthouseScores[];
}

/** Issue 5's budgets, with issue 16's; `npm run bench -- --check` fails when one does not hold. */
export const BUDGETS = {
  pageP95Ms: 50,
  pageP95AtN: 20_000,
  /** Every page at least half the framework floor's throughput: its own work costs at most what the framework does. */
  pageFloorShare: 0.5,
  apiRpsRatio: 0.3,
  /** Per process: each HTTP worker (and the primary) of the server. */
  peakRssMb: 300,
  /** Page throughput with every worker over one worker's, same database and N (2 cores, the load generator on them too). */
  workerScaling: 1.4,
  gzipJsBytes: 150 * 1024,
  lighthousePerformance: 90,
  lighthouseAccessibility: 100,
  p95Growth: 1.5,
} as const;

export interface BudgetCheck {
  budget: string;
  subject: string;
  limit: string;
  measured: string;
  ok: boolean;
}

export function checkBudgets(runs: RunResult[]): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  const add = (budget: string, subject: string, limit: string, measured: string, ok: boolean) => checks.push({ budget, subject, limit, measured, ok });

  // p95 of page scenarios on SQLite at the largest N measured (20,000 in a full run).
  const sqliteRuns = runs.filter((r) => r.database === "sqlite");
  const largestN = Math.max(0, ...sqliteRuns.map((r) => r.n));
  for (const largest of sqliteRuns.filter((r) => r.n === largestN)) {
    const note = largest.n === BUDGETS.pageP95AtN ? "" : ` (budget is set at N=${BUDGETS.pageP95AtN}; measured at N=${largest.n})`;
    for (const s of largest.scenarios.filter((s) => s.kind === "page")) {
      add("page p95", `${s.scenario}, sqlite, N=${largest.n}, ${workersLabel(largest.workers)}${note}`, `< ${BUDGETS.pageP95Ms} ms`, `${s.p95} ms`, s.p95 < BUDGETS.pageP95Ms);
    }
  }

  for (const run of runs) {
    const where = `${run.database}, N=${run.n}, ${workersLabel(run.workers)}`;
    for (const s of run.scenarios) {
      if (s.kind === "page") {
        add("page throughput", `${s.scenario}, ${where}`, `>= ${BUDGETS.pageFloorShare * 100}% of the framework floor`,
          s.floorShare === null ? "no floor measured" : pct(s.floorShare), s.floorShare !== null && s.floorShare >= BUDGETS.pageFloorShare);
      }
      if (s.kind === "api") add("API throughput", `${s.scenario}, ${where}`, `>= ${BUDGETS.apiRpsRatio * 100}% of health`, pct(s.rpsRatio), s.rpsRatio >= BUDGETS.apiRpsRatio);
      add("expected answers", `${s.scenario}, ${where}`, "every response as expected", `${s.unexpected} of ${s.requests + s.errors} not`, s.unexpected === 0);
    }
    add("peak RSS per process", where, `< ${BUDGETS.peakRssMb} MB`, run.peakRssMbByProcess.map((p) => `${p.peakRssMb} MB`).join(", "), run.peakRssMb < BUDGETS.peakRssMb);
    for (const w of run.pageWeights) {
      add("gzipped JS", `${w.page}, ${where}`, `<= ${BUDGETS.gzipJsBytes / 1024} kB`, kb(w.gzipBytes), w.gzipBytes <= BUDGETS.gzipJsBytes);
    }
    for (const l of run.lighthouse) {
      add("Lighthouse performance", `${l.page}, ${where}`, `>= ${BUDGETS.lighthousePerformance}`, l.error ?? String(l.performance), (l.performance ?? 0) >= BUDGETS.lighthousePerformance);
      add("Lighthouse accessibility", `${l.page}, ${where}`, `= ${BUDGETS.lighthouseAccessibility}`,
        l.error ?? `${l.accessibility}${l.failedAccessibilityAudits.length ? ` (${l.failedAccessibilityAudits.join("; ")})` : ""}`,
        (l.accessibility ?? 0) >= BUDGETS.lighthouseAccessibility);
    }
  }

  // Growth: p95 at the largest N within 1.5x of the smallest, per database and page scenario.
  for (const [database, workers] of [...new Set(runs.map((r) => `${r.database} ${r.workers}`))].map((k) => k.split(" ") as [DbKind, string])) {
    const byN = runs.filter((r) => r.database === database && r.workers === Number(workers)).sort((a, b) => a.n - b.n);
    if (byN.length < 2) continue;
    const small = byN[0]!;
    const big = byN[byN.length - 1]!;
    for (const s of big.scenarios.filter((s) => s.kind === "page")) {
      const base = small.scenarios.find((t) => t.scenario === s.scenario);
      if (!base) continue;
      const growth = base.p95 > 0 ? s.p95 / base.p95 : 1;
      add("p95 growth", `${s.scenario}, ${database}, ${workersLabel(big.workers)}, N=${small.n} to ${big.n}`, `<= ${BUDGETS.p95Growth}x`, `${growth.toFixed(2)}x (${base.p95} to ${s.p95} ms)`, growth <= BUDGETS.p95Growth);
    }
  }
  for (const scaling of workerScaling(runs).filter((s) => s.kind === "page")) {
    add("worker scaling", `${scaling.scenario}, ${scaling.database}, N=${scaling.n}`, `>= ${BUDGETS.workerScaling}x one worker's`,
      `${scaling.factor.toFixed(2)}x (${scaling.oneRps} to ${scaling.allRps} rps with ${scaling.workers} workers)`, scaling.factor >= BUDGETS.workerScaling);
  }
  return checks;
}

/**
 * The bench's `--workers` list ("1,all", "2"): whole numbers, "all" meaning one per
 * core; in order, without repeats (on one core "1,all" is one run).
 */
export function benchWorkerCounts(list: string, cores: number): number[] {
  const counts = list.split(",").map((w) => w.trim()).map((w) => {
    if (w === "all") return Math.max(1, cores);
    if (!/^\d+$/.test(w) || Number(w) < 1) throw new Error(`--workers ${list}: give whole numbers from 1 up, or "all"`);
    return Number(w);
  });
  return [...new Set(counts)];
}

export const workersLabel = (workers: number) => (workers === 1 ? "1 worker" : `${workers} workers`);

export interface WorkerScaling {
  scenario: string;
  kind: Scenario["kind"];
  database: DbKind;
  n: number;
  workers: number;
  oneRps: number;
  allRps: number;
  factor: number;
}

/**
 * Each page scenario's throughput with the most workers over its throughput with
 * one, for every database and N measured both ways (the floor's too, for reading).
 */
export function workerScaling(runs: RunResult[]): WorkerScaling[] {
  const out: WorkerScaling[] = [];
  for (const one of runs.filter((r) => r.workers === 1)) {
    const all = runs.filter((r) => r.database === one.database && r.n === one.n && r.workers > 1).sort((a, b) => b.workers - a.workers)[0];
    if (!all) continue;
    for (const s of one.scenarios.filter((x) => x.kind === "page" || x.kind === "floor")) {
      const t = all.scenarios.find((x) => x.scenario === s.scenario);
      if (!t || s.rps <= 0) continue;
      out.push({ scenario: s.scenario, kind: s.kind, database: one.database, n: one.n, workers: all.workers, oneRps: s.rps, allRps: t.rps, factor: Math.round((t.rps / s.rps) * 100) / 100 });
    }
  }
  return out;
}

export const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
