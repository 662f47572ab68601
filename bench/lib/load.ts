import autocannon from "autocannon";

/** One thing a real day does, driven over loopback. */
export interface Scenario {
  name: string;
  /**
   * page: HTML a person waits for; api: JSON for an integration; health: the bare
   * reference route; floor: the framework floor, a page with no domain data.
   */
  kind: "page" | "api" | "health" | "document" | "floor";
  method: "GET" | "POST";
  /** Rotated through, one request after another, so caches see a realistic spread. */
  paths: string[];
  headers?: Record<string, string>;
  /** For writes: the body of the i-th request. */
  body?: (i: number) => string;
  /** The status every request should get. */
  expectStatus: number;
}

export interface LoadFigures {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses other than the expected status, and connection errors or timeouts. */
  unexpected: number;
  errors: number;
  statuses: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank]! * 100) / 100;
}

/**
 * Drives one scenario with autocannon for a fixed time and connection count.
 * Latencies are kept per response (autocannon's summary has no p95).
 */
export async function drive(baseUrl: string, scenario: Scenario, options: { connections: number; seconds: number }): Promise<LoadFigures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  let next = 0;
  let finished!: (result: autocannon.Result) => void;
  let failed!: (error: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const instance = autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests: [{
      method: scenario.method,
      setupRequest: (request) => {
        const i = next++;
        const body = scenario.body?.(i);
        return {
          ...request,
          method: scenario.method,
          path: scenario.paths[i % scenario.paths.length]!,
          headers: { ...scenario.headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
          ...(body === undefined ? {} : { body }),
        };
      },
    }],
  }, (error, result) => (error ? failed(error) : finished(result)));
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (statusCode !== scenario.expectStatus) unexpected++;
  });
  const result = await done;
  latencies.sort((a, b) => a - b);
  const errors = result.errors + result.timeouts;
  return {
    requests: latencies.length,
    rps: Math.round((latencies.length / result.duration) * 10) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    unexpected: unexpected + errors,
    errors,
    statuses,
  };
}
