import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { kb, pct, workerScaling, workersLabel, type BudgetCheck, type RunResult } from "./budgets.ts";

export interface BenchReport {
  generatedAt: string;
  mode: "quick" | "full";
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  settings: { connections: number; secondsPerScenario: number; workers: number[]; lighthouse: string };
  /** One row per scenario and run: the machine-readable table. */
  rows: {
    scenario: string; kind: string; database: string; n: number; workers: number;
    rps: number; p50: number; p95: number; p99: number; rpsRatio: number; floorShare: number | null; p95Ratio: number; cpuMsPerRequest: number | null; unexpected: number;
  }[];
  /** One row per key page and run: the JavaScript it ships and its Lighthouse scores. */
  pages: { page: string; database: string; n: number; gzipJsBytes: number; performance: number | null; accessibility: number | null }[];
  /** One row per run: the server's peak resident memory, per process (the largest, and each). */
  servers: { database: string; n: number; workers: number; peakRssMb: number; peakRssMbByProcess: number[]; seedSeconds: number }[];
  /** Page throughput with every worker over one worker's, per database and N. */
  scaling: ReturnType<typeof workerScaling>;
  runs: RunResult[];
  budgets: BudgetCheck[];
}

export function buildReport(mode: BenchReport["mode"], settings: BenchReport["settings"], runs: RunResult[], budgets: BudgetCheck[]): BenchReport {
  const cpus = os.cpus();
  return {
    generatedAt: new Date().toISOString(),
    mode,
    machine: {
      cpus: cpus.length, cpuModel: cpus[0]?.model ?? "unknown", memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version, platform: `${os.platform()} ${os.release()}`,
    },
    settings,
    rows: runs.flatMap((run) => [
      { scenario: "health", kind: "health", database: run.database, n: run.n, workers: run.workers, ...figures(run.health), rpsRatio: 1, floorShare: null, p95Ratio: 1, cpuMsPerRequest: null, unexpected: run.health.unexpected },
      ...run.scenarios.map((s) => ({
        scenario: s.scenario, kind: s.kind, database: run.database, n: run.n, workers: run.workers, ...figures(s), rpsRatio: s.rpsRatio, floorShare: s.floorShare, p95Ratio: s.p95Ratio, cpuMsPerRequest: s.cpuMsPerRequest, unexpected: s.unexpected,
      })),
    ]),
    pages: runs.flatMap((run) => run.pageWeights.map((w) => {
      const scores = run.lighthouse.find((l) => l.page === w.page);
      return {
        page: w.page, database: run.database, n: run.n, gzipJsBytes: w.gzipBytes,
        performance: scores?.performance ?? null, accessibility: scores?.accessibility ?? null,
      };
    })),
    servers: runs.map((run) => ({ database: run.database, n: run.n, workers: run.workers, peakRssMb: run.peakRssMb, peakRssMbByProcess: run.peakRssMbByProcess.map((p) => p.peakRssMb), seedSeconds: run.seedSeconds })),
    scaling: workerScaling(runs),
    runs,
    budgets,
  };
}

function figures(f: { rps: number; p50: number; p95: number; p99: number }) {
  return { rps: f.rps, p50: f.p50, p95: f.p95, p99: f.p99 };
}

