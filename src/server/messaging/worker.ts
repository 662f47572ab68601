import type { DbHandle } from "../../db/index.ts";
import { claimDueMessages, DEVELOPMENT_MAILBOX, prepareDelivery, recordDelivery, renewClaim, type ClaimedMessage, type Delivery, type Outcome } from "../../domain/messages/delivery.server.ts";
import { SendFailure, type EmailSender, type TextSender } from "./channels.ts";

/**
 * The message worker (decision 0025): claims due outbox rows, asks consent again,
 * sends, records each attempt. It runs inside `allies serve` (on SQLite in the one
 * serving process; on PostgreSQL in every app server at once) and as
 * `allies messages work --once`.
 */

export interface Senders {
  /** null: no SMTP server configured; emails go to the development mailbox. */
  email: EmailSender | null;
  /** null: no text provider configured; texts go to the development mailbox. */
  text: TextSender | null;
}

export interface WorkerSettings {
  handle: DbHandle;
  senders: Senders;
  /** Where links in messages point (ALLIES_PUBLIC_URL). */
  publicUrl: string;
  /** The From of every email (SMTP_FROM). */
  from: string;
  /** A send that takes longer than this is abandoned and tried again later. */
  sendTimeoutMs: number;
  /** How many messages one claim takes. */
  batch?: number;
  now?: () => Date;
}

export interface WorkReport {
  claimed: number;
  sent: number;
  withheld: number;
  failed: number;
}

/** The claim outlasts every send of its batch at its longest, with one more as a margin, so no other worker takes a row still being sent. */
export function leaseFor(sendTimeoutMs: number, batch: number): number {
  return sendTimeoutMs * (batch + 1);
}

async function attempt(settings: WorkerSettings, message: ClaimedMessage, delivery: Delivery): Promise<Outcome> {
  if (delivery.action === "withhold") return { result: "withheld", reason: delivery.reason };
  if (delivery.action === "fail") return { result: "failed", permanent: true, error: delivery.reason };
  if (delivery.action === "hold") return { result: "held", until: delivery.until };
  const { rendered } = delivery;
  const signal = AbortSignal.timeout(settings.sendTimeoutMs);
  try {
    if (message.channel === "email") {
      if (!settings.senders.email) return { result: "sent", provider: DEVELOPMENT_MAILBOX, providerId: message.idempotencyKey, rendered };
      const accepted = await withTimeout(settings.senders.email.send({
        messageId: message.idempotencyKey, to: rendered.to, from: settings.from, replyTo: delivery.replyTo ?? undefined, subject: rendered.subject,
        text: rendered.text, html: rendered.html, unsubscribeUrl: delivery.unsubscribeUrl ?? undefined, language: rendered.language,
      }, signal), signal);
      return { result: "sent", provider: settings.senders.email.name, providerId: accepted.providerId, rendered };
    }
    if (!settings.senders.text) return { result: "sent", provider: DEVELOPMENT_MAILBOX, providerId: message.idempotencyKey, rendered };
    const accepted = await withTimeout(settings.senders.text.send({ to: rendered.to, body: rendered.text, idempotencyKey: message.idempotencyKey }, signal), signal);
    return { result: "sent", provider: settings.senders.text.name, providerId: accepted.providerId, rendered };
  } catch (error) {
    const permanent = error instanceof SendFailure && error.permanent;
    return { result: "failed", permanent, error: error instanceof Error ? error.message : String(error), rendered };
  }
}

/** A sender that ignores its signal still cannot hold the worker past the timeout. */
function withTimeout<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new SendFailure("the provider did not answer in time", false));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** One pass: claims what is due and sends it, one message after another. */
export async function workOnce(settings: WorkerSettings): Promise<WorkReport> {
  const now = settings.now ?? (() => new Date());
  const batch = settings.batch ?? 10;
  const leaseMs = leaseFor(settings.sendTimeoutMs, batch);
  const claimed = await claimDueMessages(settings.handle.db, settings.handle.kind, { now: now(), leaseMs, limit: batch });
  const report: WorkReport = { claimed: claimed.length, sent: 0, withheld: 0, failed: 0 };
  for (const claim of claimed) {
    const delivery = await prepareDelivery(settings.handle.db, claim, settings.publicUrl, now());
    // The claim is renewed just before the send; lost to another worker meanwhile, the message is theirs.
    const message = await renewClaim(settings.handle.db, claim, { now: now(), leaseMs });
    if (!message) continue;
    const outcome = await attempt(settings, message, delivery);
    await recordDelivery(settings.handle.db, message, outcome, now());
    if (outcome.result === "sent") report.sent += 1;
    else if (outcome.result === "withheld") report.withheld += 1;
    else report.failed += 1;
  }
  return report;
}

/** Works until nothing is due. */
export async function workUntilIdle(settings: WorkerSettings): Promise<WorkReport> {
  const total: WorkReport = { claimed: 0, sent: 0, withheld: 0, failed: 0 };
  for (;;) {
    const pass = await workOnce(settings);
    total.claimed += pass.claimed; total.sent += pass.sent; total.withheld += pass.withheld; total.failed += pass.failed;
    if (pass.claimed === 0) return total;
  }
}

/**
 * The worker inside a server: a pass every `intervalMs`, never two at once in this
 * process. `stop` waits for the pass under way, so a clean shutdown records what
 * it sent.
 */
export function startWorker(settings: WorkerSettings & { intervalMs: number; onError: (error: unknown) => void }): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = workUntilIdle(settings).catch(settings.onError).finally(() => { running = null; });
  };
  const timer = setInterval(tick, settings.intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
