import type { DbKind } from "../../src/db/index.ts";
import { signInForCookie, startServer } from "../../scripts/reliability/harness.ts";
import type { RunResult, ScenarioResult, SkippedScenario } from "./budgets.ts";
import { scorePages } from "./lighthouse.ts";
import { drive, type LoadFigures, type Scenario } from "./load.ts";
import { measurePageWeight } from "./page-weight.ts";
import { BENCH_PASSWORD, type BenchWorld } from "./seed.ts";

export const CONNECTIONS = 10;

export function scenariosFor(world: BenchWorld, session: string): Scenario[] {
  const cookie = { cookie: `allies_session=${session}` };
  const bearer = { authorization: `Bearer ${world.token}` };
  const list: Scenario[] = [
    { name: "caseload page", kind: "page", method: "GET", paths: ["/participants"], headers: cookie, expectStatus: 200 },
    { name: "overview page", kind: "page", method: "GET", paths: world.participantIds.map((id) => `/participants/${id}`), headers: cookie, expectStatus: 200 },
    { name: "name search", kind: "page", method: "GET", paths: world.searchTerms.map((q) => `/participants?q=${encodeURIComponent(q)}`), headers: cookie, expectStatus: 200 },
    { name: "network page", kind: "page", method: "GET", paths: world.participantIds.map((id) => `/participants/${id}/network`), headers: cookie, expectStatus: 200 },
    { name: "API participant list", kind: "api", method: "GET", paths: ["/api/v1/participants", "/api/v1/participants?page=2"], headers: bearer, expectStatus: 200 },
    {
      name: "benefits estimate", kind: "api", method: "POST", paths: ["/api/v1/benefits/estimate"], headers: bearer, expectStatus: 200,
      body: (i) => JSON.stringify({ year: 2026, ssdiMonthly: 900, scenarios: [{ hoursPerWeek: 10 + (i % 20), hourlyWage: 15 }, { monthlyGross: 1200 }] }),
    },
  ];
  if (world.grant) {
    list.push({
      name: "consent form PDF", kind: "document", method: "GET", headers: cookie, expectStatus: 200,
      paths: [`/participants/${world.grant.participantId}/consent/${world.grant.grantId}/form.pdf`],
    });
  }
  // The write goes last so the pages above read the seeded world, not the benchmark's own rows.
  list.push({
    name: "create support person", kind: "api", method: "POST", headers: bearer, expectStatus: 201,
    paths: world.participantIds.map((id) => `/api/v1/participants/${id}/support-persons`),
    body: (i) => JSON.stringify({ name: `Bench Helper ${i}`, relationshipKind: "friend", closeness: "friends", helpKinds: ["rides"] }),
  });
  return list;
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

function mean(a: LoadFigures, b: LoadFigures): LoadFigures {
  const avg = (x: number, y: number) => Math.round(((x + y) / 2) * 100) / 100;
  const statuses: Record<string, number> = { ...a.statuses };
  for (const [k, v] of Object.entries(b.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    requests: a.requests + b.requests, rps: avg(a.rps, b.rps), p50: avg(a.p50, b.p50), p95: avg(a.p95, b.p95), p99: avg(a.p99, b.p99),
    unexpected: a.unexpected + b.unexpected, errors: a.errors + b.errors, statuses,
  };
}

export interface MeasureOptions {
  database: DbKind;
  n: number;
  databaseUrl: string;
  secondsPerScenario: number;
  lighthouse: boolean;
  log: (line: string) => void;
}

/**
 * Starts the production server on a seeded database and measures it: every
 * scenario between two health-route runs, the JavaScript of the key pages,
 * Lighthouse, and the server's peak RSS over all of it.
 */
export async function measureServer(world: BenchWorld, options: MeasureOptions): Promise<RunResult> {
  const { database, n, log } = options;
  const server = await startServer({ databaseUrl: options.databaseUrl });
  const rssPoll = setInterval(() => server.peakRssKb(), 500);
  try {
    const { session } = await signInForCookie(server.url, world.specialistEmail, BENCH_PASSWORD);
    const health: Scenario = { name: "health", kind: "health", method: "GET", paths: ["/healthz"], expectStatus: 200 };
    const load = { connections: CONNECTIONS, seconds: options.secondsPerScenario };

    const skipped: SkippedScenario[] = [];
    const runnable: Scenario[] = [];
    for (const scenario of scenariosFor(world, session)) {
      const reason = await probe(server.url, scenario);
      if (reason) skipped.push({ scenario: scenario.name, reason });
      else runnable.push(scenario);
    }
    for (const s of skipped) log(`skipping "${s.scenario}": ${s.reason}`);

    // Warm the JIT and the database's caches before anything is measured.
    await drive(server.url, runnable[1] ?? health, { connections: CONNECTIONS, seconds: 2 });

    log("health route");
    const healthBefore = await drive(server.url, health, load);
    const measured: { scenario: Scenario; figures: LoadFigures }[] = [];
    for (const scenario of runnable) {
      log(scenario.name);
      measured.push({ scenario, figures: await drive(server.url, scenario, load) });
    }
    log("health route again");
    const healthFigures = mean(healthBefore, await drive(server.url, health, load));

    const scenarios: ScenarioResult[] = measured.map(({ scenario, figures }) => ({
      scenario: scenario.name, kind: scenario.kind, ...figures,
      rpsRatio: healthFigures.rps > 0 ? Math.round((figures.rps / healthFigures.rps) * 1000) / 1000 : 0,
      p95Ratio: healthFigures.p95 > 0 ? Math.round((figures.p95 / healthFigures.p95) * 10) / 10 : 0,
    }));

    const cookie = `allies_session=${session}`;
    const keyPages = [
      { page: "sign-in", path: "/sign-in", cookie: undefined },
      { page: "caseload", path: "/participants", cookie },
      { page: "overview", path: world.participantIds[0] ? `/participants/${world.participantIds[0]}` : "/participants", cookie },
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
      database, n, seedSeconds: world.seedSeconds, seeded: world.seeded, health: healthFigures, scenarios, skipped,
      peakRssMb: Math.round(server.peakRssKb() / 1024), pageWeights, lighthouse,
    };
  } finally {
    clearInterval(rssPoll);
    await server.stop();
  }
}
