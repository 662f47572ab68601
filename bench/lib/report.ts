import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { kb, pct, type BudgetCheck, type RunResult } from "./budgets.ts";

export interface BenchReport {
  generatedAt: string;
  mode: "quick" | "full";
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  settings: { connections: number; secondsPerScenario: number; lighthouse: string };
  /** One row per scenario and run: the machine-readable table. */
  rows: {
    scenario: string; kind: string; database: string; n: number;
    rps: number; p50: number; p95: number; p99: number; rpsRatio: number; p95Ratio: number; cpuMsPerRequest: number | null; unexpected: number;
  }[];
  /** One row per key page and run: the JavaScript it ships and its Lighthouse scores. */
  pages: { page: string; database: string; n: number; gzipJsBytes: number; performance: number | null; accessibility: number | null }[];
  /** One row per run: the server's peak resident memory. */
  servers: { database: string; n: number; peakRssMb: number; seedSeconds: number }[];
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
      { scenario: "health", kind: "health", database: run.database, n: run.n, ...figures(run.health), rpsRatio: 1, p95Ratio: 1, cpuMsPerRequest: null, unexpected: run.health.unexpected },
      ...run.scenarios.map((s) => ({
        scenario: s.scenario, kind: s.kind, database: run.database, n: run.n, ...figures(s), rpsRatio: s.rpsRatio, p95Ratio: s.p95Ratio, cpuMsPerRequest: s.cpuMsPerRequest, unexpected: s.unexpected,
      })),
    ]),
    pages: runs.flatMap((run) => run.pageWeights.map((w) => {
      const scores = run.lighthouse.find((l) => l.page === w.page);
      return {
        page: w.page, database: run.database, n: run.n, gzipJsBytes: w.gzipBytes,
        performance: scores?.performance ?? null, accessibility: scores?.accessibility ?? null,
      };
    })),
    servers: runs.map((run) => ({ database: run.database, n: run.n, peakRssMb: run.peakRssMb, seedSeconds: run.seedSeconds })),
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
  lines.push(`${report.generatedAt} · ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB · Node ${m.node} · ${report.settings.connections} connections, ${report.settings.secondsPerScenario} s per scenario · Lighthouse: ${report.settings.lighthouse}`, "");
  lines.push(...summaryTable(report), "");
  for (const run of report.runs) {
    lines.push(`## ${run.database}, N = ${run.n.toLocaleString("en-US")}`, "");
    lines.push(`Seeded in ${run.seedSeconds} s (${run.seeded || "no summary"}) · peak RSS ${run.peakRssMb} MB`, "");
    lines.push("| scenario | kind | rps | p50 ms | p95 ms | p99 ms | rps vs health | p95 vs health | server CPU ms/req | peak RSS so far | unexpected |");
    lines.push("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    const h = run.health;
    lines.push(`| health | health | ${h.rps} | ${h.p50} | ${h.p95} | ${h.p99} | 100% | 1.0x | | | ${h.unexpected} |`);
    for (const s of run.scenarios) {
      lines.push(`| ${s.scenario} | ${s.kind} | ${s.rps} | ${s.p50} | ${s.p95} | ${s.p99} | ${pct(s.rpsRatio)} | ${s.p95Ratio.toFixed(1)}x | ${s.cpuMsPerRequest} | ${s.peakRssMbSoFar} MB | ${s.unexpected} |`);
    }
    for (const s of run.skipped) lines.push(`| ${s.scenario} | skipped | | | | | | | | | ${s.reason} |`);
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
  const label = (run: RunResult) => `${run.database} ${run.n >= 1000 ? `${run.n / 1000}k` : run.n}`;
  const databases = [...new Set(runs.map((r) => r.database))].filter((d) => runs.filter((r) => r.database === d).length > 1);
  const header = ["scenario", ...runs.map((r) => `${label(r)}: rps vs health · p95`), ...databases.map((d) => `p95 growth ${d}`)];
  const lines = [`| ${header.join(" | ")} |`, `| --- | ${header.slice(1).map(() => "---:").join(" | ")} |`];
  const names = [...new Set(runs.flatMap((r) => r.scenarios.map((s) => s.scenario)))];
  for (const name of names) {
    const cells = runs.map((run) => {
      const s = run.scenarios.find((x) => x.scenario === name);
      return s ? `${pct(s.rpsRatio)} · ${s.p95} ms` : "–";
    });
    const growth = databases.map((database) => {
      const byN = runs.filter((r) => r.database === database).sort((a, b) => a.n - b.n);
      const small = byN[0]!.scenarios.find((x) => x.scenario === name);
      const big = byN[byN.length - 1]!.scenarios.find((x) => x.scenario === name);
      if (!small || !big || small.p95 <= 0) return "–";
      // The server's CPU per response grows only with the work it does, not with the machine's other load.
      const cpu = small.cpuMsPerRequest > 0 ? ` (CPU ${(big.cpuMsPerRequest / small.cpuMsPerRequest).toFixed(2)}x)` : "";
      return `${(big.p95 / small.p95).toFixed(2)}x${cpu}`;
    });
    lines.push(`| ${[name, ...cells, ...growth].join(" | ")} |`);
  }
  lines.push(`| peak RSS | ${runs.map((r) => `${r.peakRssMb} MB`).join(" | ")} |${databases.map(() => " |").join("")}`);
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

export function writeReport(dir: string, report: BenchReport): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, "latest.json");
  const markdown = path.join(dir, "latest.md");
  writeFileSync(json, JSON.stringify(report, null, 2) + "\n");
  writeFileSync(markdown, toMarkdown(report));
  return { json, markdown };
}
