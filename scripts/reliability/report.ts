/** Every check the suite makes, printed as one table at the end. */
export interface CheckResult {
  area: string;
  database: string;
  check: string;
  ok: boolean;
  detail: string;
  seconds: number;
}

export class Results {
  readonly rows: CheckResult[] = [];

  record(area: string, database: string, check: string, ok: boolean, detail: string, seconds = 0): boolean {
    this.rows.push({ area, database, check, ok, detail, seconds: Math.round(seconds * 10) / 10 });
    // Failures show as they happen; everything is in the table at the end.
    if (!ok) console.log(`  FAIL ${area} · ${database} · ${check}${detail ? ` — ${detail}` : ""}`);
    return ok;
  }

  /** Runs one area and records a failure (rather than stopping the suite) when it throws. */
  async area(area: string, database: string, run: () => Promise<void>): Promise<void> {
    const started = performance.now();
    console.log(`== ${area} (${database})`);
    try {
      await run();
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message).split("\n").slice(0, 4).join(" | ") : String(error);
      this.record(area, database, "ran to the end", false, message, (performance.now() - started) / 1000);
    }
  }

  get failed(): CheckResult[] {
    return this.rows.filter((r) => !r.ok);
  }

  /** Checks passed per area and database, for reading the run at a glance. */
  summary(): string {
    const databases = [...new Set(this.rows.map((r) => r.database))];
    const areas = [...new Set(this.rows.map((r) => r.area))];
    const cell = (area: string, database: string) => {
      const rows = this.rows.filter((r) => r.area === area && r.database === database);
      return rows.length ? `${rows.filter((r) => r.ok).length}/${rows.length}` : "-";
    };
    const headers = ["area", ...databases];
    const cells = areas.map((area) => [area, ...databases.map((d) => cell(area, d))]);
    const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
    const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(" | ")} |`;
    return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
  }

  table(): string {
    const headers = ["area", "database", "check", "result", "detail"];
    const cells = this.rows.map((r) => [r.area, r.database, r.check, r.ok ? "ok" : "FAIL", r.detail.length > 110 ? `${r.detail.slice(0, 107)}...` : r.detail]);
    const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
    const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(" | ")} |`;
    return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
  }
}
