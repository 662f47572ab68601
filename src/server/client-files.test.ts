import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFiles, preferredEncoding } from "./client-files.ts";

describe("preferredEncoding", () => {
  it("picks brotli, then gzip, and honours q=0", () => {
    expect(preferredEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(preferredEncoding("gzip, deflate")).toBe("gzip");
    expect(preferredEncoding("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(preferredEncoding("gzip;q=1, br;q=0.2")).toBe("gzip");
    expect(preferredEncoding("*")).toBe("br");
    expect(preferredEncoding("identity")).toBeNull();
    expect(preferredEncoding("gzip;q=0")).toBeNull();
    expect(preferredEncoding(undefined)).toBeNull();
  });
});

describe("clientFiles", () => {
  const script = `export const text = ${JSON.stringify("allies ".repeat(2000))};\n`;
  let base = "";
  let close = () => {};

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "allies-client-"));
    mkdirSync(path.join(dir, "assets"));
    writeFileSync(path.join(dir, "assets", "entry-abc123.js"), script);
    writeFileSync(path.join(dir, "assets", "tiny-abc123.js"), "export {};\n");
    writeFileSync(path.join(dir, "robots.txt"), "User-agent: *\n");
    const app = express();
    app.use(clientFiles(dir));
    app.use((_req, res) => void res.status(404).send("page"));
    const server = app.listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  // node:http's request, not fetch: fetch would decompress the body itself.
  async function get(pathname: string, acceptEncoding?: string) {
    const { request } = await import("node:http");
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = request(base + pathname, { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("serves a hashed script compressed the way the browser asks, cached for a year", async () => {
    const br = await get("/assets/entry-abc123.js", "gzip, deflate, br");
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(br.headers["cache-control"]).toContain("immutable");
    expect(br.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await get("/assets/entry-abc123.js", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await get("/assets/entry-abc123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it("serves small files as they are, other build files by name, and leaves every other path to the pages", async () => {
    const tiny = await get("/assets/tiny-abc123.js", "br");
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.body.toString()).toBe("export {};\n");
    expect((await get("/robots.txt")).body.toString()).toBe("User-agent: *\n");
    expect((await get("/participants")).body.toString()).toBe("page");
    expect((await get("/assets/missing.js", "br")).status).toBe(404);
    expect((await get("/%E0%A4%A")).body.toString()).toBe("page");
  });
});
