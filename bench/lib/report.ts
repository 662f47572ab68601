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
  for (const run of report.runs) {
    lines.push(`## ${run.database}, N = ${run.n.toLocaleString("en-US")}`, "");
    lines.push(`Seeded in ${run.seedSeconds} s (${run.seeded || "no summary"}) · peak RSS ${run.peakRssMb} MB`, "");
    lines.push("| scenario | kind | rps | p50 ms | p95 ms | p99 ms | rps vs health | p95 vs health | server CPU ms/req | unexpected |");
    lines.push("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    const h = run.health;
    lines.push(`| health | health | ${h.rps} | ${h.p50} | ${h.p95} | ${h.p99} | 100% | 1.0x | | ${h.unexpected} |`);
    for (const s of run.scenarios) {
      lines.push(`| ${s.scenario} | ${s.kind} | ${s.rps} | ${s.p50} | ${s.p95} | ${s.p99} | ${pct(s.rpsRatio)} | ${s.p95Ratio.toFixed(1)}x | ${s.cpuMsPerRequest} | ${s.unexpected} |`);
    }
    for (const s of run.skipped) lines.push(`| ${s.scenario} | skipped | | | | | | | | ${s.reason} |`);
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

export function writeReport(dir: string, report: BenchReport): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, "latest.json");
  const markdown = path.join(dir, "latest.md");
  writeFileSync(json, JSON.stringify(report, null, 2) + "\n");
  writeFileSync(markdown, toMarkdown(report));
  return { json, markdown };
}
