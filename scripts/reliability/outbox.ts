import type { DbKind } from "../../src/db/index.ts";
import { queueMessages } from "../../src/domain/messages/outbox.server.ts";
import type { NewMessage } from "../../src/domain/messages/model.ts";
import { startSmtpServer } from "../../tests/support/smtp.ts";
import { sleep, startServer } from "./harness.ts";
import type { Results } from "./report.ts";
import type { ReliabilityWorld } from "./world.ts";

/**
 * The outbox under failure (issue 12, decision 0025), against real server processes
 * and a real SMTP server in this process: kill -9 while the worker sends, a mail
 * server that refuses for a while, and on PostgreSQL two servers sharing the queue.
 * Each message is counted by its distinct Message-ID; duplicates are reported.
 */
export const MESSAGE_ENV = { ALLIES_MESSAGE_INTERVAL_SECONDS: "1", ALLIES_MESSAGE_SEND_TIMEOUT_MS: "1000", ALLIES_PUBLIC_URL: "http://allies.reliability.test" };

export async function queueDigests(world: ReliabilityWorld, count: number, label: string): Promise<string[]> {
  const ids = Object.values(world.people).map((p) => p.id);
  const messages: NewMessage[] = Array.from({ length: count }, (_, i) => ({
    kind: "daily_digest", participantId: null, reader: { kind: "staff", id: ids[i % ids.length]! }, channel: "email", discloses: [], purpose: "contact",
    content: { date: "2031-01-01", meetings: i, commitments: 0, consents: 0 }, dedupeKey: `reliability:${label}:${i}`,
  }));
  await queueMessages(world.database.db, messages);
  const rows = await world.database.db.selectFrom("outbox_messages").select("idempotency_key").where("dedupe_key", "like", `reliability:${label}:%`).execute();
  return rows.map((r) => `<${r.idempotency_key}>`);
}

export async function waitFor(condition: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await condition()) return true;
    await sleep(250);
  }
  return condition();
}

export function tally(expected: string[], received: (string | null)[]) {
  const wanted = new Set(expected);
  const seen = received.filter((id): id is string => id !== null && wanted.has(id));
  const distinct = new Set(seen);
  return { arrived: distinct.size, duplicates: seen.length - distinct.size, missing: expected.filter((id) => !distinct.has(id)) };
}

export async function checkOutbox(results: Results, kind: DbKind, world: ReliabilityWorld, databaseUrl: string): Promise<void> {
  const area = "outbox";
  const smtp = await startSmtpServer();
  const env = { ...MESSAGE_ENV, SMTP_URL: smtp.url };
  const ids = () => smtp.received.map((e) => e.header("Message-ID"));
  try {
    // kill -9 while the worker sends through a slow mail server.
    smtp.slowBy(100);
    const crashIds = await queueDigests(world, 60, "crash");
    const doomed = await startServer({ databaseUrl, env });
    await waitFor(() => tally(crashIds, ids()).arrived >= 10, 30_000);
    await doomed.kill9();
    const atKill = tally(crashIds, ids()).arrived;
    const restarted = await startServer({ databaseUrl, env });
    try {
      await waitFor(() => tally(crashIds, ids()).missing.length === 0, 60_000);
      const after = tally(crashIds, ids());
      results.record(area, kind, "kill -9 while sending: every due message arrives after the restart", after.missing.length === 0 && atKill < crashIds.length,
        `${atKill} of ${crashIds.length} arrived before the kill, ${after.arrived} after the restart; ${after.duplicates} duplicate(s) (same Message-ID: handed over, then the crash came before it was recorded)`);

      // The mail server answers 451 for a while: messages wait and none is lost.
      smtp.slowBy(0);
      let refusing = true;
      smtp.answerWith(() => (refusing ? { code: 451, text: "Try again later" } : null));
      const outageIds = await queueDigests(world, 10, "outage");
      await sleep(5_000);
      const duringOutage = tally(outageIds, ids()).arrived;
      refusing = false;
      // The first retry waits 30 s (doubling after): all arrive within the next one.
      await waitFor(() => tally(outageIds, ids()).missing.length === 0, 75_000);
      const afterOutage = tally(outageIds, ids());
      const attempts = await world.database.db.selectFrom("outbox_attempts as a").innerJoin("outbox_messages as m", "m.id", "a.message_id")
        .select((eb) => eb.fn.countAll<number>().as("n")).where("m.dedupe_key", "like", "reliability:outage:%").where("a.result", "=", "failed").executeTakeFirstOrThrow();
      results.record(area, kind, "mail server refusing (451) delays messages and loses none", duringOutage === 0 && afterOutage.missing.length === 0,
        `${duringOutage} arrived during the outage, ${afterOutage.arrived} of ${outageIds.length} after it; ${Number(attempts.n)} failed attempts recorded; ${afterOutage.duplicates} duplicate(s)`);
    } finally {
      await restarted.stop();
    }

    // PostgreSQL: two app servers share the queue and never send the same message.
    if (kind === "postgres") {
      smtp.slowBy(20);
      const sharedIds = await queueDigests(world, 80, "two-servers");
      const [a, b] = [await startServer({ databaseUrl, env }), await startServer({ databaseUrl, env })];
      try {
        await waitFor(() => tally(sharedIds, ids()).missing.length === 0, 60_000);
        const shared = tally(sharedIds, ids());
        results.record(area, kind, "two servers' workers never send the same message", shared.missing.length === 0 && shared.duplicates === 0,
          `${shared.arrived} of ${sharedIds.length} arrived, ${shared.duplicates} duplicate(s)`);
      } finally {
        await a.stop();
        await b.stop();
      }
    }
  } finally {
    await smtp.close();
  }
}
