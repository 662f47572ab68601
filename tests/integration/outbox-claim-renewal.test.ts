import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { claimDueMessages, renewClaim } from "../../src/domain/messages/delivery.server.ts";
import { queueMessages } from "../../src/domain/messages/outbox.server.ts";
import { smtpSender } from "../../src/server/messaging/smtp.ts";
import { workOnce, type WorkerSettings } from "../../src/server/messaging/worker.ts";
import { freshDatabase } from "../support/db.ts";
import { startSmtpServer } from "../support/smtp.ts";
import { buildWorld, type World } from "../support/world.ts";

// A worker's claim on a batch is a lease sized for the sends; a slow database can
// stretch the rest past it, and then another app server's worker claims the message
// again (decision 0042). Just before sending, the first worker renews its claim, and
// a claim that was taken over is not renewed, so the message goes out once.
let database: DbHandle;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  database = await freshDatabase();
  world = await buildWorld(database.db);
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});

function worker(now: Date): WorkerSettings {
  return {
    handle: database, senders: { email: smtpSender(smtp.url, 1_000), text: null }, publicUrl: "https://allies.example.org",
    from: "Allies <no-reply@allies.example.org>", sendTimeoutMs: 1_000, batch: 10, now: () => now,
  };
}

async function queueDigest(label: string): Promise<string> {
  await queueMessages(database.db, [{
    kind: "daily_digest", participantId: null, reader: { kind: "staff", id: world.actors.specialist1.userId }, channel: "email", discloses: [], purpose: "contact",
    content: { date: "2031-01-01", meetings: 1, commitments: 0, consents: 0 }, dedupeKey: `renewal:${label}`,
  }]);
  const row = await database.db.selectFrom("outbox_messages").select("idempotency_key").where("dedupe_key", "=", `renewal:${label}`).executeTakeFirstOrThrow();
  return `<${row.idempotency_key}>`;
}

describe("a message worker's claim", () => {
  it("is renewed before the send while it is still this worker's", async () => {
    const messageId = await queueDigest("own");
    const t0 = new Date(Date.now() + 60_000);
    const [claim] = await claimDueMessages(database.db, database.kind, { now: t0, leaseMs: 1_000, limit: 1 });
    expect(claim).toBeDefined();
    // Past its lease, but nobody took it: it is still this worker's to send.
    const renewed = await renewClaim(database.db, claim!, { now: new Date(t0.getTime() + 5_000), leaseMs: 1_000 });
    expect(renewed?.leaseUntil).toBe(new Date(t0.getTime() + 6_000).toISOString());
    const stored = await database.db.selectFrom("outbox_messages").select("lease_until").where("id", "=", claim!.id).executeTakeFirstOrThrow();
    expect(stored.lease_until).toBe(renewed!.leaseUntil);
    expect(messageId).toMatch(/@allies>$/);
  });

  it("taken over by another worker after its lease ran out, is not renewed, and the message is sent once", async () => {
    const messageId = await queueDigest("taken");
    const t0 = new Date(Date.now() + 120_000);
    const [slow] = await claimDueMessages(database.db, database.kind, { now: t0, leaseMs: 1_000, limit: 1 });
    expect(slow).toBeDefined();
    // The lease ran out while the first worker waited on the database; the other server's worker claims and sends.
    // (It sends whatever else is due by then too: the first test's message.)
    expect((await workOnce(worker(new Date(t0.getTime() + 5_000)))).sent).toBeGreaterThanOrEqual(1);
    expect(await renewClaim(database.db, slow!, { now: new Date(t0.getTime() + 6_000), leaseMs: 1_000 })).toBeNull();
    expect(smtp.received.filter((e) => e.header("Message-ID") === messageId)).toHaveLength(1);
    const row = await database.db.selectFrom("outbox_messages").select("status").where("id", "=", slow!.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("sent");
  });
});
