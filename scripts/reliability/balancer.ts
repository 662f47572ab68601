import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { freePort } from "./harness.ts";

export interface Balancer {
  url: string;
  /** Requests handed to each app server so far, in the order the servers were given. */
  served: number[];
  close(): Promise<void>;
}

/**
 * A round-robin load balancer of the suite's own, in front of several app servers:
 * each request goes to the next server in turn, with no stickiness, so a person's
 * page, form post and API call land on different servers. Like a real reverse
 * proxy it keeps the Host header (the servers check Origin against it) and appends
 * the address it saw to X-Forwarded-For. An app server that does not answer gets
 * the request's 502, so the load counts it as a server error.
 */
export async function startBalancer(targets: string[]): Promise<Balancer> {
  const port = await freePort();
  const served = targets.map(() => 0);
  let next = 0;
  const forwardedFor = (req: IncomingMessage) => {
    const seen = req.socket.remoteAddress ?? "";
    const earlier = req.headers["x-forwarded-for"];
    return earlier ? `${earlier}, ${seen}` : seen;
  };
  const server: Server = createServer((req, res) => {
    const index = next;
    next = (next + 1) % targets.length;
    served[index]! += 1;
    const target = new URL(req.url ?? "/", targets[index]);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, "x-forwarded-for": forwardedFor(req) } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("The app server did not answer.");
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
