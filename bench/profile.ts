/**
 * Where a page's time goes: runs `allies serve` under `--cpu-prof`, drives one page
 * with the bench's load (10 connections), and prints the server's busy time by
 * package and its hottest functions. Not part of `npm run bench` (a profiler slows
 * the server): it answers "what should be cut", the bench answers "is it fast enough".
 *
 *   npx node bench/profile.ts --database file:/tmp/x/allies.db [--pages floor,caseload,home,overview,network,support] [--seconds 10] [--no-profile] [--keep DIR]
 *
 * The database is one `allies seed --scale N` made (the bench's world); it is used as
 * it is, so seed it once and profile it many times.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../src/db/index.ts";
import { BENCH_PASSWORD } from "../src/db/seed/scale.ts";
import { ensureBuild, signInForCookie, startServer } from "../scripts/reliability/harness.ts";
import { drive, type Scenario } from "./lib/load.ts";
import { CONNECTIONS, openLink } from "./lib/measure.ts";
import { supportPersonLink } from "./lib/seed.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  /** Microseconds on the monotonic clock, the one `process.hrtime` reads. */
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a script belongs to: the folder under node_modules, the app's own code, or Node itself. */
export function packageOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const [first, second] = url.slice(modules + "/node_modules/".length).split("/");
    return first!.startsWith("@") ? `${first}/${second}` : first!;
  }
  if (url.startsWith("node:")) return "node (internals)";
  if (url.includes("/build/server/")) return "app (build/server: routes, components)";
  if (url.includes("/src/")) return "app (src/)";
  return url;
}

export interface ProfileSummary {
  /** Busy milliseconds: all samples but idle. */
  busyMs: number;
  byPackage: { name: string; ms: number; share: number }[];
  topFunctions: { name: string; where: string; ms: number; share: number }[];
  /** Time inside a function and everything it called (each sample counted once per function on its stack). */
  inclusive: { name: string; where: string; ms: number; share: number }[];
}

/** The functions whose inclusive time says what a request does: the app's steps and the framework's. */
const interesting = /^(LinkWithRef|NavLinkWithRef|useHref|useResolvedPath|useLinkClickHandler|usePrefetchBehavior|matchRoutes|matchRoutesImpl|flattenAndRankRoutes|useRoutesImpl|renderToPipeableStream|renderElement|flattenValue|encode|loader|middleware|Layout|SiteHeader|ParticipantNav|Caseload|[A-Z]\w*Page|translate|formatDate|formatMonth|compile|compileQuery|executeQuery|execute|executeTakeFirst|executeTakeFirstOrThrow|recordAudit|recordAuditRows|loadSession|sessionMiddleware|authorizeParticipant|getProgramSettings|listCaseload|getParticipant|all|run|transaction)$/;

/**
 * Self time per package and per function, from a V8 .cpuprofile, counting only the
 * samples taken inside the window (monotonic microseconds): the measured load, not
 * the server's start (module loading, the OpenAPI document) or its warm-up.
 */
