import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { freshDatabase } from "../support/db.ts";
import { startTestServer } from "../support/server.ts";

// Slow or idle clients cannot hold the server's connections: headers must arrive in
// time, and connections beyond the cap are closed at once (finding: 20,000 slow-header
// sockets exhausted the file descriptors).
let database: DbHandle;
let server: Awaited<ReturnType<typeof startTestServer>>;
const limits = { headersTimeoutMs: 1_000, requestTimeoutMs: 3_000, maxConnections: 12, keepAliveTimeoutMs: 5_000 };

beforeAll(async () => {
  database = await freshDatabase();
  server = await startTestServer(database, limits);
});
afterAll(async () => {
  await server.close();
  await database.close();
});

/** A client that starts a request and never finishes its headers; resolves with what the server said when it closed. */
function slowClient(): { closed: Promise<{ answer: string; afterMs: number }>; socket: net.Socket } {
  const { port, hostname } = new URL(server.url);
  const socket = net.connect(Number(port), hostname);
  const started = Date.now();
  let answer = "";
  socket.on("connect", () => socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: "));
  socket.on("data", (chunk) => { answer += chunk.toString("latin1"); });
  socket.on("error", () => {});
  const closed = new Promise<{ answer: string; afterMs: number }>((resolve) => socket.on("close", () => resolve({ answer, afterMs: Date.now() - started })));
  return { closed, socket };
}

async function health(): Promise<number | "refused"> {
  try {
    return (await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2_000) })).status;
  } catch {
    return "refused";
  }
}

describe("connections", () => {
  it("closes a connection whose headers do not arrive in time, with 408", async () => {
    const { closed } = slowClient();
    const { answer, afterMs } = await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(limits.headersTimeoutMs + 2_500);
  });

  it("holds no more than the cap of connections, and serves again once the slow ones are dropped", async () => {
    const slow = Array.from({ length: limits.maxConnections + 8 }, () => slowClient());
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Past the cap, new connections are closed at once rather than piling up.
    const early = await Promise.all(slow.map((c) => Promise.race([c.closed.then(() => "closed"), new Promise((r) => setTimeout(() => r("open"), 200))])));
    expect(early.filter((s) => s === "closed").length).toBeGreaterThanOrEqual(8);
    await Promise.all(slow.map((c) => c.closed));
    expect(await health()).toBe(200);
  });
});
