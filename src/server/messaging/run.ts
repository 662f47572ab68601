import { hostname } from "node:os";
import type { Config } from "../../config.ts";
import type { DbHandle } from "../../db/index.ts";
import { runScheduler } from "../../domain/messages/scheduler.server.ts";
import { smtpSender } from "./smtp.ts";
import type { TextSender } from "./channels.ts";
import { startWorker, type WorkerSettings } from "./worker.ts";

/**
 * The worker's settings from the configuration. The text sender is handed in by
 * whoever configures a text provider; null sends texts to the development mailbox.
 */
export function workerSettings(config: Config, handle: DbHandle, text: TextSender | null = null): WorkerSettings {
  return {
    handle,
    senders: { email: config.SMTP_URL ? smtpSender(config.SMTP_URL, config.ALLIES_MESSAGE_SEND_TIMEOUT_MS) : null, text },
    publicUrl: config.ALLIES_PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    from: config.SMTP_FROM,
    sendTimeoutMs: config.ALLIES_MESSAGE_SEND_TIMEOUT_MS,
  };
}

/**
 * Messages inside a server process: the worker and the scheduler, each on a timer.
 * Every app server runs both; the scheduler's lease lets one of them queue reminders
 * at a time, and the worker's claims let them share the queue (decision 0025).
 */
export function startMessaging(config: Config, handle: DbHandle, text: TextSender | null, onError: (error: unknown) => void): { stop(): Promise<void> } {
  const intervalMs = config.ALLIES_MESSAGE_INTERVAL_SECONDS * 1000;
  if (intervalMs === 0) return { stop: async () => {} };
  const holder = `${hostname()}:${process.pid}`;
  let scheduling: Promise<unknown> | null = null;
  const schedule = () => {
    if (scheduling) return;
    scheduling = runScheduler(handle.db, holder, new Date()).catch(onError).finally(() => { scheduling = null; });
  };
  const timer = setInterval(schedule, Math.max(intervalMs, 60_000));
  timer.unref();
  schedule();
  const worker = startWorker({ ...workerSettings(config, handle, text), intervalMs, onError });
  return {
    async stop() {
      clearInterval(timer);
      await scheduling;
      await worker.stop();
    },
  };
}
