import type { Db } from "../../src/db/index.ts";
import { buildUser } from "../../src/db/seed/factories.ts";
import { hashPassword } from "../../src/domain/auth/password.ts";
import { SIGN_IN_DELAYS } from "../../src/domain/auth/sign-in-delays.ts";
import { startSmtpServer } from "../../tests/support/smtp.ts";
import { startBalancer } from "./balancer.ts";
import { payPeriod } from "./dates.ts";
import { cookieFrom, startServer, type ServerProcess } from "./harness.ts";
import { Caller } from "./http.ts";
import { auditChainVerifies } from "./invariants.ts";
import { MESSAGE_ENV, queueDigests, tally, waitFor } from "./outbox.ts";
import type { Results } from "./report.ts";
import { findAcknowledged, newStats, runClient, type TrafficClient } from "./traffic.ts";
import { signInAttempt } from "./web-security.ts";
import { buildSubject, PASSWORD, ROLES, signInEveryone, type ReliabilityWorld } from "./world.ts";

const AREA = "two servers";

/**
 * Two app servers on one PostgreSQL database behind a round-robin balancer
 * (issue 16 §2, docs/decisions/0042): whatever one server knows, the other must
 * know too, because it is all in the database. Sign-in, CSRF, sign-in delays,
 * idempotency keys, optimistic concurrency, the audit chain and the outbox are
 * checked across the two, under the mixed load, with both servers' message
 * workers running and both writing audit checkpoints to the one shared file.
 */
export async function checkTwoServers(results: Results, kind: string, world: ReliabilityWorld, databaseUrl: string, options: { clients: number; seconds: number }): Promise<void> {
  const db = world.database.db;
  const smtp = await startSmtpServer();
  const env = { ...MESSAGE_ENV, SMTP_URL: smtp.url };
  const servers: ServerProcess[] = [];
  try {
    servers.push(await startServer({ databaseUrl, env }), await startServer({ databaseUrl, env }));
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const balancer = await startBalancer([a.url, b.url]);
    try {
      await sessionsAndCsrf(results, kind, world, a, b);
      await signInDelays(results, kind, db, a, b);
      const ownerA = await Caller.signedIn(a.url, "specialist at A", world.people.specialistOwn.email, PASSWORD);
      const ownerB = ownerA.at(b.url);
      const supervisorB = await Caller.signedIn(b.url, "supervisor at B", world.people.supervisorOwnTeam.email, PASSWORD);
      const subject = await buildSubject(ownerA.at(balancer.url), "Two Servers");
      await idempotencyKeys(results, kind, db, ownerA, ownerB, subject.records);
      await optimisticConcurrency(results, kind, db, ownerA, supervisorB, world.caseloads.specialistOwn[4]!);

      // The mixed load through the balancer, with messages queued while it runs.
      const messageIds = await queueDigests(world, 40, "two-servers-load");
      const stats = newStats();
      const until = Date.now() + options.seconds * 1000;
      // Signed in through the balancer; half the clients call the API with the session and its CSRF token, half with their token.
      const callers = await signInEveryone(world, balancer.url);
      const clients: TrafficClient[] = Array.from({ length: options.clients }, (_, number) => {
        const role = ROLES[number % ROLES.length]!.key;
        const caller = callers[role].at(balancer.url);
        if (number % 2) caller.token = null;
        return { number, caller, participants: world.caseloads[role], assignTo: world.assignTo[role] };
      });
      const servedBefore = [...balancer.served];
      await Promise.all(clients.map((client) => runClient(client, stats, { until, mix: "mixed", stopWhenUnanswered: false })));
      const share = balancer.served.map((n, i) => n - servedBefore[i]!);
      const statuses = Object.entries(stats.statuses).sort().map(([s, n]) => `${s}×${n}`).join(" ");
      results.record(AREA, kind, `${options.clients} clients for ${options.seconds} s through the balancer: no 5xx, every request answered`,
        stats.serverErrors.length === 0 && stats.unanswered === 0 && share.every((n) => n > 0),
        `${stats.requests} requests, ${share.join(" and ")} per server: ${statuses}${stats.unanswered ? `; ${stats.unanswered} unanswered` : ""}${stats.serverErrors.length ? `; first 5xx: ${stats.serverErrors[0]}` : ""}`);
      const { missing, lostUpdates } = await findAcknowledged(db, stats.acknowledged);
      results.record(AREA, kind, "every acknowledged write is stored, no lost update", missing.length === 0 && lostUpdates.length === 0,
        `${stats.acknowledged.length - missing.length} of ${stats.acknowledged.length} found${missing.length ? `; missing: ${missing.slice(0, 3).join(", ")}` : ""}${lostUpdates.length ? `; ${lostUpdates[0]}` : ""}`);

      await waitFor(() => tally(messageIds, smtp.received.map((e) => e.header("Message-ID"))).missing.length === 0, 60_000);
      const sent = tally(messageIds, smtp.received.map((e) => e.header("Message-ID")));
      results.record(AREA, kind, "both servers' message workers send each message once", sent.missing.length === 0 && sent.duplicates === 0,
        `${sent.arrived} of ${messageIds.length} arrived, ${sent.duplicates} duplicate(s)`);
    } finally {
      await balancer.close();
    }
    // Both servers write their shutdown checkpoint into the one file; verify reads them all.
    for (const server of servers) await server.stop();
    await oneAuditChain(results, kind, db, databaseUrl);
  } finally {
    for (const server of servers) await server.stop();
    await smtp.close();
  }
}