export function summarize(profile: CpuProfile, window: { from: number; to: number }, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= window.from && at <= window.to) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const packages = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; us: number }>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") continue;
    busyUs += us;
    const pkg = packageOf(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    const where = url ? `${pkg}:${path.basename(url)}:${lineNumber + 1}` : pkg;
    const key = `${functionName}@${where}`;
    const entry = functions.get(key) ?? { name: functionName || "(anonymous)", where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const inclusiveUs = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName === "(idle)") continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      if (!url) continue;
      const where = `${packageOf(url, functionName)}:${path.basename(url)}:${lineNumber + 1}`;
      const key = `${functionName}@${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = inclusiveUs.get(key) ?? { name: functionName || "(anonymous)", where, us: 0 };
      entry.us += us;
      inclusiveUs.set(key, entry);
    }
  }
  const share = (us: number) => Math.round((us / busyUs) * 1000) / 10;
  return {
    busyMs: Math.round(busyUs / 1000),
    byPackage: [...packages].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: share(us) })),
    topFunctions: [...functions.values()].sort((a, b) => b.us - a.us).slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, ms: Math.round(f.us / 1000), share: share(f.us) })),
    inclusive: [...inclusiveUs.values()].filter((f) => interesting.test(f.name)).sort((a, b) => b.us - a.us).slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, ms: Math.round(f.us / 1000), share: share(f.us) })),
  };
}

/** CPU time a process has used so far (user + system), in ms: /proc/<pid>/stat's utime and stime, in USER_HZ (100). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** The bench's specialist (the fullest caseload) and some of their participants. */
async function benchWorld(databaseUrl: string): Promise<{ email: string; participantIds: string[]; supportLinkPath: string | null }> {
  const database = openDatabase(databaseUrl);
  try {
    const busiest = await database.db.selectFrom("participants as p").innerJoin("users as u", "u.id", "p.specialist_id")
      .select(["u.id", "u.email", (eb) => eb.fn.countAll<number>().as("caseload")])
      .where("p.status", "=", "active").where("u.role", "=", "specialist").where("u.active", "=", 1)
      .groupBy(["u.id", "u.email"]).orderBy("caseload", "desc").orderBy("u.email").limit(1).executeTakeFirstOrThrow();
    const participants = await database.db.selectFrom("participants").select("id")
      .where("specialist_id", "=", busiest.id).where("status", "=", "active").orderBy("last_name").orderBy("id").limit(50).execute();
    const participantIds = participants.map((p) => p.id);
    return { email: busiest.email, participantIds, supportLinkPath: await supportPersonLink(database.db, busiest.id, participantIds) };
  } finally {
    await database.close();
  }
}

const { values } = parseArgs({
  options: {
    database: { type: "string" },
    pages: { type: "string", default: "caseload,overview,network" },
    seconds: { type: "string", default: "10" },
    top: { type: "string", default: "25" },
    // CPU per request without the profiler's own cost: for before-and-after figures.
    "no-profile": { type: "boolean", default: false },
    // Keep each page's .cpuprofile in this folder (for Chrome's DevTools or a closer look).
    keep: { type: "string" },
  },
});
if (!values.database) throw new Error("--database file:/path/to/seeded.db is required (a database `allies seed --scale N` made)");
ensureBuild();
const world = await benchWorld(values.database);
const pathsOf: Record<string, string[]> = {
  // The bench's framework floor: the whole stack and no domain data.
  floor: ["/glossary"],
  caseload: ["/participants"],
  home: ["/"],
  overview: world.participantIds.map((id) => `/participants/${id}`),
  network: world.participantIds.map((id) => `/participants/${id}/network`),
  support: ["/support"],
};
const seconds = Number(values.seconds);

async function partnerSession(baseUrl: string): Promise<string> {
  const session = world.supportLinkPath ? await openLink(baseUrl, world.supportLinkPath) : null;
  if (!session) throw new Error("no support person on the specialist's caseload could be given a link that opens");
  return session;
}
for (const page of values.pages!.split(",")) {
  const paths = pathsOf[page];
  if (!paths) throw new Error(`unknown page "${page}": one of ${Object.keys(pathsOf).join(", ")}`);
  const dir = mkdtempSync(path.join(tmpdir(), "allies-profile-"));
  // One server per page, so each profile holds that page alone (and its warm-up).
  const server = await startServer({ databaseUrl: values.database, env: values["no-profile"] ? {} : { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` } });
  let requests = 0;
  let measuredCpuMs = 0;
  const window = { from: 0, to: 0 };
  try {
    // The support person's page is theirs, opened by their personal link; every other page is the specialist's.
    const cookie = page === "support" ? `allies_partner=${await partnerSession(server.url)}` : `allies_session=${(await signInForCookie(server.url, world.email, BENCH_PASSWORD)).session}`;
    const scenario: Scenario = { name: page, kind: "page", method: "GET", paths, headers: { cookie }, expectStatus: 200 };
    await drive(server.url, scenario, { connections: CONNECTIONS, seconds: 2 });
    const cpuBefore = cpuMs(server.pid);
    window.from = monotonicUs();
    const figures = await drive(server.url, scenario, { connections: CONNECTIONS, seconds });
    window.to = monotonicUs();
    measuredCpuMs = cpuMs(server.pid) - cpuBefore;
    // Said, not thrown: on a loaded machine a few requests time out, and the profile of the rest still counts.
    if (figures.unexpected + figures.errors > 0) console.log(`${page}: ${figures.unexpected} unexpected answers and ${figures.errors} errors or timeouts ${JSON.stringify(figures.statuses)}`);
    requests = figures.requests;
    console.log(`\n## ${page}: ${figures.requests} requests in ${seconds} s, ${figures.rps} a second, p95 ${figures.p95} ms, ${(measuredCpuMs / figures.requests).toFixed(2)} ms CPU a request${values["no-profile"] ? "" : " (all under the profiler)"}`);
  } finally {
    await server.stop();
  }
  if (values["no-profile"]) {
    rmSync(dir, { recursive: true, force: true });
    continue;
  }
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`the server wrote no profile in ${dir}`);
  const summary = summarize(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile, window, Number(values.top));
  if (values.keep) {
    mkdirSync(values.keep, { recursive: true });
    copyFileSync(path.join(dir, file), path.join(values.keep, `${page}.cpuprofile`));
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`busy ${summary.busyMs} ms in the profile while the load ran, ${(summary.busyMs / requests).toFixed(2)} ms a request\n`);
  console.log("| package | self ms | share |\n| --- | ---: | ---: |");
  for (const p of summary.byPackage.filter((p) => p.share >= 0.5)) console.log(`| ${p.name} | ${p.ms} | ${p.share}% |`);
  console.log("\n| function | where | self ms | share |\n| --- | --- | ---: | ---: |");
  for (const f of summary.topFunctions) console.log(`| ${f.name} | ${f.where} | ${f.ms} | ${f.share}% |`);
  console.log("\n| function (with what it calls) | where | ms | share |\n| --- | --- | ---: | ---: |");
  for (const f of summary.inclusive) console.log(`| ${f.name} | ${f.where} | ${f.ms} | ${f.share}% |`);
}
