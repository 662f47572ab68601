import path from "node:path";
import { pathToFileURL } from "node:url";
import { existsSync } from "node:fs";
import { pino } from "pino";
import type { ServerBuild } from "react-router";
import { loadConfig } from "../../config.ts";
import { dbKindOf, isEmptyDatabase, migrateToLatest, openDatabase, sqlitePathOf } from "../../db/index.ts";
import { lockForServing } from "../../db/server-lock.ts";
import { anchorAuditChain, checkpointAuditChain } from "../../domain/audit/checkpoints.server.ts";
import { DEMO_TOTP_SECRET } from "../../db/seed/authenticator.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoData } from "../../db/seed/demo.ts";
import { createHttpApp } from "../../server/app.ts";
import { createHttpServer, DEFAULT_CONNECTION_LIMITS } from "../../server/listen.ts";
import { pseudoLocaleOn } from "../../i18n/pseudo.ts";
import { markDemoData } from "../../db/seed/pseudo-marks.ts";
import { twilioSettingsFromEnvironment } from "../../server/messaging/twilio.ts";

export async function serve(args: string[]): Promise<void> {
  const config = loadConfig();
  // Read first: settings that are half there stop the start, before the database is touched.
  const textProvider = twilioSettingsFromEnvironment(process.env);
  const dev = args.includes("--dev");
  const log = pino({ level: config.LOG_LEVEL });
  // An embedded database is marked as served before anything touches it, so
  // `allies restore` refuses to replace it under this process.
  const serving = dbKindOf(config.DATABASE_URL) === "sqlite" ? lockForServing(sqlitePathOf(config.DATABASE_URL)) : null;
  const database = openDatabase(config.DATABASE_URL, { lockWaitMs: config.ALLIES_SQLITE_LOCK_WAIT_MS });

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

  const root = process.cwd();
  let build: ServerBuild | (() => Promise<ServerBuild>);
  let before: Parameters<typeof createHttpApp>[0]["before"] = [];
  let clientDir: string | undefined;
  if (dev) {
    const { createServer } = await import("vite");
    const vite = await createServer({ server: { middlewareMode: true }, appType: "custom" });
    build = () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
    before = [vite.middlewares];
  } else {
    const entry = path.join(root, "build/server/index.js");
    if (!existsSync(entry)) throw new Error("No production build found. Run `npm run build` first (npm start does this for you).");
    build = (await import(pathToFileURL(entry).href)) as ServerBuild;
    clientDir = path.join(root, "build/client");
  }

  const secureCookies = config.ALLIES_INSECURE_COOKIES !== "1";
  const sessionLimits = { idleMinutes: config.ALLIES_SESSION_IDLE_MINUTES, maxHours: config.ALLIES_SESSION_MAX_HOURS };
  const app = createHttpApp({ database, log, build, clientDir, secureCookies, dev, before, sessionLimits, textProvider });
  const server = createHttpServer(app, { ...DEFAULT_CONNECTION_LIMITS, maxConnections: config.ALLIES_MAX_CONNECTIONS });
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    log.info({ port, database: database.kind }, "Allies is listening");
    console.log(`Allies is running at http://localhost:${port} (${database.kind})`);
  });

  const stop = (signal: string) => {
    log.info({ signal }, "shutting down");
    clearInterval(checkpoints);
    server.close(() => {
      void checkpoint("shutdown").then(() => database.close()).finally(() => {
        serving?.release();
        process.exit(0);
      });
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}