/** Signed in on one server, the session works on the other; a CSRF token from one is taken by the other; signing out on one ends it on both. */
async function sessionsAndCsrf(results: Results, kind: string, world: ReliabilityWorld, a: ServerProcess, b: ServerProcess): Promise<void> {
  const page = await fetch(`${a.url}/sign-in`);
  const csrf = cookieFrom(page.headers.getSetCookie(), "allies_csrf") ?? "";
  await page.arrayBuffer();
  const signIn = await fetch(`${b.url}/sign-in`, {
    method: "POST", redirect: "manual",
    body: new URLSearchParams({ _csrf: csrf, email: world.people.specialistSameTeam.email, password: PASSWORD }),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: b.url, cookie: `allies_csrf=${csrf}` },
  });
  await signIn.arrayBuffer();
  const session = cookieFrom(signIn.headers.getSetCookie(), "allies_session");
  results.record(AREA, kind, "the sign-in form from server A is taken by server B", signIn.status === 302 && session !== null, `B answered ${signIn.status}`);

  const atB = new Caller(b.url, "specialist at B");
  atB.session = session;
  atB.csrf = csrf;
  const atA = atB.at(a.url);
  const caseloadAtA = await atA.page("/participants");
  const createdAtA = await atA.api("POST", "/participants", { firstName: "Across", lastName: "Servers", workGoal: "Stocking shelves" });
  results.record(AREA, kind, "signed in on B, the session and its CSRF token work on A", caseloadAtA.status === 200 && createdAtA.status === 201,
    `the caseload page on A answered ${caseloadAtA.status}, a write with the CSRF header ${createdAtA.status}`);

  const signOut = await atA.form("/sign-out", {});
  const afterAtB = await atB.page("/participants");
  results.record(AREA, kind, "signed out on A, the session is over on B", signOut.status === 302 && afterAtB.status === 302 && /\/sign-in/.test(afterAtB.headers.get("location") ?? ""),
    `signing out on A answered ${signOut.status}; the caseload page on B then answered ${afterAtB.status} to ${afterAtB.headers.get("location")}`);
}

/** Failed sign-ins on either server count together: the next attempt waits on both. */
async function signInDelays(results: Results, kind: string, db: Db, a: ServerProcess, b: ServerProcess): Promise<void> {
  const email = "delayed-two-servers@reliability.test";
  await buildUser(db, { role: "specialist", email, name: "Del Ayed", passwordHash: await hashPassword(PASSWORD) });
  const failures = SIGN_IN_DELAYS.freePerAccount + 1;
  const statuses: number[] = [];
  for (let i = 0; i < failures; i++) statuses.push(await signInAttempt(i % 2 ? b.url : a.url, email, "wrong password", `127.0.0.${31 + i}`));
  const [atA, atB] = [await signInAttempt(a.url, email, PASSWORD, "127.0.0.41"), await signInAttempt(b.url, email, PASSWORD, "127.0.0.42")];
  results.record(AREA, kind, `${failures} failed sign-ins split over both servers delay the next on each`, statuses.every((s) => s === 401) && atA === 429 && atB === 429,
    `failures answered ${[...new Set(statuses)].join("/")}; the right password next answered ${atA} on A and ${atB} on B`);
}

