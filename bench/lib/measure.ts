import type { DbKind } from "../../src/db/index.ts";
import { signInForCookie, startServer, type ServerProcess } from "../../scripts/reliability/harness.ts";
import type { RunResult, ScenarioResult, SkippedScenario } from "./budgets.ts";
import { scorePages } from "./lighthouse.ts";
import { drive, type LoadFigures, type Scenario } from "./load.ts";
import { measurePageWeight } from "./page-weight.ts";
import { BENCH_PASSWORD, type BenchWorld } from "./seed.ts";

export const CONNECTIONS = 10;

export const FLOOR_SCENARIO = "framework floor";

/** The year the scale seed's meetings were held and its jobs began: the reports' period. */
const REPORT_YEAR = 2025;
/** Reports are asked for by a few supervisors at once, not by ten browsers a second. */
export const REPORT_CONNECTIONS = 2;

export function scenariosFor(world: BenchWorld, session: string, partnerSession: string | null = null, adminSession: string | null = null): Scenario[] {
  const cookie = { cookie: `allies_session=${session}` };
  const bearer = { authorization: `Bearer ${world.token}` };
  const list: Scenario[] = [
    // The framework floor (issue 16): what any page costs before its own work. The glossary
    // loads nothing and writes no audit row, yet goes through the whole stack as the
    // signed-in specialist: session lookup, CSRF cookie, CSP nonce, the root layout with
    // its navigation, React Router and React rendering. Only its twenty static terms
    // are its own, a fraction of what the framework does (bench/README.md).
    { name: FLOOR_SCENARIO, kind: "floor", method: "GET", paths: ["/glossary"], headers: cookie, expectStatus: 200 },
    { name: "caseload page", kind: "page", method: "GET", paths: ["/participants"], headers: cookie, expectStatus: 200 },
    // The specialist's day (issue 14 §1): every list across the caseload, a few queries whatever N is.
    { name: "home page", kind: "page", method: "GET", paths: ["/"], headers: cookie, expectStatus: 200 },
    { name: "overview page", kind: "page", method: "GET", paths: world.participantIds.map((id) => `/participants/${id}`), headers: cookie, expectStatus: 200 },
    { name: "name search", kind: "page", method: "GET", paths: world.searchTerms.map((q) => `/participants?q=${encodeURIComponent(q)}`), headers: cookie, expectStatus: 200 },
    { name: "network page", kind: "page", method: "GET", paths: world.participantIds.map((id) => `/participants/${id}/network`), headers: cookie, expectStatus: 200 },
    // The support person's own page, opened by their personal link (decision 0022): the same budgets as staff pages.
    ...(partnerSession ? [{ name: "support person's page", kind: "page" as const, method: "GET" as const, paths: ["/support"], headers: { cookie: `allies_partner=${partnerSession}` }, expectStatus: 200 }] : []),
    { name: "API participant list", kind: "api", method: "GET", paths: ["/api/v1/participants", "/api/v1/participants?page=2"], headers: bearer, expectStatus: 200 },
    {
      name: "benefits estimate", kind: "api", method: "POST", paths: ["/api/v1/benefits/estimate"], headers: bearer, expectStatus: 200,
      body: (i) => JSON.stringify({ year: 2026, ssdiMonthly: 900, scenarios: [{ hoursPerWeek: 10 + (i % 20), hourlyWage: 15 }, { monthlyGross: 1200 }] }),
    },
  ];
  list.push({
    name: "take-home PDF", kind: "document", method: "GET", headers: cookie, expectStatus: 200,
    paths: world.participantIds.map((id) => `/participants/${id}/plan/take-home.pdf`),
  });
  // Reports over the whole program for the seed's busiest year (issue 15), read by the administrator,
  // and the whole program's caseload export (decision 0045): a few at a time, as supervisors ask for them.
  if (adminSession) {
    const admin = { cookie: `allies_session=${adminSession}` };
    const year = `from=${REPORT_YEAR}-01-01&to=${REPORT_YEAR}-12-31`;
    list.push(
      { name: "report page (program, a year)", kind: "report", method: "GET", paths: [`/reports?${year}`], headers: admin, expectStatus: 200, connections: REPORT_CONNECTIONS },
      { name: "report CSV (program, a year)", kind: "report", method: "GET", paths: [`/reports.csv?${year}`], headers: admin, expectStatus: 200, connections: REPORT_CONNECTIONS },
      { name: "caseload export (program)", kind: "report", method: "GET", paths: ["/participants.csv"], headers: admin, expectStatus: 200, connections: REPORT_CONNECTIONS },
    );
  }
  // The write goes last so the pages above read the seeded world, not the benchmark's own rows.
  list.push({
    name: "create support person", kind: "api", method: "POST", headers: bearer, expectStatus: 201,
    paths: world.writeParticipantIds.map((id) => `/api/v1/participants/${id}/support-persons`),
    body: (i) => JSON.stringify({ name: `Bench Helper ${i}`, relationshipKind: "friend", closeness: "friends", helpKinds: ["rides"] }),
  });
  return list;
}

