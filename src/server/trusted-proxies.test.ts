import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { parseTrustedProxies } from "./trusted-proxies.ts";

describe("the proxies whose forwarded address is believed", () => {
  it("takes addresses, ranges and Express's named ranges", () => {
    expect(parseTrustedProxies("loopback, 10.0.0.0/8,192.168.1.5, fd00::/8")).toEqual({ ok: true, proxies: ["loopback", "10.0.0.0/8", "192.168.1.5", "fd00::/8"] });
  });

  it("refuses a list that would trust by mistake", () => {
    for (const wrong of ["", " , ", "10.0.0.0/33", "proxy.example.org", "10.0.0.1/8/1", "*", "true", "::1/129"]) {
      expect(parseTrustedProxies(wrong).ok, wrong).toBe(false);
    }
  });
});

describe("the settings", () => {
  it("stop the start on a proxy list or pool size they cannot read, saying which", () => {
    expect(() => loadConfig({ ALLIES_TRUSTED_PROXIES: "balancer.internal" })).toThrow(/ALLIES_TRUSTED_PROXIES: "balancer.internal" is not an address/);
    expect(() => loadConfig({ DATABASE_POOL_MAX: "0" })).toThrow(/DATABASE_POOL_MAX/);
    const config = loadConfig({ ALLIES_TRUSTED_PROXIES: "10.0.2.0/24", DATABASE_POOL_MAX: "25" });
    expect(config.ALLIES_TRUSTED_PROXIES).toEqual(["10.0.2.0/24"]);
    expect(config.DATABASE_POOL_MAX).toBe(25);
    expect(loadConfig({}).ALLIES_TRUSTED_PROXIES).toEqual(["loopback"]);
  });
});
