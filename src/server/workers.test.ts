import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { MAX_WORKERS, mayRestart, workerCountFrom } from "./workers.ts";

describe("how many HTTP workers `allies serve` runs", () => {
  it("runs one per core when nothing says otherwise", () => {
    expect(workerCountFrom([], undefined, 2)).toBe(2);
    expect(workerCountFrom([], undefined, 16)).toBe(16);
  });

  it("takes WEB_CONCURRENCY over the cores, and --workers over both", () => {
    expect(workerCountFrom([], 3, 8)).toBe(3);
    expect(workerCountFrom(["--workers", "1"], 3, 8)).toBe(1);
    expect(workerCountFrom(["--workers=4"], 3, 8)).toBe(4);
  });

  it("refuses a count that is not a whole number from 1 to the maximum", () => {
    expect(() => workerCountFrom(["--workers", "0"], undefined, 2)).toThrow(/whole number/);
    expect(() => workerCountFrom(["--workers", "two"], undefined, 2)).toThrow(/whole number/);
    expect(() => workerCountFrom(["--workers=1.5"], undefined, 2)).toThrow(/whole number/);
    expect(() => workerCountFrom(["--workers", String(MAX_WORKERS + 1)], undefined, 2)).toThrow(/whole number/);
    expect(() => workerCountFrom(["--workers"], undefined, 2)).toThrow(/needs a number/);
  });

  it("keeps development to one process, and says so when asked for more", () => {
    expect(workerCountFrom(["--dev"], 4, 8)).toBe(1);
    expect(workerCountFrom(["--dev", "--workers", "1"], undefined, 8)).toBe(1);
    expect(() => workerCountFrom(["--dev", "--workers", "2"], undefined, 8)).toThrow(/--dev runs one process/);
  });

  it("reads WEB_CONCURRENCY from the environment as a positive whole number", () => {
    expect(loadConfig({ WEB_CONCURRENCY: "2" }).WEB_CONCURRENCY).toBe(2);
    expect(loadConfig({}).WEB_CONCURRENCY).toBeUndefined();
    expect(() => loadConfig({ WEB_CONCURRENCY: "0" })).toThrow(/WEB_CONCURRENCY/);
    expect(() => loadConfig({ WEB_CONCURRENCY: "many" })).toThrow(/WEB_CONCURRENCY/);
  });
});

describe("restarting workers that die", () => {
  const limit = { restarts: 3, withinMs: 60_000 };

  it("replaces a worker now and then", () => {
    expect(mayRestart([], 1_000_000, limit)).toBe(true);
    expect(mayRestart([0, 100_000, 200_000, 300_000], 1_000_000, limit)).toBe(true);
  });

  it("gives up when they die faster than the limit allows", () => {
    const now = 1_000_000;
    expect(mayRestart([now - 3_000, now - 2_000], now, limit)).toBe(true);
    expect(mayRestart([now - 3_000, now - 2_000, now - 1_000], now, limit)).toBe(false);
    // Restarts older than the window no longer count.
    expect(mayRestart([now - 70_000, now - 2_000, now - 1_000], now, limit)).toBe(true);
  });
});