/** Opens a personal link as a phone would and keeps the partner session it gives. */
export async function openLink(baseUrl: string, path: string): Promise<string | null> {
  const response = await fetch(baseUrl + path, { redirect: "manual" });
  await response.arrayBuffer();
  const line = response.headers.getSetCookie().find((l) => l.startsWith("allies_partner="));
  return line ? line.slice("allies_partner=".length).split(";")[0]! : null;
}

/** One request of the scenario, to skip what this version of Allies does not have yet. */
async function probe(baseUrl: string, scenario: Scenario): Promise<string | null> {
  const response = await fetch(baseUrl + scenario.paths[0], {
    method: scenario.method, redirect: "manual",
    headers: { ...scenario.headers, ...(scenario.body ? { "content-type": "application/json" } : {}) },
    body: scenario.body?.(0),
  });
  await response.arrayBuffer();
  if (response.status === scenario.expectStatus) return null;
  return response.status === 404 ? "the route does not exist in this version (404)" : `the first request answered ${response.status}, not ${scenario.expectStatus}`;
}

function mean(runs: LoadFigures[]): LoadFigures {
  const avg = (pick: (f: LoadFigures) => number) => Math.round((runs.reduce((sum, f) => sum + pick(f), 0) / runs.length) * 100) / 100;
  const statuses: Record<string, number> = {};
  for (const run of runs) for (const [k, v] of Object.entries(run.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const total = (pick: (f: LoadFigures) => number) => runs.reduce((sum, f) => sum + pick(f), 0);
  return {
    requests: total((f) => f.requests), rps: avg((f) => f.rps), p50: avg((f) => f.p50), p95: avg((f) => f.p95), p99: avg((f) => f.p99),
    unexpected: total((f) => f.unexpected), errors: total((f) => f.errors), statuses,
  };
}

export interface MeasureOptions {
  database: DbKind;
  n: number;
  /** HTTP worker processes (`allies serve --workers`). */
  workers: number;
  databaseUrl: string;
  secondsPerScenario: number;
  lighthouse: boolean;
  /** Only the scenarios whose name matches (`--scenarios`); the framework floor always runs, as the pages' yardstick. */
  only?: RegExp;
  log: (line: string) => void;
}

/**
 * Starts the production server on a seeded database with `workers` HTTP workers and
 * measures it: every scenario between two health-route runs, with the server's CPU
 * time per request (all its processes), the JavaScript of the key pages, Lighthouse,
 * and each process's peak RSS over all of it.
 */
export async function measureServer(world: BenchWorld, options: MeasureOptions): Promise<RunResult> {
  const { database, n, workers, log } = options;
  const server = await startServer({ databaseUrl: options.databaseUrl, workers });
  const rssPoll = setInterval(() => server.peakRssKb(), 500);
  try {
    const { session } = await signInForCookie(server.url, world.specialistEmail, BENCH_PASSWORD);
    const partnerSession = world.supportLinkPath ? await openLink(server.url, world.supportLinkPath) : null;
    const adminSession = (await signInForCookie(server.url, world.adminEmail, BENCH_PASSWORD)).session;
    // Said aloud: a scenario that silently disappears looks like one that passed.
    if (!partnerSession) log(`skipping "support person's page": ${world.supportLinkPath ? "the link did not open a session" : "no support person could be given a link"}`);
    const health: Scenario = { name: "health", kind: "health", method: "GET", paths: ["/healthz"], expectStatus: 200 };
    const load = { connections: CONNECTIONS, seconds: options.secondsPerScenario };

    const skipped: SkippedScenario[] = [];
    const runnable: Scenario[] = [];
    for (const scenario of scenariosFor(world, session, partnerSession, adminSession)) {
      if (options.only && scenario.kind !== "floor" && !options.only.test(scenario.name)) continue;
      const reason = await probe(server.url, scenario);
      if (reason) skipped.push({ scenario: scenario.name, reason });
      else runnable.push(scenario);
    }
    for (const s of skipped) log(`skipping "${s.scenario}": ${s.reason}`);

    // The health route runs between every two scenarios, and each scenario is compared with
    // the runs just before and after it: on a shared machine the load drifts over minutes.
    const healthSeconds = Math.max(2, Math.round(options.secondsPerScenario / 2));
    await drive(server.url, health, { connections: CONNECTIONS, seconds: 1 });
    log("health route");
    const healthRuns = [await drive(server.url, health, { ...load, seconds: healthSeconds })];
    const scenarios: ScenarioResult[] = [];
    // Unrounded shares of the health route: a page's is about 0.006, and its share of
    // the floor's taken from the rounded figures was off by up to 8% (three pages came
    // out at exactly 31.6%).
    const exactRpsRatio = new Map<ScenarioResult, number>();
    for (const scenario of runnable) {
      log(scenario.name);
      // A second of the same requests first, so the JIT and the database's caches have seen them.
      const connections = scenario.connections ?? CONNECTIONS;
      await drive(server.url, scenario, { connections, seconds: 1 });
      const cpuBefore = server.cpuMs();
      const figures = await drive(server.url, scenario, { ...load, connections });
      const cpuMs = server.cpuMs() - cpuBefore;
      // A scenario with connection errors or unexpected answers says why: the server's own last words.
      if (figures.unexpected > 0) log(`${scenario.name}: ${figures.unexpected} unexpected (${figures.errors} connection errors or timeouts, statuses ${JSON.stringify(figures.statuses)}); the server's processes: ${describeProcesses(server)}; its last output:\n${lastLines(server.output(), 40)}`);
      const before = healthRuns[healthRuns.length - 1]!;
      const after = await drive(server.url, health, { ...load, seconds: healthSeconds });
      healthRuns.push(after);
      const reference = mean([before, after]);
      const rpsRatio = reference.rps > 0 ? figures.rps / reference.rps : 0;
      scenarios.push({
        scenario: scenario.name, kind: scenario.kind, ...figures, peakRssMbSoFar: Math.round(server.peakRssKb() / 1024),
        cpuMsPerRequest: figures.requests > 0 ? Math.round((cpuMs / figures.requests) * 100) / 100 : 0,
        rpsRatio: Math.round(rpsRatio * 1000) / 1000,
        p95Ratio: reference.p95 > 0 ? Math.round((figures.p95 / reference.p95) * 10) / 10 : 0,
        floorShare: null,
      });
      exactRpsRatio.set(scenarios[scenarios.length - 1]!, rpsRatio);
    }
    const floor = scenarios.find((s) => s.kind === "floor");
    const floorRatio = floor ? exactRpsRatio.get(floor)! : 0;
    for (const s of scenarios) {
      s.floorShare = floorRatio > 0 ? Math.round((exactRpsRatio.get(s)! / floorRatio) * 1000) / 1000 : null;
    }
    const healthFigures = mean(healthRuns);

    const cookie = `allies_session=${session}`;
    const keyPages = [
      { page: "sign-in", path: "/sign-in", cookie: undefined },
      { page: "caseload", path: "/participants", cookie },
      { page: "overview", path: world.participantIds[0] ? `/participants/${world.participantIds[0]}` : "/participants", cookie },
      ...(partnerSession ? [{ page: "support person's page", path: "/support", cookie: `allies_partner=${partnerSession}` }] : []),
    ];
    log("JavaScript per page");
    const pageWeights = [];
    for (const p of keyPages) pageWeights.push(await measurePageWeight(server.url, p.page, p.path, p.cookie ? { cookie: p.cookie } : {}));
    let lighthouse: RunResult["lighthouse"] = [];
    if (options.lighthouse) {
      log("Lighthouse");
      lighthouse = await scorePages(server.url, keyPages);
    }
    return {
      database, n, workers, seedSeconds: world.seedSeconds, seeded: world.seeded, health: healthFigures, scenarios, skipped,
      peakRssMb: Math.round(server.peakRssKb() / 1024),
      peakRssMbByProcess: [...server.peakRssKbByProcess()].map(([pid, kb]) => ({ pid, peakRssMb: Math.round(kb / 1024) })),
      pageWeights, lighthouse,
    };
  } finally {
    clearInterval(rssPoll);
    await server.stop();
  }
}

/** Which of the server's processes still run: a worker that died and was replaced, or a primary that gave up. */
function describeProcesses(server: ServerProcess): string {
  return server.processes().map((p, i) => `${i === 0 ? "primary" : "worker"} ${p.pid} ${p.running ? "running" : "ended"}`).join(", ");
}

/** The last `count` lines of what the server printed. */
function lastLines(output: string, count: number): string {
  return output.trimEnd().split("\n").slice(-count).join("\n") || "(nothing)";
}
