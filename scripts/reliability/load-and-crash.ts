import type { Db } from "../../src/db/index.ts";
import { sleep, startServer, type ServerProcess } from "./harness.ts";
import type { Caller } from "./http.ts";
import { auditChainVerifies, halfWritten } from "./invariants.ts";
import type { Results } from "./report.ts";
import { findAcknowledged, newStats, runClient, type TrafficClient, type TrafficStats } from "./traffic.ts";
import { ROLES, type ReliabilityWorld, type RoleKey } from "./world.ts";

function clientsFor(world: ReliabilityWorld, callers: Record<RoleKey, Caller>, count: number, baseUrl: string): TrafficClient[] {
  return Array.from({ length: count }, (_, number) => {
    const role = ROLES[number % ROLES.length]!.key;
    return { number, caller: callers[role].at(baseUrl), participants: world.caseloads[role], assignTo: world.assignTo[role] };
  });
}

const summary = (stats: TrafficStats) => Object.entries(stats.statuses).sort().map(([s, n]) => `${s}×${n}`).join(" ");

/** How many acknowledged writes of each kind, so a kind the traffic stopped making shows. */
function kinds(stats: TrafficStats): string {
  const counts = new Map<string, number>();
  for (const ack of stats.acknowledged) counts.set(ack.kind, (counts.get(ack.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(", ");
}

/** 100 clients for 30 s of mixed reads and writes (on the server given: two workers in the suite): no 5xx, nothing unanswered, every acknowledged write stored. */
export async function checkLoad(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>, server: ServerProcess, options: { clients: number; seconds: number }): Promise<void> {
  const area = "load";
  const stats = newStats();
  const clients = clientsFor(world, callers, options.clients, server.url);
  // Each client's connection is opened first, on the idle server, as a browser already on
  // the page has one. Node accepts about one new connection per turn of its event loop
  // (decision 0020), so 100 connections opened at the same instant under full load made the
  // last of them wait for 100 turns: a connection storm, not the steady load this measures.
  await Promise.all(clients.map((client) => client.caller.raw("/healthz", { timeoutMs: 60_000 })));
  const started = performance.now();
  const until = Date.now() + options.seconds * 1000;
  await Promise.all(clients.map((client) => runClient(client, stats, { until, mix: "mixed", stopWhenUnanswered: false })));
  const seconds = (performance.now() - started) / 1000;
  const peakMb = Math.round(server.peakRssKb() / 1024);
  results.record(area, database, `${options.clients} clients for ${options.seconds} s${server.workers > 1 ? ` on ${server.workers} workers` : ""}: no 5xx`, stats.serverErrors.length === 0,
    `${stats.requests} requests (${Math.round(stats.requests / seconds)}/s, server peak RSS ${peakMb} MB): ${summary(stats)}${stats.serverErrors.length ? `; first 5xx: ${stats.serverErrors[0]}` : ""}`, seconds);
  results.record(area, database, "every request answered", stats.unanswered === 0, `${stats.unanswered} without an answer${stats.unansweredWhy.length ? `: ${stats.unansweredWhy.join("; ")}` : ""}`);
  const { missing, lostUpdates } = await findAcknowledged(world.database.db, stats.acknowledged);
  results.record(area, database, "every acknowledged write is stored", missing.length === 0,
    `${stats.acknowledged.length - missing.length} of ${stats.acknowledged.length} found (${kinds(stats)})${missing.length ? `; missing: ${missing.slice(0, 3).join(", ")}` : ""}`);
  results.record(area, database, "no lost update", lostUpdates.length === 0, lostUpdates[0] ?? "no two saves acknowledged at the same version");
}

/**
 * kill -9 in the middle of a write load, then a restart on the same database:
 * every acknowledged write is there, nothing is half-written, the audit chain
 * verifies and the server takes writes again.
 */
export async function checkCrash(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>, databaseUrl: string): Promise<void> {
  const area = "crash";
  const db: Db = world.database.db;
  const createdSince = new Date().toISOString();
  // Two HTTP workers: kill -9 of the primary takes its workers down with it, mid-write.
  const doomed = await startServer({ databaseUrl, workers: 2 });
  const stats = newStats();
  const until = Date.now() + 20_000;
  const writers = Promise.all(clientsFor(world, callers, 24, doomed.url).map((client) => runClient(client, stats, { until, mix: "writes", stopWhenUnanswered: true })));
  await sleep(2500);
  const acknowledgedAtKill = stats.acknowledged.length;
  await doomed.kill9();
  await writers;
  results.record(area, database, "kill -9 during writes", acknowledgedAtKill > 0 && stats.unanswered > 0,
    `${acknowledgedAtKill} writes acknowledged before the kill, ${stats.unanswered} requests cut off`);

  const restarted = await startServer({ databaseUrl, workers: 2 });
  try {
    const { missing } = await findAcknowledged(db, stats.acknowledged);
    results.record(area, database, "every acknowledged write survived", missing.length === 0,
      `${stats.acknowledged.length - missing.length} of ${stats.acknowledged.length} found (${kinds(stats)})${missing.length ? `; missing: ${missing.slice(0, 3).join(", ")}` : ""}`);
    const problems = await halfWritten(db, createdSince);
    results.record(area, database, "nothing half-written", problems.length === 0, problems.join("; ") || "every record has its audit row, history and agenda");
    const chain = await auditChainVerifies(db, databaseUrl);
    results.record(area, database, "audit chain verifies after the crash", chain.ok, chain.detail);
    const owner = callers.specialistOwn.at(restarted.url);
    const after = await owner.api("POST", `/participants/${world.caseloads.specialistOwn[0]}/support-persons`, { name: "After The Crash", relationshipKind: "friend", closeness: "friends" });
    results.record(area, database, "the restarted server takes writes", after.status === 201, `answered ${after.status}`);
  } finally {
    await restarted.stop();
  }
}
