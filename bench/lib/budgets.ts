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
  seedSeconds: number;
  /** What `allies seed --scale` said it made. */
  seeded: string;
  health: LoadFigures;
  scenarios: ScenarioResult[];
  skipped: SkippedScenario[];
  peakRssMb: number;
  pageWeights: PageWeight[];
  lighthouse: LighthouseScores[];
}

/** Issue 5's budgets; `npm run bench -- --check` fails when one does not hold. */
export const BUDGETS = {
  pageP95Ms: 50,
  pageP95AtN: 20_000,
  pageRpsRatio: 0.1,
  apiRpsRatio: 0.3,
  peakRssMb: 400,
  gzipJsBytes: 150 * 1024,
  lighthousePerformance: 90,
  lighthouseAccessibility: 100,
  p95Growth: 1.5,
  /** A report or export over a whole program (issue 15): p95 under a second at N=20,000, on each database. */
  reportP95Ms: 1000,
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
  const largest = sqliteRuns.reduce<RunResult | null>((best, r) => (!best || r.n > best.n ? r : best), null);
  if (largest) {
    const note = largest.n === BUDGETS.pageP95AtN ? "" : ` (budget is set at N=${BUDGETS.pageP95AtN}; measured at N=${largest.n})`;
    for (const s of largest.scenarios.filter((s) => s.kind === "page")) {
      add("page p95", `${s.scenario}, sqlite, N=${largest.n}${note}`, `< ${BUDGETS.pageP95Ms} ms`, `${s.p95} ms`, s.p95 < BUDGETS.pageP95Ms);
    }
  }

  // Reports and exports over the whole program, at the largest N measured on each database.
  for (const database of ["sqlite", "postgres"] as const) {
    const biggest = runs.filter((r) => r.database === database).reduce<RunResult | null>((best, r) => (!best || r.n > best.n ? r : best), null);
    if (!biggest) continue;
    const note = biggest.n === BUDGETS.pageP95AtN ? "" : ` (budget is set at N=${BUDGETS.pageP95AtN}; measured at N=${biggest.n})`;
    for (const s of biggest.scenarios.filter((s) => s.kind === "report")) {
      add("report p95", `${s.scenario}, ${database}, N=${biggest.n}${note}`, `< ${BUDGETS.reportP95Ms} ms`, `${s.p95} ms`, s.p95 < BUDGETS.reportP95Ms);
    }
  }

  for (const run of runs) {
    const where = `${run.database}, N=${run.n}`;
    for (const s of run.scenarios) {
      if (s.kind === "page") add("page throughput", `${s.scenario}, ${where}`, `>= ${BUDGETS.pageRpsRatio * 100}% of health`, pct(s.rpsRatio), s.rpsRatio >= BUDGETS.pageRpsRatio);
      if (s.kind === "api") add("API throughput", `${s.scenario}, ${where}`, `>= ${BUDGETS.apiRpsRatio * 100}% of health`, pct(s.rpsRatio), s.rpsRatio >= BUDGETS.apiRpsRatio);
      add("expected answers", `${s.scenario}, ${where}`, "every response as expected", `${s.unexpected} of ${s.requests + s.errors} not`, s.unexpected === 0);
    }
    add("peak RSS", where, `< ${BUDGETS.peakRssMb} MB`, `${run.peakRssMb} MB`, run.peakRssMb < BUDGETS.peakRssMb);
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
  for (const database of ["sqlite", "postgres"] as const) {
    const byN = runs.filter((r) => r.database === database).sort((a, b) => a.n - b.n);
    if (byN.length < 2) continue;
    const small = byN[0]!;
    const big = byN[byN.length - 1]!;
    for (const s of big.scenarios.filter((s) => s.kind === "page")) {
      const base = small.scenarios.find((t) => t.scenario === s.scenario);
      if (!base) continue;
      const growth = base.p95 > 0 ? s.p95 / base.p95 : 1;
      add("p95 growth", `${s.scenario}, ${database}, N=${small.n} to ${big.n}`, `<= ${BUDGETS.p95Growth}x`, `${growth.toFixed(2)}x (${base.p95} to ${s.p95} ms)`, growth <= BUDGETS.p95Growth);
    }
  }
  return checks;
}

export const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
