import http from "node:http";
import type { RequestListener } from "node:http";

/**
 * Limits on connections, so slow or idle clients cannot hold the process's file
 * descriptors (a "slow headers" attack with 20,000 sockets exhausted them). A
 * reverse proxy in front does the same at the edge (README, "Running in production");
 * these hold even without one.
 */
export interface ConnectionLimits {
  /** The whole header block must arrive within this time, or the socket is closed (408). */
  headersTimeoutMs: number;
  /** The whole request, body included (a 6 MB scan on a slow phone line), within this. */
  requestTimeoutMs: number;
  /** Connections beyond this are closed as soon as they open. */
  maxConnections: number;
  /** An idle keep-alive connection is closed after this; above a proxy's or load balancer's own (often 60 s). */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  maxConnections: 1_000,
  keepAliveTimeoutMs: 65_000,
};

export function createHttpServer(app: RequestListener, limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS): http.Server {
  const server = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // How often Node looks for connections past those timeouts (its default is 30 s).
    connectionsCheckingInterval: Math.max(250, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  }, app);
  server.maxConnections = limits.maxConnections;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  return server;
}
