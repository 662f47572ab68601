import { hostname } from "node:os";
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/index.ts";
import { runScheduler } from "../../domain/messages/scheduler.server.ts";
import { workerSettings } from "../../server/messaging/run.ts";
import { workUntilIdle } from "../../server/messaging/worker.ts";

/**
 * `allies messages work --once`: sends everything due now and stops (tests, a cron
 * job, an operator after an outage). `allies messages schedule --once`: queues the
 * reminders due now. On SQLite, not while `allies serve` runs the worker itself.
 */
export async function messages(args: string[]): Promise<number> {
  const [what, ...flags] = args;
  if ((what !== "work" && what !== "schedule") || !flags.includes("--once")) {
    console.error("Usage: allies messages work --once | allies messages schedule --once");
    return 2;
  }
  const config = loadConfig();
  const database = openDatabase(config.DATABASE_URL, { lockWaitMs: config.ALLIES_SQLITE_LOCK_WAIT_MS });
  try {
    if (what === "schedule") {
      const run = await runScheduler(database.db, `${hostname()}:${process.pid}`, new Date());
      console.log(run.ran ? `Queued ${run.queued} reminder(s).` : "Another server is running the scheduler now; nothing done.");
      return 0;
    }
    const report = await workUntilIdle(workerSettings(config, database));
    console.log(`Sent ${report.sent}, withheld ${report.withheld}, failed or waiting to retry ${report.failed}.`);
    return 0;
  } finally {
    await database.close();
  }
}
