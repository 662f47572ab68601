import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the text provider's HTTP API (Twilio's Messages resource),
 * for tests: it records every request it receives, answers as Twilio does, and can
 * be told to fail (500), refuse (400 with Twilio's error code), throttle (429) or
 * never answer. Like Twilio it delivers a message once per idempotency token: a
 * repeat gets the first answer again and is counted, not delivered.
 */

export interface ReceivedText {
  path: string;
  authorization: string | undefined;
  idempotencyToken: string | undefined;
  to: string;
  from: string;
  body: string;
}

export type ProviderMode = { kind: "accept" } | { kind: "fail"; status: number; code?: number } | { kind: "hang" };

export interface FakeTextProvider {
  url: string;
  /** Every request, in order, repeats included. */
  readonly requests: ReceivedText[];
  /** Messages delivered: one per idempotency token. */
  readonly delivered: ReceivedText[];
  /** Requests whose token had been delivered already. */
  readonly repeats: ReceivedText[];
  answer(mode: ProviderMode): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeTextProvider(): Promise<FakeTextProvider> {
  const requests: ReceivedText[] = [];
  const delivered: ReceivedText[] = [];
  const repeats: ReceivedText[] = [];
  const sids = new Map<string, string>();
  const hanging = new Set<ServerResponse>();
  let mode: ProviderMode = { kind: "accept" };

  const server = createServer(async (request, response) => {
    const form = new URLSearchParams(await readBody(request));
    const token = request.headers["i-twilio-idempotency-token"];
    const received: ReceivedText = {
      path: request.url ?? "",
      authorization: request.headers.authorization,
      idempotencyToken: typeof token === "string" ? token : undefined,
      to: form.get("To") ?? "",
      from: form.get("From") ?? "",
      body: form.get("Body") ?? "",
    };
    requests.push(received);
    if (mode.kind === "hang") {
      hanging.add(response);
      response.on("close", () => hanging.delete(response));
      return;
    }
    response.setHeader("content-type", "application/json");
    if (mode.kind === "fail") {
      response.statusCode = mode.status;
      response.end(JSON.stringify({ code: mode.code ?? 20500, message: "fake provider failure", status: mode.status }));
      return;
    }
    const known = received.idempotencyToken ? sids.get(received.idempotencyToken) : undefined;
    const sid = known ?? `SM${(delivered.length + 1).toString(16).padStart(32, "0")}`;
    if (known) repeats.push(received);
    else {
      delivered.push(received);
      if (received.idempotencyToken) sids.set(received.idempotencyToken, sid);
    }
    response.statusCode = 201;
    response.end(JSON.stringify({ sid, status: "queued", to: received.to, from: received.from, body: received.body }));
  });
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    delivered,
    repeats,
    answer(next) {
      mode = next;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
