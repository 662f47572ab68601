import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { existsSync } from "node:fs";
import { pino, type Logger } from "pino";
import type { ServerBuild } from "react-router";
import { loadConfig, type Config } from "../../config.ts";
import { dbKindOf, isEmptyDatabase, migrateToLatest, openDatabase, sqlitePathOf, type DbHandle } from "../../db/index.ts";
import { lockForServing } from "../../db/server-lock.ts";
import { anchorAuditChain, checkpointAuditChain } from "../../domain/audit/checkpoints.server.ts";
import { DEMO_TOTP_SECRET } from "../../db/seed/authenticator.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoData } from "../../db/seed/demo.ts";
import { createHttpApp } from "../../server/app.ts";
import { createHttpServer, DEFAULT_CONNECTION_LIMITS } from "../../server/listen.ts";
import { pseudoLocaleOn } from "../../i18n/pseudo.ts";
import { markDemoData } from "../../db/seed/pseudo-marks.ts";
import { TwilioTextSender, twilioSettingsFromEnvironment, type TwilioSettings } from "../../server/messaging/twilio.ts";
import { startMessaging } from "../../server/messaging/run.ts";
import { startWorkerPool, workerCountFrom } from "../../server/workers.ts";

/**
 * `allies serve`: one process per core by default (decision 0040). The primary
 * prepares the database and runs the background work; its workers serve HTTP on
 * one shared port. With one worker everything runs in this one process.
 */
export async function serve(args: string[]): Promise<void> {
  const config = loadConfig();
  // Read first: settings that are half there stop the start, before the database is touched.
  const textProvider = twilioSettingsFromEnvironment(process.env);
  if (cluster.isWorker) return serveHttpWorker(config, textProvider);
  const workers = workerCountFrom(args, config.WEB_CONCURRENCY, availableParallelism());
  const dev = args.includes("--dev");
  const log = pino({ level: config.LOG_LEVEL });
  // An embedded database is marked as served before anything touches it, so
  // `allies restore` refuses to replace it under this process.
  const serving = dbKindOf(config.DATABASE_URL) === "sqlite" ? lockForServing(sqlitePathOf(config.DATABASE_URL)) : null;
  const database = openDatabase(config.DATABASE_URL, { lockWaitMs: config.ALLIES_SQLITE_LOCK_WAIT_MS, poolMax: config.DATABASE_POOL_MAX });

  const applied = await migrateToLatest(database.db);
  if (applied.length) log.info({ migrations: applied }, "database migrated");

  // Demo data only ever goes into a brand-new embedded database.
  if (database.kind === "sqlite" && config.ALLIES_DEMO_DATA === "1" && (await isEmptyDatabase(database.db))) {
    const stories = await loadDemoData(database.db);
    if (pseudoLocaleOn(process.env)) await markDemoData(database.db);
    console.log(`\nLoaded demo data. Sign in with password "${DEMO_PASSWORD}" as:`);
    for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(26)} ${login.role} — ${login.note}`);
    console.log(`The admin signs in with two-factor: add the secret ${DEMO_TOTP_SECRET} to an authenticator app (demo data only).`);
    // The token exists only now (the database keeps its hash), so the banner is the one place to find it.
    if (stories.supportLinkPath) console.log(`A support person's own page (Gloria Reyes), on a phone: http://localhost:${config.PORT}${stories.supportLinkPath}`);
    if (stories.participantLinkPath) console.log(`The participant's own page, on a phone: http://localhost:${config.PORT}${stories.participantLinkPath}`);
    console.log("");
  }

  const announce = (port: number) => {
    log.info({ port, database: database.kind, workers }, "Allies is listening");
    console.log(`Allies is running at http://localhost:${port} (${database.kind}${workers > 1 ? `, ${workers} workers` : ""})`);
  };
  let stopHttp: () => Promise<void>;
  if (workers === 1) {
    // Today's single process: no cluster, the pages served beside the background work.
    const build = await loadBuild(dev);
    const background = await startBackgroundWork(config, database, log, textProvider);
    const http = listenHttp(config, database, log, build, textProvider, announce);
    stopHttp = async () => {
      await http.close();
      await background.stop();
    };
  } else {
    // Fail here, once, rather than in every worker until the restart limit gives up.
    buildEntry();
    const background = await startBackgroundWork(config, database, log, textProvider);
    const pool = startWorkerPool({
      count: workers, exec: path.join(import.meta.dirname, "../main.ts"), args: ["serve"], log,
      giveUp: () => void stop("workers keep dying", 1),
    });
    void pool.listening.then(announce);
    stopHttp = async () => {
      await pool.stop(WORKER_GRACE_MS);
      await background.stop();
    };
  }

  let stopping = false;
  const stop = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, "shutting down");
    setTimeout(() => process.exit(code), WORKER_GRACE_MS + 1000).unref();
    try {
      await stopHttp();
      await database.close();
    } finally {
      serving?.release();
      process.exit(code);
    }
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

/** How long a worker may take to finish the requests it has before it is killed. */
const WORKER_GRACE_MS = 4000;