async function countWhere(db: Db, table: "pay_stubs" | "concerns" | "meeting_entries", clientKey: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("client_key", "=", clientKey).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The same client key sent to both servers at the same moment stores one record, and both answers name it. */
async function idempotencyKeys(results: Results, kind: string, db: Db, atA: Caller, atB: Caller, records: { id: string; meetingId: string }, rounds = 6): Promise<void> {
  const base = `/participants/${records.id}`;
  const kinds: { what: string; table: "pay_stubs" | "concerns" | "meeting_entries"; send: (who: Caller, key: string) => Promise<{ status: number; json: any }>; idOf: (json: any) => string }[] = [
    {
      what: "pay stub", table: "pay_stubs", idOf: (json) => json?.id,
      send: (who, key) => who.api("POST", `${base}/benefits/pay-stubs`, { ...payPeriod(), hours: 10, gross: 150, employer: "Two Servers Bakery", clientKey: key }),
    },
    {
      what: "concern", table: "concerns", idOf: (json) => json?.id,
      send: (who, key) => who.api("POST", `${base}/concerns`, { type: "transport", description: "The bus runs late", clientKey: key }),
    },
    {
      what: "meeting entry", table: "meeting_entries", idOf: (json) => String(json?.entries?.length),
      send: (who, key) => who.api("POST", `${base}/meetings/${records.meetingId}/entries`, { kind: "note", text: "Said on both servers", speaker: "participant", clientKey: key }),
    },
  ];
  for (const k of kinds) {
    const problems: string[] = [];
    for (let round = 1; round <= rounds; round++) {
      const key = `two-servers-${k.table}-${round}`;
      const answers = await Promise.all([k.send(atA, key), k.send(atB, key)]);
      const stored = await countWhere(db, k.table, key);
      const statuses = answers.map((x) => x.status);
      if (!statuses.every((s) => s === 200 || s === 201)) problems.push(`round ${round}: answered ${statuses.join("/")}`);
      else if (stored !== 1) problems.push(`round ${round}: ${stored} rows stored`);
      else if (k.idOf(answers[0]!.json) !== k.idOf(answers[1]!.json)) problems.push(`round ${round}: the two answers name different records`);
    }
    results.record(AREA, kind, `the same ${k.what} client key on both servers at once, ${rounds} rounds: one record`, problems.length === 0,
      problems.slice(0, 3).join("; ") || "both answered 2xx with the one stored record every round");
  }
}

/** The same participant saved from the same version on A and on B at once: one 200, one 409, the winner stored. */
async function optimisticConcurrency(results: Results, kind: string, db: Db, atA: Caller, atB: Caller, participantId: string, rounds = 8): Promise<void> {
  const problems: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const current = await atA.api("GET", `/participants/${participantId}`);
    if (current.status !== 200) throw new Error(`reading the record answered ${current.status}`);
    const writers = [atA, atB];
    const answers = await Promise.all(writers.map((who, i) => who.api("PUT", `/participants/${participantId}`, {
      firstName: current.json.firstName, lastName: current.json.lastName, workGoal: `two servers, round ${round}, server ${"AB"[i]}`, version: current.json.version,
    })));
    const winner = answers.findIndex((x) => x.status === 200);
    const stored = await db.selectFrom("participants").select(["work_goal", "version"]).where("id", "=", participantId).executeTakeFirstOrThrow();
    const statuses = answers.map((x) => x.status).sort().join(",");
    if (statuses !== "200,409") problems.push(`round ${round}: answered ${statuses}`);
    else if (stored.work_goal !== `two servers, round ${round}, server ${"AB"[winner]}` || Number(stored.version) !== current.json.version + 1) {
      problems.push(`round ${round}: stored "${stored.work_goal}" v${stored.version}, the 200 went to server ${"AB"[winner]}`);
    }
  }
  results.record(AREA, kind, `the same participant saved on both servers at once, ${rounds} rounds`, problems.length === 0,
    problems.slice(0, 3).join("; ") || "one 200 and one 409 every round; the winner's text stored at the next version");
}

/** One chain: every sequence number once, no two rows chained from the same row, and `allies audit verify` passes with both servers' checkpoints. */
async function oneAuditChain(results: Results, kind: string, db: Db, databaseUrl: string): Promise<void> {
  const shape = await db.selectFrom("audit_log").select((eb) => [
    eb.fn.countAll<number>().as("rows"), eb.fn.count<number>("seq").distinct().as("seqs"), eb.fn.min("seq").as("first"), eb.fn.max("seq").as("last"),
  ]).executeTakeFirstOrThrow();
  const forks = await db.selectFrom("audit_log").select(["prev_hash", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("prev_hash")
    .having((eb) => eb.fn.countAll(), ">", 1).execute();
  const rows = Number(shape.rows);
  const contiguous = Number(shape.seqs) === rows && Number(shape.last) - Number(shape.first) + 1 === rows;
  results.record(AREA, kind, "the audit log is one chain: no gaps, no forks", contiguous && forks.length === 0,
    `${rows} rows, sequence ${shape.first} to ${shape.last}; ${forks.length} row(s) with two successors`);
  const chain = await auditChainVerifies(db, databaseUrl);
  results.record(AREA, kind, "the audit chain verifies with both servers' checkpoints", chain.ok, chain.detail);
}