export function toMarkdown(report: BenchReport): string {
  const lines: string[] = [];
  const m = report.machine;
  lines.push(`# Allies benchmark (${report.mode})`, "");
  lines.push(`${report.generatedAt} · ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB · Node ${m.node} · ${report.settings.connections} connections, ${report.settings.secondsPerScenario} s per scenario · workers: ${report.settings.workers.join(", ")} · Lighthouse: ${report.settings.lighthouse}`, "");
  lines.push(...summaryTable(report), "");
  if (report.scaling.length) lines.push(...scalingTable(report), "");
  for (const run of report.runs) {
    lines.push(`## ${run.database}, N = ${run.n.toLocaleString("en-US")}, ${workersLabel(run.workers)}`, "");
    lines.push(`Seeded in ${run.seedSeconds} s (${run.seeded || "no summary"}) · peak RSS per process ${run.peakRssMbByProcess.map((p) => `${p.peakRssMb} MB`).join(", ")}`, "");
    lines.push("| scenario | kind | rps | p50 ms | p95 ms | p99 ms | rps vs health | rps vs floor | p95 vs health | server CPU ms/req | peak RSS so far | unexpected |");
    lines.push("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    const h = run.health;
    lines.push(`| health | health | ${h.rps} | ${h.p50} | ${h.p95} | ${h.p99} | 100% | | 1.0x | | | ${h.unexpected} |`);
    for (const s of run.scenarios) {
      lines.push(`| ${s.scenario} | ${s.kind} | ${s.rps} | ${s.p50} | ${s.p95} | ${s.p99} | ${pct(s.rpsRatio)} | ${s.floorShare === null ? "" : pct(s.floorShare)} | ${s.p95Ratio.toFixed(1)}x | ${s.cpuMsPerRequest} | ${s.peakRssMbSoFar} MB | ${s.unexpected} |`);
    }
    for (const s of run.skipped) lines.push(`| ${s.scenario} | skipped | | | | | | | | | | ${s.reason} |`);
    lines.push("");
    if (run.pageWeights.length || run.lighthouse.length) {
      lines.push("| page | gzipped JS | scripts | Lighthouse performance | Lighthouse accessibility |");
      lines.push("| --- | ---: | ---: | ---: | ---: |");
      for (const w of run.pageWeights) {
        const l = run.lighthouse.find((x) => x.page === w.page);
        const perf = l ? (l.error ? `error: ${l.error}` : String(l.performance)) : "";
        const a11y = l && !l.error ? String(l.accessibility) : "";
        lines.push(`| ${w.page} | ${kb(w.gzipBytes)} | ${w.scripts.length} | ${perf} | ${a11y} |`);
      }
      lines.push("");
    }
  }
  const failed = report.budgets.filter((b) => !b.ok);
  lines.push(`## Budgets: ${failed.length === 0 ? "all hold" : `${failed.length} of ${report.budgets.length} do not hold`}`, "");
  lines.push("| budget | subject | limit | measured | |");
  lines.push("| --- | --- | --- | --- | --- |");
  for (const b of report.budgets) lines.push(`| ${b.budget} | ${b.subject} | ${b.limit} | ${b.measured.replace(/\|/g, "/")} | ${b.ok ? "ok" : "**FAIL**"} |`);
  lines.push("");
  return lines.join("\n");
}

/**
 * The headline: each scenario's throughput as a share of the health route's and
 * its p95, for every run side by side, then the growth of p95 from the smallest N
 * to the largest on each database.
 */
function summaryTable(report: BenchReport): string[] {
  const runs = report.runs;
  const label = (run: RunResult) => `${run.database} ${run.n >= 1000 ? `${run.n / 1000}k` : run.n} ×${run.workers}`;
  // p95 growth compares the sizes of one database at one worker count.
  const databases = [...new Set(runs.filter((r) => r.workers === runs[0]!.workers).map((r) => r.database))]
    .filter((d) => runs.filter((r) => r.database === d && r.workers === runs[0]!.workers).length > 1);
  const header = ["scenario", ...runs.map((r) => `${label(r)}: rps vs floor · vs health · p95`), ...databases.map((d) => `p95 growth ${d} ×${runs[0]!.workers}`)];
  const lines = [`| ${header.join(" | ")} |`, `| --- | ${header.slice(1).map(() => "---:").join(" | ")} |`];
  const names = [...new Set(runs.flatMap((r) => r.scenarios.map((s) => s.scenario)))];
  for (const name of names) {
    const cells = runs.map((run) => {
      const s = run.scenarios.find((x) => x.scenario === name);
      return s ? `${s.floorShare === null ? "–" : pct(s.floorShare)} · ${pct(s.rpsRatio)} · ${s.p95} ms` : "–";
    });
    const growth = databases.map((database) => {
      const byN = runs.filter((r) => r.database === database && r.workers === runs[0]!.workers).sort((a, b) => a.n - b.n);
      const small = byN[0]!.scenarios.find((x) => x.scenario === name);
      const big = byN[byN.length - 1]!.scenarios.find((x) => x.scenario === name);
      if (!small || !big || small.p95 <= 0) return "–";
      // The server's CPU per response grows only with the work it does, not with the machine's other load.
      const cpu = small.cpuMsPerRequest > 0 ? ` (CPU ${(big.cpuMsPerRequest / small.cpuMsPerRequest).toFixed(2)}x)` : "";
      return `${(big.p95 / small.p95).toFixed(2)}x${cpu}`;
    });
    lines.push(`| ${[name, ...cells, ...growth].join(" | ")} |`);
  }
  lines.push(`| peak RSS per process | ${runs.map((r) => r.peakRssMbByProcess.map((p) => `${p.peakRssMb}`).join(" / ") + " MB").join(" | ")} |${databases.map(() => " |").join("")}`);
  for (const page of [...new Set(runs.flatMap((r) => r.pageWeights.map((w) => w.page)))]) {
    const cells = runs.map((run) => {
      const w = run.pageWeights.find((x) => x.page === page);
      const l = run.lighthouse.find((x) => x.page === page);
      const scores = l ? (l.error ? " · Lighthouse error" : ` · perf ${l.performance}, a11y ${l.accessibility}`) : "";
      return w ? `${kb(w.gzipBytes)} JS${scores}` : "–";
    });
    lines.push(`| ${page} page | ${cells.join(" | ")} |${databases.map(() => " |").join("")}`);
  }
  return lines;
}

/** Every worker against one: each page's throughput both ways and the factor. */
function scalingTable(report: BenchReport): string[] {
  const lines = ["| scenario | database, N | 1 worker rps | all workers rps | scaling |", "| --- | --- | ---: | ---: | ---: |"];
  for (const s of report.scaling) {
    lines.push(`| ${s.scenario} | ${s.database}, ${s.n.toLocaleString("en-US")} | ${s.oneRps} | ${s.allRps} (${s.workers} workers) | ${s.factor.toFixed(2)}x |`);
  }
  return lines;
}

export function writeReport(dir: string, report: BenchReport): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, "latest.json");
  const markdown = path.join(dir, "latest.md");
  writeFileSync(json, JSON.stringify(report, null, 2) + "\n");
  writeFileSync(markdown, toMarkdown(report));
  return { json, markdown };
}