/**
 * The work on timers that must run once per server, never once per HTTP worker:
 * the audit chain's signed checkpoints and the message worker with its scheduler.
 * Runs in the primary (or the one process). Several servers on one database share
 * it by the leases in the work itself (decision 0025).
 */
export async function startBackgroundWork(config: Config, database: DbHandle, log: Logger, textProvider: TwilioSettings | null): Promise<{ stop(): Promise<void> }> {
  // The chain's end, signed outside the database now and then, so rows removed
  // from the end or a re-hashed chain contradict a checkpoint (decision 0017).
  const anchor = await anchorAuditChain(database.db);
  if (anchor === "unanchored") {
    log.error({ checkpoints: database.audit.checkpointsFile }, "no signed checkpoint vouches for the audit log (the checkpoint file is missing or was emptied); `allies audit verify` will say so");
  }
  log.info({ key: database.audit.keySource, checkpoints: database.audit.checkpointsFile }, "audit log keyed");
  let lastCheckpointSeq = -1;
  const checkpoint = async (kind: "periodic" | "shutdown") => {
    try {
      const head = await database.db.selectFrom("audit_head").select("seq").executeTakeFirstOrThrow();
      if (Number(head.seq) === lastCheckpointSeq) return;
      const written = await checkpointAuditChain(database.db, kind);
      if (written) lastCheckpointSeq = written.seq;
    } catch (error) {
      log.error({ err: error }, "audit checkpoint not written");
    }
  };
  await checkpoint("periodic");
  const checkpoints = setInterval(() => void checkpoint("periodic"), config.ALLIES_AUDIT_CHECKPOINT_MINUTES * 60_000);
  checkpoints.unref();

  // Messages (decision 0025): on SQLite this is the one process of the server that sends.
  const messaging = startMessaging(config, database, textProvider ? new TwilioTextSender(textProvider) : null, (error) => log.error({ err: error }, "message worker or scheduler failed; it tries again on its next turn"));
  log.info({ email: config.SMTP_URL ? "smtp" : "development mailbox" }, "messages");
  return {
    async stop() {
      clearInterval(checkpoints);
      await messaging.stop();
      await checkpoint("shutdown");
    },
  };
}

/** A cluster worker: its own database connection, the pages on the shared port, nothing on a timer. */
async function serveHttpWorker(config: Config, textProvider: TwilioSettings | null): Promise<void> {
  // Every log line names its worker (pino adds the pid).
  const log = pino({ level: config.LOG_LEVEL }).child({ worker: cluster.worker!.id });
  const serving = dbKindOf(config.DATABASE_URL) === "sqlite" ? lockForServing(sqlitePathOf(config.DATABASE_URL)) : null;
  const database = openDatabase(config.DATABASE_URL, { lockWaitMs: config.ALLIES_SQLITE_LOCK_WAIT_MS, poolMax: config.DATABASE_POOL_MAX });
  const http = listenHttp(config, database, log, await loadBuild(false), textProvider, () => {});
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), WORKER_GRACE_MS).unref();
    void http.close().then(() => database.close()).finally(() => {
      serving?.release();
      process.exit(0);
    });
  };
  // From the primary's shutdown, or a terminal's Ctrl-C reaching the whole process group.
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

interface LoadedBuild {
  build: ServerBuild | (() => Promise<ServerBuild>);
  before: NonNullable<Parameters<typeof createHttpApp>[0]["before"]>;
  clientDir: string | undefined;
  dev: boolean;
}

function buildEntry(): string {
  const entry = path.join(process.cwd(), "build/server/index.js");
  if (!existsSync(entry)) throw new Error("No production build found. Run `npm run build` first (npm start does this for you).");
  return entry;
}

async function loadBuild(dev: boolean): Promise<LoadedBuild> {
  if (dev) {
    const { createServer } = await import("vite");
    const vite = await createServer({ server: { middlewareMode: true }, appType: "custom" });
    return { build: () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>, before: [vite.middlewares], clientDir: undefined, dev };
  }
  const build = (await import(pathToFileURL(buildEntry()).href)) as ServerBuild;
  return { build, before: [], clientDir: path.join(process.cwd(), "build/client"), dev };
}

/** The pages and API on PORT; in a cluster worker the port is the one the primary shares. */
function listenHttp(config: Config, database: DbHandle, log: Logger, loaded: LoadedBuild, textProvider: TwilioSettings | null, listening: (port: number) => void): { close(): Promise<void> } {
  const secureCookies = config.ALLIES_INSECURE_COOKIES !== "1";
  const sessionLimits = { idleMinutes: config.ALLIES_SESSION_IDLE_MINUTES, maxHours: config.ALLIES_SESSION_MAX_HOURS };
  const app = createHttpApp({ database, log, build: loaded.build, clientDir: loaded.clientDir, secureCookies, dev: loaded.dev, before: loaded.before, sessionLimits, textProvider, trustedProxies: config.ALLIES_TRUSTED_PROXIES });
  const server = createHttpServer(app, { ...DEFAULT_CONNECTION_LIMITS, maxConnections: config.ALLIES_MAX_CONNECTIONS });
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    listening(typeof address === "object" && address ? address.port : config.PORT);
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
